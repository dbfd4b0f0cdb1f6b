"""The pure sale cart and invoice draft: lines, loop-mode serial entry, the commands they build."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from core.commands import Item, Payment, ReceiptLine
from core.domain.errors import InputError
from core.domain.tracking import Discrepancy
from core.drafts.cart import Cart, CartLine
from core.drafts.entry import parse_quantity
from core.drafts.goods_in import DraftLine, ReceiptDraft
from core.drafts.steps import in_stock

PHONE = CartLine("PHONE", "Phone", 899900, serial="SN1")
CABLE = CartLine("CABLE", "Cable", 19900)


def test_untracked_goods_at_the_same_price_merge_into_one_line() -> None:
    """Scanning a cable twice gives one line of two."""
    cart = Cart().add(CABLE).add(CABLE)
    assert [(line.sku, line.quantity) for line in cart.lines] == [("CABLE", 2)]
    assert cart.total == 2 * 19900 and cart.units == 2


def test_units_by_serial_number_never_merge() -> None:
    """Two phones are two lines, one serial number each."""
    cart = Cart().add(PHONE).add(CartLine("PHONE", "Phone", 899900, serial="SN2"))
    assert [line.serial for line in cart.lines] == ["SN1", "SN2"]


def test_loop_mode_keeps_the_product_pending_and_counts_its_units() -> None:
    """With the loop on, adding a unit of the pending product keeps asking."""
    cart = Cart(loop=True).ask_serials("PHONE", "Phone", "strict").add(PHONE)
    assert cart.pending is not None and cart.pending.added == 1


def test_without_the_loop_one_unit_ends_the_serial_entry() -> None:
    """With the loop off, the first unit ends the asking."""
    cart = Cart(loop=False).ask_serials("PHONE", "Phone", "strict").add(PHONE)
    assert cart.pending is None and len(cart.lines) == 1


def test_another_products_line_ends_the_serial_entry() -> None:
    """A cable scanned while phones are asked for ends the loop."""
    cart = Cart(loop=True).ask_serials("PHONE", "Phone", "strict").add(PHONE).add(CABLE)
    assert cart.pending is None and len(cart.lines) == 2


def test_toggling_the_loop_and_ending_serial_entry() -> None:
    """F7 flips the loop; ending serial entry clears the pending product."""
    cart = Cart(loop=True).toggle_loop().ask_serials("BIKE", "Bike", "soft")
    assert not cart.loop and cart.end_serials().pending is None


def test_items_name_price_overrides_only() -> None:
    """The sale command carries a price only where the cashier overrode it."""
    cart = Cart().add(CABLE).add(PHONE).with_price(0, 15000).with_quantity(0, 3)
    assert cart.items() == (Item("CABLE", None, 3, 15000), Item("PHONE", "SN1", 1, None))
    assert cart.items(Item("BIKE"))[-1] == Item("BIKE")


def test_remove_and_customer_and_the_sale_command() -> None:
    """Removing a line, naming the customer and building the sale."""
    cart = Cart().add(CABLE).add(PHONE).remove(0).with_customer(" Olena ", " +380 ")
    sale = cart.sale(Payment.CASH, 1000000)
    assert sale.items == (Item("PHONE", "SN1"),)
    assert (sale.customer, sale.phone, sale.tendered) == ("Olena", "+380", 1000000)
    assert cart.change(1000000) == 1000000 - 899900


def test_new_warnings_are_those_the_lines_do_not_carry_yet() -> None:
    """A rehearsal repeats old warnings; only the new ones belong to the new line."""
    old = Discrepancy("serial_required", "needs SN", "BIKE")
    cart = Cart().add(CartLine("BIKE", "Bike", 100, warnings=(old,)))
    assert cart.new_warnings([old, old]) == (old,)
    assert cart.new_warnings([old]) == ()


def test_cleared_cart_keeps_the_loop_setting_and_gets_its_own_request_id() -> None:
    """The next customer's cart is empty, keeps the loop setting, and is a new request."""
    cart = Cart(loop=False).add(CABLE)
    cleared = cart.cleared()
    assert replace(cleared, request="") == replace(Cart(loop=False), request="")
    assert cleared.request != cart.request
    assert cart.sale(Payment.CASH).request_id == cart.request


def test_index_of_finds_the_line_a_unit_merged_into() -> None:
    """The cursor goes to the line the scan changed."""
    cart = Cart().add(CABLE).add(PHONE).add(CABLE)
    assert cart.index_of(CABLE) == 0 and cart.index_of(PHONE) == 1


@pytest.mark.parametrize("text", ["0", "-1", "1.5", "x", ""])
def test_a_quantity_must_be_a_whole_number_of_at_least_one(text: str) -> None:
    """Quantities are typed whole numbers."""
    with pytest.raises(InputError):
        parse_quantity(text)


def test_a_quantity_is_read_with_spaces_allowed() -> None:
    """`` 1 000 `` is a thousand."""
    assert parse_quantity(" 1 000 ") == 1000


@dataclass(frozen=True)
class _Unit:
    state: str


def test_only_units_on_the_shelf_may_be_sold_by_a_bare_scan() -> None:
    """A scanned serial number adds a unit only when it is in stock."""
    units = [_Unit("sold"), _Unit("in_stock"), _Unit("in_repair")]
    assert in_stock(units) == [_Unit("in_stock")]


def test_receipt_draft_builds_its_command() -> None:
    """The draft becomes one ReceiveStock with the header and every line."""
    draft = (
        ReceiptDraft()
        .add(DraftLine("PHONE", "Phone", "strict", 2, 500000))
        .add(DraftLine("CABLE", "Cable", "none", 5, 5000))
        .with_serials(0, ["A", "B"])
        .with_header(" ТОВ ", " 17 ")
    )
    command = draft.command()
    assert (command.supplier, command.invoice_number) == ("ТОВ", "17")
    assert command.lines == (
        ReceiptLine("PHONE", 2, 500000, ("A", "B")),
        ReceiptLine("CABLE", 5, 5000),
    )
    assert draft.units == 7 and draft.total == 1025000
    assert draft.remove(1).lines == draft.lines[:1]


def test_serial_check_counts_each_line_by_its_serials_after_the_same_products_others() -> None:
    """Checking a serial rehearses the same product's other lines, then this one so far."""
    draft = (
        ReceiptDraft()
        .add(DraftLine("PHONE", "Phone", "strict", 2, 500000, ("A", "B")))
        .add(DraftLine("CABLE", "Cable", "none", 5, 5000))
        .add(DraftLine("PHONE", "Phone", "strict", 3, 510000))
    )
    command = draft.serial_check(2, ["C"])
    assert command.supplier == "-"
    assert command.lines == (
        ReceiptLine("PHONE", 2, 500000, ("A", "B")),
        ReceiptLine("PHONE", 1, 510000, ("C",)),
    )
