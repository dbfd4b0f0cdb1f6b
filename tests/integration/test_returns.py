"""Customer returns, supplier returns and write-offs follow the same checks."""

from __future__ import annotations

import pytest

from core.commands import Item, ReturnQuantity, ReturnToSupplier, ReturnUnit, WriteOff
from core.domain.errors import DomainError, InputError, SerialRuleError
from core.services import returns, stock_out
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop


def test_return_by_sn_refunds_the_sale_price_and_restocks_at_cost(any_shop: Shop) -> None:
    """The return is tied to the sale that issued the unit."""
    any_shop.receive("PHONE", "SN1", cost=400000)
    sale = any_shop.sell("PHONE", "SN1", customer="Петро")
    posted = any_shop.return_serial("sn1")
    assert posted.ref_number == sale.number and posted.total == 899900
    assert posted.party == "Петро"
    unit = any_shop.uow.units.by_serial(["SN1"])[0]
    assert unit.state.value == "in_stock" and unit.cost == 400000
    assert any_shop.sell("PHONE", "SN1").lines[0].serials == ("SN1",)


def test_strict_return_of_an_sn_in_stock_is_refused(any_shop: Shop) -> None:
    """A unit on the shelf was never sold, so it cannot come back."""
    any_shop.receive("PHONE", "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError) as refused:
        any_shop.return_serial("SN1")
    assert refused.value.rule == "return_in_stock"
    assert table_counts(any_shop.uow) == before


def test_return_of_an_sn_never_seen_is_refused(shop: Shop) -> None:
    """A customer's unit that this shop never sold is refused by name."""
    with pytest.raises(DomainError, match="never sold by this shop"):
        shop.return_serial("SN404")


def test_soft_return_of_an_unsold_unit_warns(shop: Shop) -> None:
    """Soft tracking takes it back with a recorded warning."""
    shop.receive("BIKE", "B1")
    posted = shop.return_serial("B1")
    assert [w.rule for w in posted.warnings] == ["return_in_stock"]


def test_untracked_goods_are_returned_against_their_sale_up_to_what_was_sold(shop: Shop) -> None:
    """Two cables sold, one returned, then at most one more."""
    shop.receive("CABLE", quantity=5, cost=1000)
    sale = shop.sell("CABLE", quantity=2)
    posted = returns.return_quantity(ReturnQuantity(sale.number, "CABLE", 1), shop.uow, shop.ctx)
    assert posted.total == 19900 and posted.ref_number == sale.number
    with pytest.raises(DomainError) as refused:
        returns.return_quantity(ReturnQuantity(sale.number, "CABLE", 2), shop.uow, shop.ctx)
    assert refused.value.rule == "return_exceeds_sale"


def test_strict_goods_cannot_be_returned_by_quantity(shop: Shop) -> None:
    """A strict unit comes back by its SN only."""
    shop.receive("PHONE", "SN1")
    sale = shop.sell("PHONE", "SN1")
    with pytest.raises(SerialRuleError):
        returns.return_quantity(ReturnQuantity(sale.number, "PHONE", 1), shop.uow, shop.ctx)


def test_supplier_return_removes_the_unit_from_stock(shop: Shop) -> None:
    """A defective unit sent back is no longer in stock and cannot be sold."""
    shop.receive("PHONE", "SN1")
    stock_out.return_to_supplier(
        ReturnToSupplier("ТОВ", (Item("PHONE", "SN1"),), "defect"), shop.uow, shop.ctx
    )
    with pytest.raises(SerialRuleError, match="returned to the supplier"):
        shop.sell("PHONE", "SN1")


def test_write_off_needs_a_reason_and_an_in_stock_unit(shop: Shop) -> None:
    """Writing off a sold unit is refused; a reason is required."""
    shop.run("receive PHONE SN1 SN2; sell PHONE SN1")
    with pytest.raises(InputError):
        stock_out.write_off(WriteOff(" ", (Item("PHONE", "SN2"),)), shop.uow, shop.ctx)
    with pytest.raises(SerialRuleError):
        stock_out.write_off(WriteOff("broken", (Item("PHONE", "SN1"),)), shop.uow, shop.ctx)
    posted = stock_out.write_off(WriteOff("broken", (Item("PHONE", "SN2"),)), shop.uow, shop.ctx)
    assert posted.lines[0].serials == ("SN2",)


def test_return_unit_with_ambiguous_sn_asks_for_the_product(shop: Shop) -> None:
    """The same SN sold as two products needs the product named."""
    shop.receive("PHONE", "X1")
    shop.receive("BIKE", "X1")
    shop.sell("PHONE", "X1")
    shop.sell("BIKE", "X1")
    with pytest.raises(InputError, match="several products"):
        shop.return_serial("X1")
    posted = returns.return_unit(ReturnUnit("X1", code="BIKE"), shop.uow, shop.ctx)
    assert posted.lines[0].sku == "BIKE"
