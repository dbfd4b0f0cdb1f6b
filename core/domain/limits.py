"""The input boundary: the limits every value from a user, a file or a scanner must keep.

The same limits hold on SQLite and PostgreSQL (the text lengths are PostgreSQL's column
sizes), so a value one engine would store and the other refuse is refused by both, before
anything is written. A refusal names the field, the value (shortened, escaped) and the limit.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import IntEnum
from typing import TypeVar

from core.domain.errors import InputError
from core.i18n import _


class TextLimit(IntEnum):
    """The longest text each kind of field holds, in characters."""

    CODE = 64
    """A SKU, a barcode, a serial number, a document number typed to find it."""
    NAME = 300
    """A product's name."""
    PARTY = 200
    """A supplier or a customer."""
    PHONE = 40
    REASON = 500
    """Why goods were returned, written off or corrected."""
    PATH = 400
    """A product type's path such as ``Phones/Android``."""


MAX_QUANTITY = 1_000_000
"""The most units one document line may hold."""
MAX_AMOUNT = 10**10
"""The largest amount of money in minor units (100 million hryvnias)."""
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
"""Documents are dated within these days; warranty ends may run past the last one."""

_Ordered = TypeVar("_Ordered", int, date)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SHOWN = 40
"""How many characters of a refused value a message repeats."""
_SHOWN_FILE = 400
"""How many characters of a file's name a message repeats."""


_OUTPUT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escaped(text: str) -> str:
    """``text`` safe to write to a terminal: control characters other than newline and tab
    become visible ``\\u001b`` escapes (valid in JSON too), and characters that are not
    valid Unicode (undecodable bytes of an argument) become ``\\udcff``."""
    safe = _OUTPUT_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return safe.encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: str, limit: int = _SHOWN) -> str:
    """A value as a message may repeat it: on one line, control characters escaped, shortened."""
    safe = escaped(value).replace("\n", "\\u000a").replace("\t", "\\u0009")
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def shown_file(path: object) -> str:
    """A file's name as a message repeats it: on one line, escaped, shortened past 400."""
    return shown(str(path), _SHOWN_FILE)


def has_control(value: str) -> bool:
    """True when ``value`` holds a control character (a NUL, an escape, a line break)."""
    return _CONTROL.search(value) is not None


def text(field: str, value: str, limit: TextLimit, *, required: bool = True) -> str:
    """``value`` trimmed, if it is valid UTF-8 without control characters and short enough."""
    cleaned = value.strip()
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            _("{field} “{value}” is not valid text: retype it.").format(
                field=field, value=shown(cleaned)
            )
        ) from None
    if has_control(cleaned):
        raise InputError(
            _("{field} “{value}” holds control characters: retype it.").format(
                field=field, value=shown(cleaned)
            )
        )
    if required and not cleaned:
        raise InputError(_("{field} is empty: fill it in.").format(field=field))
    if len(cleaned) > limit:
        raise InputError(
            _("{field} “{value}” is longer than {limit} characters.").format(
                field=field, value=shown(cleaned), limit=int(limit)
            )
        )
    return unicodedata.normalize("NFC", cleaned)


def optional_text(field: str, value: str | None, limit: TextLimit) -> str | None:
    """Like ``text`` for a field that may be left out; blank becomes None."""
    if value is None:
        return None
    return text(field, value, limit, required=False) or None


def quantity(field: str, value: int) -> int:
    """A quantity of 1 to ``MAX_QUANTITY`` units."""
    return _within(field, value, 1, MAX_QUANTITY)


def amount(field: str, value: int) -> int:
    """An amount of 0 to ``MAX_AMOUNT`` minor units (kopecks)."""
    return _within(field, value, 0, MAX_AMOUNT)


def day(field: str, value: date) -> date:
    """A document date between ``FIRST_DAY`` and ``LAST_DAY``."""
    return _within(field, value, FIRST_DAY, LAST_DAY)


def _within(field: str, value: _Ordered, first: _Ordered, last: _Ordered) -> _Ordered:
    """``value`` when it lies between ``first`` and ``last``; else the refusal naming both."""
    if not first <= value <= last:
        raise InputError(
            _("{field} {value} is outside {first}…{last}.").format(
                field=field, value=shown_file(value), first=first, last=last
            )
        )
    return value
