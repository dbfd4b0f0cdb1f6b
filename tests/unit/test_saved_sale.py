"""The open sale's saved form: read back as it was written, and anything else refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.drafts.cart import Cart, CartLine
from core.drafts.saved_sale import UnreadableSale, dump, load

SAVED_AT = datetime(2026, 12, 2, 9, 41, tzinfo=UTC)


def _cart() -> Cart:
    return Cart(
        lines=(
            CartLine("PHONE", "Смартфон", 899900, serial="SN-0001"),
            CartLine("CABLE", "Кабель", 15000, quantity=3, price_override=True),
        ),
        customer="Іван Петренко",
        phone="+380501234567",
        loop=False,
        request="request-1",
    )


def test_a_saved_cart_reads_back_as_it_was() -> None:
    cart = _cart()
    saved = load(dump(cart, SAVED_AT))
    assert saved.cart == cart
    assert saved.saved_at == SAVED_AT


def test_serial_entry_in_progress_and_warnings_are_not_saved() -> None:
    cart = _cart().ask_serials("PHONE", "Смартфон", "strict")
    saved = load(dump(cart, SAVED_AT)).cart
    assert saved.pending is None and saved.lines == cart.lines


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"{truncated",
        b"[]",
        b'{"format": 99}',
        dump(_cart(), SAVED_AT).replace(b'"quantity": 3', b'"quantity": -3'),
        dump(_cart(), SAVED_AT).replace(b'"unit_price": 15000', b'"unit_price": "15000"'),
        dump(_cart(), SAVED_AT).replace(b'"loop": false', b'"loop": "no"'),
        dump(_cart(), SAVED_AT).replace(b'"saved_at": "2026', b'"saved_at": "x2026'),
    ],
)
def test_a_damaged_file_is_unreadable_never_a_crash(data: bytes) -> None:
    with pytest.raises(UnreadableSale) as unreadable:
        load(data)
    assert unreadable.value.message.startswith("The saved open sale cannot be read")
