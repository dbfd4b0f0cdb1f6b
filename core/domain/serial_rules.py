"""Serial-number rules: normalisation, patterns, check digits and the barcode guard."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import InputError
from core.domain.pattern_safety import nested_repetition
from core.i18n import _


class SerialCheck(StrEnum):
    """A check-digit algorithm a product type can demand of its serial numbers."""

    IMEI = "imei"
    """15 digits whose last digit is the Luhn check digit."""


def luhn_valid(digits: str) -> bool:
    """True when a string of digits passes the Luhn check."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_imei(serial: str) -> bool:
    """True for a 15-digit IMEI with a valid check digit."""
    return len(serial) == 15 and luhn_valid(serial)


def is_ean13(code: str) -> bool:
    """True for 13 digits with a valid EAN-13 check digit."""
    if len(code) != 13 or not code.isdigit():
        return False
    weighted = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code[:12]))
    return (10 - weighted % 10) % 10 == int(code[12])


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SerialRule:
    """How a product type's serial numbers are normalised and validated."""

    uppercase: bool = True
    """Fold letters to upper case, so ``sn-1`` and ``SN-1`` are one unit."""
    pattern: str | None = None
    """A regular expression the whole serial number must match."""
    check: SerialCheck | None = None
    """A check-digit algorithm, such as the IMEI's Luhn digit."""

    def __post_init__(self) -> None:
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise InputError(
                    _("The SN pattern {pattern} is not valid: {error}.").format(
                        pattern=repr(self.pattern), error=exc
                    )
                ) from exc
            if nested_repetition(self.pattern):
                raise InputError(
                    _(
                        "The SN pattern {pattern} repeats a part that itself repeats, which can "
                        "take minutes to check one serial number: write it without the nested "
                        "repetition (for example [A-Z]+ instead of ([A-Z]+)+)."
                    ).format(pattern=repr(self.pattern))
                )

    def normalise(self, raw: str) -> str:
        """The canonical form of a typed or scanned serial number."""
        serial = _CONTROL.sub("", raw).strip()
        return serial.upper() if self.uppercase else serial

    def problem(self, serial: str) -> str | None:
        """Why a normalised serial number breaks this rule, or None when it is fine."""
        if not serial:
            return _("the serial number is empty")
        if len(serial) > 64:
            return _("the serial number is longer than 64 characters")
        if self.pattern is not None and not re.fullmatch(self.pattern, serial):
            return _("it does not match the pattern {pattern}").format(pattern=self.pattern)
        if self.check is SerialCheck.IMEI and not is_imei(serial):
            return _("it is not a valid IMEI (15 digits with a correct check digit)")
        return None

    def explicitly_allows(self, serial: str) -> bool:
        """True when a pattern or check was set and this serial satisfies it."""
        if self.pattern is None and self.check is None:
            return False
        return self.problem(serial) is None
