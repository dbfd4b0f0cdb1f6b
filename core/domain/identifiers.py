"""The identifiers a unit carries (a phone's IMEI 1, IMEI 2 and serial number), each with its rule.

A product type may declare them in order; the first is the unit's primary serial number, the
one the ledger and the reports use. A unit's identifiers travel as one text joined with ``|``
(``IMEI1|IMEI2|SN``); an identifier after the first may be left out (a single-SIM phone)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import InputError
from core.domain.serial_rules import SerialCheck, SerialRule
from core.i18n import _

SEPARATOR = "|"
"""Joins the identifiers of one unit: ``IMEI1|IMEI2|SN``."""

MAX_IDENTIFIERS = 6
"""The most identifiers a product type may declare."""


class IdentifierKind(StrEnum):
    """A kind of identifier a unit may carry, which decides its rule."""

    IMEI = "imei"
    """15 digits with the Luhn check digit."""
    SERIAL = "serial"
    """The manufacturer's serial number, checked by the type's SN rule (pattern, check)."""


def parse_kinds(text: str) -> tuple[str, ...]:
    """``imei,imei,serial`` → the declared kinds in order; an empty text declares none."""
    kinds = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    known = {kind.value for kind in IdentifierKind}
    for kind in kinds:
        if kind not in known:
            raise InputError(
                _("Unknown identifier “{kind}”: use imei or serial.").format(kind=kind)
            )
    if len(kinds) > MAX_IDENTIFIERS:
        raise InputError(
            _("A unit may carry at most {limit} identifiers.").format(limit=MAX_IDENTIFIERS)
        )
    return kinds


def rule_for(kind: str, base: SerialRule) -> SerialRule:
    """The rule of one identifier: the IMEI check, or the type's own SN rule."""
    if kind == IdentifierKind.IMEI:
        return SerialRule(uppercase=True, check=SerialCheck.IMEI)
    return base


def labels(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """How screens and printouts name each identifier: ``IMEI 1``, ``IMEI 2``, ``SN``."""
    totals = Counter(kinds)
    seen: Counter[str] = Counter()
    names = []
    for kind in kinds:
        seen[kind] += 1
        word = "IMEI" if kind == IdentifierKind.IMEI else "SN"
        names.append(f"{word} {seen[kind]}" if totals[kind] > 1 else word)
    return tuple(names)


@dataclass(frozen=True)
class Identifier:
    """One identifier of a unit: its place in the declared order, its kind and its value."""

    position: int
    kind: str
    code: str
    label: str


def split_unit(text: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The identifiers of one unit as given (``IMEI1|IMEI2|SN``), blanks kept in place.

    Refuses more identifiers than the type declares, or a unit without its first one."""
    parts = tuple(part.strip() for part in text.split(SEPARATOR))
    if len(parts) > len(kinds):
        raise InputError(
            _("“{text}” gives {count} identifiers; the type declares {declared}: {kinds}.").format(
                text=text, count=len(parts), declared=len(kinds), kinds=", ".join(labels(kinds))
            )
        )
    if not parts[0]:
        raise InputError(
            _("“{text}” lacks the first identifier ({label}), the unit's serial number.").format(
                text=text, label=labels(kinds)[0]
            )
        )
    return parts


def join_unit(codes: tuple[str, ...] | list[str]) -> str:
    """One unit's identifiers as one text, trailing blanks dropped."""
    values = list(codes)
    while values and not values[-1]:
        values.pop()
    return SEPARATOR.join(values)
