"""Receipts: one SN per unit, no duplicates, corrections while the units are in stock."""

from __future__ import annotations

import pytest

from core.commands import CorrectReceiptSerials, ReceiptLine, ReceiveStock
from core.domain.errors import DomainError, InputError, SerialRuleError
from core.services import corrections, queries, receiving
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop


def test_receipt_of_an_sn_already_in_stock_is_refused(any_shop: Shop) -> None:
    """An SN in stock cannot be received again; nothing is written."""
    any_shop.receive("PHONE", "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError) as refused:
        any_shop.receive("PHONE", "SN2", "sn1")
    assert refused.value.rule == "duplicate_receipt"
    assert table_counts(any_shop.uow) == before


def test_receipt_refuses_one_sn_twice_in_the_invoice(shop: Shop) -> None:
    """The same SN on two lines of one invoice is a duplicate."""
    lines = (ReceiptLine("PHONE", 1, 100, ("SN1",)), ReceiptLine("PHONE", 1, 100, ("SN1",)))
    with pytest.raises(SerialRuleError, match="already in this document"):
        receiving.receive(ReceiveStock("ТОВ", lines), shop.uow, shop.ctx)


def test_strict_line_needs_exactly_one_sn_per_unit(shop: Shop) -> None:
    """Quantity 3 with two SNs is refused under strict tracking."""
    with pytest.raises(SerialRuleError) as refused:
        shop.receive("PHONE", "SN1", "SN2", quantity=3)
    assert refused.value.rule == "quantity_mismatch"
    with pytest.raises(InputError, match="extra"):
        shop.receive("PHONE", "SN1", "SN2", quantity=1)


def test_soft_line_with_fewer_sns_warns_and_takes_the_quantity(shop: Shop) -> None:
    """Soft tracking records the shortfall and receives all units."""
    posted = shop.receive("BIKE", "B1", quantity=3)
    assert [w.rule for w in posted.warnings] == ["quantity_mismatch"]
    bike = shop.uow.catalogue.product_by_code("BIKE")
    assert bike is not None and shop.uow.stock.on_hand(bike.id) == 3


def test_a_unit_sold_and_returned_to_the_supplier_can_be_received_again(shop: Shop) -> None:
    """Only an SN in stock is a duplicate; one back from the supplier is welcome."""
    shop.receive("PHONE", "SN1")
    from core.commands import Item, ReturnToSupplier
    from core.services import stock_out

    stock_out.return_to_supplier(
        ReturnToSupplier("ТОВ", (Item("PHONE", "SN1"),)), shop.uow, shop.ctx
    )
    assert shop.receive("PHONE", "SN1").lines[0].serials == ("SN1",)


def test_untracked_goods_refuse_serial_numbers(shop: Shop) -> None:
    """SNs on a line of untracked goods are an input error, not silently dropped."""
    with pytest.raises(InputError, match="not tracked"):
        shop.receive("CABLE", "X1")


def test_correcting_an_sn_of_a_posted_receipt_keeps_both_versions(shop: Shop) -> None:
    """The wrong SN leaves, the right one arrives at the same cost, history shows both."""
    posted = shop.receive("PHONE", "SN1", "SN2", cost=420000)
    cmd = CorrectReceiptSerials(posted.number, (("SN2", "SN5"),), "typo")
    corrections.correct_receipt_serials(cmd, shop.uow, shop.ctx)
    view = queries.document(shop.uow, posted.number)
    assert view.lines[0][1] == ("SN1", "SN5")
    (old,) = queries.serial_history(shop.uow, "SN2", shop.ctx.clock.today())
    (new,) = queries.serial_history(shop.uow, "SN5", shop.ctx.clock.today())
    assert old.state.value == "corrected" and [e.kind for e in old.events] == [
        "received",
        "corrected_out",
    ]
    assert new.state.value == "in_stock" and new.events[-1].detail == (
        f"replaces SN2 on {posted.number}"
    )
    assert shop.sell("PHONE", "SN5").lines[0].serials == ("SN5",)


def test_correction_is_refused_once_the_unit_has_left_the_stock(shop: Shop) -> None:
    """A sold unit can no longer be corrected on its receipt."""
    posted = shop.receive("PHONE", "SN1")
    shop.sell("PHONE", "SN1")
    cmd = CorrectReceiptSerials(posted.number, (("SN1", "SN9"),))
    with pytest.raises(DomainError) as refused:
        corrections.correct_receipt_serials(cmd, shop.uow, shop.ctx)
    assert refused.value.rule == "correction_not_in_stock"


def test_correction_refuses_a_new_sn_already_in_stock(shop: Shop) -> None:
    """Correcting to an SN that is already on the shelf would put one unit in two places."""
    posted = shop.receive("PHONE", "SN1", "SN2")
    cmd = CorrectReceiptSerials(posted.number, (("SN1", "SN2"),))
    with pytest.raises(SerialRuleError):
        corrections.correct_receipt_serials(cmd, shop.uow, shop.ctx)
