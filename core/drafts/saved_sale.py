"""An open sale written down between scans, so that a crash or a power cut does not lose it.

The front end saves the cart after every change and clears it when the sale is posted or
abandoned; at the next start it reads it back and lets ``SaleDraft.resume`` check every line
against the ledger as it is then. This module holds the format only: a small JSON object,
versioned, read back strictly (anything else is ``UnreadableSale``, never a crash)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.domain.errors import InputError
from core.domain.limits import MAX_AMOUNT, MAX_QUANTITY
from core.drafts.cart import Cart, CartLine
from core.i18n import _

FORMAT = 1
"""The version of the saved form; another version is refused as unreadable."""

MAX_LINES = 10_000
"""More lines than any sale holds: a file claiming more is not one of ours."""


class UnreadableSale(InputError):
    """The saved sale is damaged or not a saved sale at all."""


@dataclass(frozen=True)
class SavedSale:
    """A cart as it was saved, and when."""

    cart: Cart
    saved_at: datetime


def dump(cart: Cart, saved_at: datetime) -> bytes:
    """The cart as UTF-8 JSON (serial entry in progress and warnings are not kept: the lines
    are checked again when the sale is resumed)."""
    data = {
        "format": FORMAT,
        "saved_at": saved_at.isoformat(),
        "customer": cart.customer,
        "phone": cart.phone,
        "loop": cart.loop,
        "request": cart.request,
        "lines": [
            {
                "sku": line.sku,
                "name": line.name,
                "unit_price": line.unit_price,
                "quantity": line.quantity,
                "serial": line.serial,
                "price_override": line.price_override,
            }
            for line in cart.lines
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def load(data: bytes) -> SavedSale:
    """A saved sale read back; ``UnreadableSale`` when the bytes are not one."""
    try:
        raw = json.loads(data.decode("utf-8"))
        return _saved(raw)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise UnreadableSale(
            _("The saved open sale cannot be read ({problem}).").format(problem=exc)
        ) from None


def _saved(raw: dict[str, Any]) -> SavedSale:
    if raw["format"] != FORMAT:
        raise ValueError(f"format {raw['format']!r}")
    lines = raw["lines"]
    if not isinstance(lines, list) or len(lines) > MAX_LINES:
        raise ValueError("lines")
    cart = Cart(
        lines=tuple(_line(line) for line in lines),
        customer=_text(raw["customer"]),
        phone=_text(raw["phone"]),
        loop=_flag(raw["loop"]),
        request=_text(raw["request"]) or Cart().request,
    )
    saved_at = datetime.fromisoformat(_text(raw["saved_at"]))
    return SavedSale(cart, saved_at)


def _line(raw: dict[str, Any]) -> CartLine:
    serial = raw["serial"]
    return CartLine(
        sku=_text(raw["sku"]),
        name=_text(raw["name"]),
        unit_price=_number(raw["unit_price"], 0, MAX_AMOUNT),
        quantity=_number(raw["quantity"], 1, MAX_QUANTITY),
        serial=None if serial is None else _text(serial),
        price_override=_flag(raw["price_override"]),
    )


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 1000:
        raise TypeError("a text field")
    return value


def _number(value: object, least: int, most: int) -> int:
    if type(value) is not int or not least <= value <= most:
        raise ValueError(f"a number out of range: {value!r}")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("a yes/no field")
    return value
