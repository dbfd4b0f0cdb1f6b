"""Parsing the command line's compact item syntax: CODE:SN, CODE*QTY, CODE:QTY:COST:SN,…"""

from __future__ import annotations

from datetime import date

from core.commands import Item, ReceiptLine
from core.domain.errors import InputError
from core.domain.money import parse_money


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"“{text}” is not a date: write it as YYYY-MM-DD.") from None


def parse_quantity(text: str, what: str) -> int:
    """A whole number of units, at least 1."""
    try:
        quantity = int(text.strip())
    except ValueError:
        raise InputError(f"The quantity “{text}” in {what} is not a whole number.") from None
    if quantity < 1:
        raise InputError(f"The quantity in {what} must be at least 1.")
    return quantity


def parse_item(text: str) -> Item:
    """``CODE:SN`` (one tracked unit), ``CODE*QTY`` or ``CODE`` (untracked goods)."""
    if ":" in text:
        code, serial = text.split(":", 1)
        if not code.strip() or not serial.strip():
            raise InputError(f"“{text}” should be CODE:SN, both parts filled in.")
        return Item(code.strip(), serial=serial.strip())
    if "*" in text:
        code, quantity = text.rsplit("*", 1)
        return Item(code.strip(), quantity=parse_quantity(quantity, text))
    if not text.strip():
        raise InputError("An empty item was given: write CODE, CODE*QTY or CODE:SN.")
    return Item(text.strip())


def parse_receipt_line(text: str) -> ReceiptLine:
    """``CODE:QTY:UNIT_COST[:SN1,SN2,...]``."""
    parts = text.split(":", 3)
    if len(parts) < 3 or not parts[0].strip():
        raise InputError(f"The line “{text}” should be CODE:QTY:UNIT_COST[:SN1,SN2,...].")
    serials = tuple(s.strip() for s in parts[3].split(",") if s.strip()) if len(parts) == 4 else ()
    return ReceiptLine(
        parts[0].strip(), parse_quantity(parts[1], text), parse_money(parts[2]), serials
    )


def parse_replacement(text: str) -> tuple[str, str]:
    """``OLD_SN=NEW_SN``."""
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise InputError(f"“{text}” should be OLD_SN=NEW_SN.")
    return old.strip(), new.strip()
