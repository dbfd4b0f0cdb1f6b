"""Parsing the command line's compact item syntax: CODE:SN, CODE*QTY, CODE:QTY:COST:SN,…"""

from __future__ import annotations

import argparse
import re
from datetime import date

from cli.i18n import _
from core.commands import Item, ReceiptLine
from core.domain import limits
from core.domain.errors import InputError
from core.domain.limits import shown
from core.domain.money import parse_money


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv|json`` for a command that prints rows (a table by default)."""
    parser.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help=_("how to print the rows (default: table)"),
    )


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD, within the years the till accepts."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("“{text}” is not a date: write it as YYYY-MM-DD.").format(text=shown(text))
        ) from None
    return limits.day(_("Date"), day)


MAX_ID = 2**63 - 1
"""The largest row id either engine stores."""


def parse_id(text: str) -> int:
    """A row's id as the operator types it: a whole number from 1."""
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]{1,19}", cleaned) or not 1 <= int(cleaned) <= MAX_ID:
        raise InputError(
            _("“{text}” is not an id: write a whole number such as 12.").format(text=shown(text))
        )
    return int(cleaned)


MAX_LIMIT = 1_000_000
"""The most rows a ``--limit`` may ask for."""


def parse_limit(text: str) -> int:
    """``--limit N``: a whole number of rows from 1 (argparse says what is wrong)."""
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]{1,7}", cleaned) or not 1 <= int(cleaned) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a number of rows: write a whole number from 1 to {most}.").format(
                text=shown(text), most=MAX_LIMIT
            )
        )
    return int(cleaned)


def parse_quantity(text: str, what: str) -> int:
    """A whole number of units, 1 to the most one line may hold."""
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        raise InputError(
            _("The quantity “{text}” in {what} is not a whole number from 1 to {limit}.").format(
                text=shown(text), what=shown(what), limit=limits.MAX_QUANTITY
            )
        )
    return limits.quantity(_("Quantity in {what}").format(what=shown(what)), int(cleaned))


def parse_item(text: str) -> Item:
    """``CODE:SN`` (one tracked unit), ``CODE*QTY`` or ``CODE`` (untracked goods)."""
    if ":" in text:
        code, serial = text.split(":", 1)
        if not code.strip() or not serial.strip():
            raise InputError(
                _("“{text}” should be CODE:SN, both parts filled in.").format(text=text)
            )
        return Item(code.strip(), serial=serial.strip())
    if "*" in text:
        code, quantity = text.rsplit("*", 1)
        return Item(code.strip(), quantity=parse_quantity(quantity, text))
    if not text.strip():
        raise InputError(_("An empty item was given: write CODE, CODE*QTY or CODE:SN."))
    return Item(text.strip())


def parse_receipt_line(text: str) -> ReceiptLine:
    """``CODE:QTY:UNIT_COST[:SN1,SN2,...]``."""
    parts = text.split(":", 3)
    if len(parts) < 3 or not parts[0].strip():
        message = _("The line “{text}” should be CODE:QTY:UNIT_COST[:SN1,SN2,...].")
        raise InputError(message.format(text=text))
    serials = tuple(s.strip() for s in parts[3].split(",") if s.strip()) if len(parts) == 4 else ()
    return ReceiptLine(
        parts[0].strip(), parse_quantity(parts[1], text), parse_money(parts[2]), serials
    )


def parse_replacement(text: str) -> tuple[str, str]:
    """``OLD_SN=NEW_SN``."""
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise InputError(_("“{text}” should be OLD_SN=NEW_SN.").format(text=text))
    return old.strip(), new.strip()
