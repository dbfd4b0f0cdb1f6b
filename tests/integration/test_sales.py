"""Sales: strict refuses, soft warns, untracked goods by FIFO, warranty from the sale date."""

from __future__ import annotations

from datetime import date

import pytest

from core.commands import Item, Payment, RecordSale
from core.domain.errors import InputError, NotFound, SerialRuleError, StockError
from core.reports import StockFilter
from core.services import reports, selling
from tests.integration.ledger_counts import table_counts
from tests.shop import PHONE_BARCODE, Shop


def test_strict_sale_of_an_in_stock_unit_costs_that_very_unit(any_shop: Shop) -> None:
    """The sale writes off the purchase cost of the SN sold (specific identification)."""
    any_shop.receive("PHONE", "SN1", cost=400000)
    any_shop.receive("PHONE", "SN2", cost=450000)
    posted = any_shop.sell("PHONE", "SN2")
    cost = any_shop.uow.sql.scalar(
        "SELECT cost FROM document_line l JOIN document d ON d.id = l.document_id "
        "WHERE d.number = ?",
        (posted.number,),
    )
    assert int(cost) == 450000
    assert posted.lines[0].serials == ("SN2",)


def test_strict_sale_rejects_serial_already_sold_and_writes_nothing(any_shop: Shop) -> None:
    """Selling the same unit twice is refused with the SN, product and rule named."""
    any_shop.run("receive PHONE SN1; sell PHONE SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError) as refused:
        any_shop.sell("PHONE", "SN1")
    assert refused.value.rule == "not_in_stock"
    assert "SN1" in refused.value.message and "PHONE" in refused.value.message
    assert table_counts(any_shop.uow) == before


def test_a_refused_unit_refuses_the_whole_sale(shop: Shop) -> None:
    """One bad SN among good lines posts nothing at all."""
    shop.receive("PHONE", "SN1")
    shop.receive("CABLE", quantity=5, cost=1000)
    before = table_counts(shop.uow)
    cmd = RecordSale((Item("CABLE", quantity=2), Item("PHONE", "SN1"), Item("PHONE", "SN9")))
    with pytest.raises(SerialRuleError):
        selling.sell(cmd, shop.uow, shop.ctx)
    assert table_counts(shop.uow) == before


def test_strict_sale_refuses_the_same_sn_twice_in_one_sale(shop: Shop) -> None:
    """Two scans of one unit in a cart are a duplicate, not two units."""
    shop.receive("PHONE", "SN1", "SN2")
    with pytest.raises(SerialRuleError, match="already in this document"):
        shop.sell("PHONE", "SN1", "SN1")


def test_strict_sale_needs_a_serial_number(shop: Shop) -> None:
    """A strictly tracked product sold by quantity is refused."""
    shop.receive("PHONE", "SN1")
    with pytest.raises(SerialRuleError) as refused:
        selling.sell(RecordSale((Item("PHONE"),)), shop.uow, shop.ctx)
    assert refused.value.rule == "serial_required"


def test_sale_refuses_the_box_barcode_scanned_as_a_serial(shop: Shop) -> None:
    """The commonest cashier mistake gets its own message."""
    shop.receive("PHONE", "SN1")
    with pytest.raises(SerialRuleError, match="scan the serial number"):
        shop.sell("PHONE", PHONE_BARCODE)


def test_sn_is_found_in_any_case_and_with_stray_spaces(shop: Shop) -> None:
    """A hand-typed lower-case SN finds the unit received in upper case."""
    shop.receive("PHONE", "SN-ABC1")
    assert shop.sell("PHONE", "  sn-abc1 ").lines[0].serials == ("SN-ABC1",)


def test_soft_sale_of_an_unknown_serial_warns_and_goes_on(shop: Shop) -> None:
    """Soft tracking records the discrepancy with the document and sells anyway."""
    shop.receive("BIKE", "B1")
    posted = shop.sell("BIKE", "B7")
    assert [w.rule for w in posted.warnings] == ["not_in_stock"]
    stored = shop.uow.sql.scalar(
        "SELECT rule FROM tracking_warning w JOIN document d ON d.id = w.document_id "
        "WHERE d.number = ?",
        (posted.number,),
    )
    assert stored == "not_in_stock"


def test_soft_sale_without_serial_warns_and_takes_quantity(shop: Shop) -> None:
    """Skipping the SN is allowed under soft tracking, with a warning."""
    shop.receive("BIKE", "B1", "B2")
    posted = selling.sell(RecordSale((Item("BIKE"),)), shop.uow, shop.ctx)
    assert [w.rule for w in posted.warnings] == ["serial_required"]
    assert shop.uow.stock.on_hand(shop.uow.catalogue.product_by_code("BIKE").id) == 1  # type: ignore[union-attr]


def test_untracked_goods_are_costed_fifo_and_refused_beyond_stock(shop: Shop) -> None:
    """Cables: the oldest layer first; selling more than on hand is refused."""
    shop.receive("CABLE", quantity=3, cost=1000)
    shop.receive("CABLE", quantity=3, cost=1500)
    posted = shop.sell("CABLE", quantity=4)
    cost = shop.uow.sql.scalar(
        "SELECT cost FROM document_line l JOIN document d ON d.id = l.document_id "
        "WHERE d.number = ?",
        (posted.number,),
    )
    assert int(cost) == 3 * 1000 + 1500
    with pytest.raises(StockError, match="Only 2"):
        shop.sell("CABLE", quantity=3)


def test_warranty_runs_from_the_sale_date_for_the_product_period(shop: Shop) -> None:
    """A 12-month phone sold on 31 January 2027 is covered through 31 January 2028."""
    shop.receive("PHONE", "SN1")
    cmd = RecordSale((Item("PHONE", "SN1"),), on=date(2027, 1, 31))
    posted = selling.sell(cmd, shop.uow, shop.ctx)
    assert posted.lines[0].warranty_end == date(2028, 1, 31)
    assert posted.lines[0].warranty == "12 months"


def test_several_units_of_one_product_make_one_line(shop: Shop) -> None:
    """Three phones in a row are one line of quantity three with three SNs."""
    shop.receive("PHONE", "SN1", "SN2", "SN3")
    posted = shop.sell("PHONE", "SN1", "SN2", "SN3", customer="Олена")
    assert len(posted.lines) == 1
    assert posted.lines[0].quantity == 3 and posted.lines[0].serials == ("SN1", "SN2", "SN3")
    assert posted.total == 3 * 899900 and posted.party == "Олена"


def test_cash_payment_gives_change_and_short_cash_is_refused(shop: Shop) -> None:
    """Change is tendered minus total; less than the total is an input error."""
    shop.receive("CABLE", quantity=5, cost=1000)
    cmd = RecordSale((Item("CABLE", quantity=2),), tendered=50000)
    assert selling.sell(cmd, shop.uow, shop.ctx).change == 50000 - 2 * 19900
    with pytest.raises(InputError):
        selling.sell(RecordSale((Item("CABLE"),), tendered=100), shop.uow, shop.ctx)
    with pytest.raises(InputError):
        selling.sell(
            RecordSale((Item("CABLE"),), payment=Payment.CARD, tendered=100000),
            shop.uow,
            shop.ctx,
        )


def test_unknown_product_code_is_not_found(shop: Shop) -> None:
    """A code that is neither a SKU nor a barcode is named in the message."""
    with pytest.raises(NotFound, match="NOPE"):
        shop.sell("NOPE", quantity=1)


def test_a_product_is_found_by_its_barcode(shop: Shop) -> None:
    """The box barcode sells the product like its SKU."""
    shop.receive(PHONE_BARCODE, "SN1")
    assert shop.sell(PHONE_BARCODE, "SN1").lines[0].sku == "PHONE"


def test_the_same_request_id_posts_one_sale_on_either_engine(any_shop: Shop) -> None:
    """The second sale with a request id returns the first, marked repeated, moving nothing."""
    any_shop.receive("PHONE", "SN1", "SN2")
    command = RecordSale((Item("PHONE", "SN1"),), request_id="till-1:7f3a")
    first = selling.sell(command, any_shop.uow, any_shop.ctx)
    again = selling.sell(command, any_shop.uow, any_shop.ctx)
    assert (first.number, first.repeated) == (again.number, False)
    assert again.repeated and again.lines[0].serials == ("SN1",)
    assert reports.stock_count(any_shop.uow, StockFilter()) == 1
