"""Counting by serial number: each scan classified, surplus and shortage, replace, post."""

from __future__ import annotations

import pytest

from core.domain.counting import ScanKind
from core.domain.errors import DomainError, InputError
from core.services import count_settlement, count_sheets, counting, queries, rebuild
from core.views import CountScope
from tests.shop import PHONE_BARCODE, Shop


@pytest.fixture
def counted(shop: Shop) -> tuple[Shop, str]:
    """Phones SN1–SN5 received, SN2 recorded as sold; a sheet over Electronics is open."""
    shop.run("receive PHONE SN1 SN2 SN3 SN4 SN5; receive BIKE B1")
    shop.sell("PHONE", "SN2", customer="Оксана")
    opened = counting.open_sheet(shop.uow, shop.ctx, CountScope(type_path="Electronics"))
    assert opened.expected_units == 4
    return shop, opened.number


def test_each_scan_is_classified_at_once(counted: tuple[Shop, str]) -> None:
    """Expected, duplicate, unknown, outside the sheet, recorded as sold, box barcode."""
    shop, number = counted
    results = counting.scan(
        shop.uow, shop.ctx, number, ["sn1", "SN3", "SN2", "SN1", "ZZZ9", "B1", PHONE_BARCODE]
    )
    assert [r.kind for r in results] == [
        ScanKind.EXPECTED,
        ScanKind.EXPECTED,
        ScanKind.SOLD,
        ScanKind.DUPLICATE,
        ScanKind.UNKNOWN,
        ScanKind.OUTSIDE,
        ScanKind.PRODUCT_BARCODE,
    ]
    assert results[2].detail == "SL-000001" and results[2].sku == "PHONE"


def test_sheet_shows_surplus_and_shortage_per_product(counted: tuple[Shop, str]) -> None:
    """Found-not-expected and expected-not-found, with the duplicate and unknown listed."""
    shop, number = counted
    counting.scan(shop.uow, shop.ctx, number, ["SN1", "SN3", "SN2", "SN3", "ZZZ9"])
    sheet = count_sheets.view(shop.uow, number)
    (phone,) = sheet.products
    assert phone.surplus == ("SN2",) and phone.shortage == ("SN4", "SN5")
    assert phone.replaceable
    assert sheet.duplicates == ("SN3",) and sheet.unknown == ("ZZZ9",)
    assert (sheet.total_surplus, sheet.total_shortage) == (1, 2)


def test_replace_corrects_the_sale_that_recorded_the_wrong_unit(counted: tuple[Shop, str]) -> None:
    """SN2 is on the shelf, SN4 is gone: the sale took SN4, so the sale is corrected."""
    shop, number = counted
    counting.scan(shop.uow, shop.ctx, number, ["SN1", "SN3", "SN2", "SN5"])
    correction = count_settlement.replace_serial(shop.uow, shop.ctx, number, "SN2", "SN4")
    today = shop.ctx.clock.today()
    (sn4,) = queries.serial_history(shop.uow, "SN4", today)
    (sn2,) = queries.serial_history(shop.uow, "SN2", today)
    assert sn4.state.value == "sold" and sn4.warranty_end is not None
    assert sn2.state.value == "in_stock"
    assert [e.kind for e in sn2.events] == ["received", "sold", "corrected"]
    assert sn4.events[-1].document == correction.number
    unit = shop.uow.units.by_serial(["SN4"])[0]
    assert unit.customer == "Оксана" and unit.sale_doc == "SL-000001"
    sheet = count_sheets.view(shop.uow, number)
    assert sheet.products[0].shortage == () and sheet.products[0].surplus == ()
    assert rebuild.verify(shop.uow).ok


def test_replace_with_an_unknown_sn_corrects_the_receipt(counted: tuple[Shop, str]) -> None:
    """A unit typed wrongly at receipt: the receipt is corrected to the SN on the shelf."""
    shop, number = counted
    counting.scan(shop.uow, shop.ctx, number, ["SN1", "SN3", "SN4", "SN5X"])
    count_settlement.replace_serial(shop.uow, shop.ctx, number, "SN5X", "SN5")
    assert shop.uow.units.by_serial(["SN5X"])[0].state.value == "in_stock"
    assert shop.uow.units.by_serial(["SN5"])[0].state.value == "corrected"
    assert queries.document(shop.uow, "RC-000001").lines[0][1][-1] == "SN5X"


def test_replace_is_refused_for_a_pair_that_is_not_surplus_and_shortage(
    counted: tuple[Shop, str],
) -> None:
    """Only a real surplus/shortage pair can be replaced."""
    shop, number = counted
    counting.scan(shop.uow, shop.ctx, number, ["SN1", "SN3"])
    with pytest.raises(DomainError):
        count_settlement.replace_serial(shop.uow, shop.ctx, number, "SN3", "SN4")
    with pytest.raises(DomainError):
        count_settlement.replace_serial(shop.uow, shop.ctx, number, "SN4", "SN1")


def test_posting_writes_off_shortage_and_takes_in_surplus_then_locks_the_sheet(
    counted: tuple[Shop, str],
) -> None:
    """One count document; the posted sheet cannot be scanned again."""
    shop, number = counted
    counting.scan(shop.uow, shop.ctx, number, ["SN1", "SN2", "SN3"])
    posted = count_settlement.post(shop.uow, shop.ctx, number)
    states = {
        u.serial: u.state.value
        for u in shop.uow.units.by_serial(["SN1", "SN2", "SN3", "SN4", "SN5"])
    }
    assert states == {
        "SN1": "in_stock",
        "SN2": "in_stock",
        "SN3": "in_stock",
        "SN4": "written_off",
        "SN5": "written_off",
    }
    assert posted.number.startswith("CT-")
    with pytest.raises(DomainError) as refused:
        counting.scan(shop.uow, shop.ctx, number, ["SN4"])
    assert refused.value.rule == "count_posted"
    assert shop.uow.units.by_serial(["B1"])[0].state.value == "in_stock"
    assert rebuild.verify(shop.uow).ok


def test_untracked_goods_are_counted_by_quantity(shop: Shop) -> None:
    """Five cables on the books, three counted: two written off on posting."""
    shop.receive("CABLE", quantity=5, cost=1000)
    opened = counting.open_sheet(shop.uow, shop.ctx, CountScope(product_codes=("CABLE",)))
    counting.scan(shop.uow, shop.ctx, opened.number, ["CABLE*2", "CABLE"])
    (line,) = count_sheets.view(shop.uow, opened.number).products
    assert line.balance.quantity_difference == -2
    count_settlement.post(shop.uow, shop.ctx, opened.number)
    cable = shop.uow.catalogue.product_by_code("CABLE")
    assert cable is not None and shop.uow.stock.on_hand(cable.id) == 3


def test_more_untracked_goods_than_expected_need_a_confirmed_cost(shop: Shop) -> None:
    """The manager confirms the unit cost of goods taken in by a count."""
    shop.receive("CABLE", quantity=1, cost=1000)
    opened = counting.open_sheet(shop.uow, shop.ctx, CountScope(product_codes=("CABLE",)))
    counting.scan(shop.uow, shop.ctx, opened.number, ["CABLE*3"])
    with pytest.raises(InputError, match="confirm their unit cost"):
        count_settlement.post(shop.uow, shop.ctx, opened.number)
    count_settlement.post(shop.uow, shop.ctx, opened.number, {"CABLE": 1200})
    cable = shop.uow.catalogue.product_by_code("CABLE")
    assert cable is not None and shop.uow.stock.on_hand(cable.id) == 3
    assert rebuild.verify(shop.uow).ok
