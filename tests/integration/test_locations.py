"""Several locations on one database: stock per location, transfers by SN and by quantity
through transit, sales refused at the wrong location, reports per location (both engines)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from peewee import Database

from core.commands import Item, ReceiveTransfer, SendTransfer
from core.domain.counting import ScanKind
from core.domain.errors import InputError, SerialRuleError
from core.domain.sites import MAIN_SITE
from core.domain.units import UnitState
from core.persistence.db import Sql
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.reports import DocumentFilter, StockFilter, WarrantyFilter
from core.services import (
    count_settlement,
    counting,
    document_search,
    price_check,
    queries,
    rebuild,
    reports,
    sites,
    transfers,
)
from core.views import CountScope
from tests.fakes import FakeClock
from tests.shop import Shop


@pytest.fixture
def shops(any_db: Database) -> tuple[Shop, Shop]:
    """The main shop (till-1) and shop-2 (till-2) on one database; phones and cables in
    stock at main."""
    main = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-1", "olena"))
    sites.add(main.uow, main.ctx, "shop-2", "Магазин на Подолі")
    main.receive("PHONE", "P1", "P2", "P3")
    main.receive("CABLE", quantity=10, cost=5000)
    other = Shop(UnitOfWork(any_db), replace(main.ctx, till="till-2", site="shop-2"))
    return main, other


def _unit(shop: Shop, serial: str) -> tuple[str, str]:
    state = next(u for u in queries.find_units(shop.uow, serial) if u.serial == serial)
    return state.state.value, state.site


def test_a_transfer_moves_strict_units_through_transit_and_a_missing_one_is_written_off(
    shops: tuple[Shop, Shop],
) -> None:
    """P1 and P2 leave main; at shop-2 only P1 is scanned: refused until the missing P2 is
    resolved, then written off as lost in transit; P1 is in stock at shop-2."""
    main, other = shops
    sent = transfers.send(
        SendTransfer("shop-2", (Item("PHONE", "P1"), Item("PHONE", "P2"))), main.uow, main.ctx
    )
    assert sent.number == "TR-000001"
    assert _unit(main, "P1") == (UnitState.IN_TRANSIT.value, MAIN_SITE)
    scan = ReceiveTransfer(sent.number, scanned=("P1",))
    check = transfers.check_arrival(scan, other.uow, other.ctx)
    assert [u.serial for u in check.arrived] == ["P1"]
    assert [u.serial for u in check.missing] == ["P2"] and not check.extra
    with pytest.raises(InputError, match="P2"):
        transfers.receive(scan, other.uow, other.ctx)
    assert _unit(main, "P1") == (UnitState.IN_TRANSIT.value, MAIN_SITE)
    arrived = transfers.receive(replace(scan, missing="lost"), other.uow, other.ctx)
    assert arrived.number == "TA-000001"
    assert _unit(other, "P1") == (UnitState.IN_STOCK.value, "shop-2")
    assert _unit(other, "P2") == (UnitState.WRITTEN_OFF.value, "shop-2")
    _found, left = transfers.outstanding(other.uow, sent.number)
    assert not left.items
    assert rebuild.verify(main.uow).ok


def test_an_extra_scan_is_refused_and_changes_nothing(shops: tuple[Shop, Shop]) -> None:
    """P3 is in stock at main, not on the transfer: the arrival names it and takes nothing."""
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    scan = ReceiveTransfer(sent.number, scanned=("P1", "P3"))
    with pytest.raises(InputError, match="P3"):
        transfers.receive(scan, other.uow, other.ctx)
    assert _unit(main, "P1") == (UnitState.IN_TRANSIT.value, MAIN_SITE)
    assert _unit(main, "P3") == (UnitState.IN_STOCK.value, MAIN_SITE)


def test_only_the_receiving_location_confirms_a_transfer(shops: tuple[Shop, Shop]) -> None:
    main, _other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    with pytest.raises(InputError, match="Магазин на Подолі"):
        transfers.receive(ReceiveTransfer(sent.number, scanned=("P1",)), main.uow, main.ctx)


def test_a_sale_at_the_wrong_location_is_refused_naming_the_location(
    shops: tuple[Shop, Shop],
) -> None:
    """P3 is in stock at main: shop-2's till cannot sell it; main's can."""
    main, other = shops
    with pytest.raises(SerialRuleError, match="main") as refused:
        other.sell("PHONE", "P3")
    assert refused.value.rule == "other_location"
    assert "Магазин на Подолі" in str(refused.value)
    assert _unit(main, "P3") == (UnitState.IN_STOCK.value, MAIN_SITE)
    assert main.sell("PHONE", "P3").number.startswith("SL-")


def test_a_unit_not_yet_arrived_cannot_be_sold_anywhere(shops: tuple[Shop, Shop]) -> None:
    main, other = shops
    transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    for shop in (main, other):
        with pytest.raises(SerialRuleError, match="in transit"):
            shop.sell("PHONE", "P1")


def test_goods_by_quantity_arrive_in_part_and_keep_their_cost(shops: tuple[Shop, Shop]) -> None:
    """Five cables sent, three counted in (the rest later): main has 5, shop-2 has 3 at the
    receipt's cost, two are still on the way; a later arrival takes them in."""
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("CABLE", quantity=5),)), main.uow, main.ctx)
    first = ReceiveTransfer(sent.number, counted=(("CABLE", 3),), missing="later")
    transfers.receive(first, other.uow, other.ctx)
    cable = main.uow.catalogue.product_by_code("CABLE")
    assert cable is not None
    assert main.uow.stock.on_hand(cable.id, MAIN_SITE) == 5
    assert main.uow.stock.on_hand(cable.id, "shop-2") == 3
    assert main.uow.stock.on_hand(cable.id) == 8
    assert [layer.unit_cost for layer in main.uow.stock.layers(cable.id, "shop-2")] == [5000]
    _found, left = transfers.outstanding(other.uow, sent.number)
    assert left.quantity_of("CABLE") == 2
    transfers.receive(ReceiveTransfer(sent.number, counted=(("CABLE", 2),)), other.uow, other.ctx)
    assert main.uow.stock.on_hand(cable.id, "shop-2") == 5
    sold = other.sell("CABLE", quantity=4)
    assert sold.lines[0].quantity == 4
    assert main.uow.stock.on_hand(cable.id, "shop-2") == 1
    assert rebuild.verify(main.uow).ok


def test_stock_and_warranty_reports_filter_by_location_and_till(
    shops: tuple[Shop, Shop],
) -> None:
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    transfers.receive(ReceiveTransfer(sent.number, scanned=("P1",)), other.uow, other.ctx)
    other.sell("PHONE", "P1")
    main.sell("PHONE", "P2")

    def stock(site: str | None) -> set[str]:
        return {r.serial for r in reports.all_stock(main.uow, StockFilter(site=site))}

    assert stock(MAIN_SITE) == {"P3"}
    assert stock("shop-2") == set()
    assert stock(None) == {"P3"}
    today = main.ctx.clock.today()

    def sold(**filters: str) -> set[str]:
        flt = WarrantyFilter(as_of=today, **filters)  # type: ignore[arg-type]
        return {r.serial for r in reports.all_warranty(main.uow, flt)}

    assert sold(site="shop-2") == {"P1"}
    assert sold(site=MAIN_SITE) == {"P2"}
    assert sold(till="till-2") == {"P1"}
    assert sold() == {"P1", "P2"}
    quantities = reports.quantities(main.uow, site="shop-2")
    assert [(row.sku, row.quantity) for row in quantities.rows] == []
    assert {row.sku for row in reports.quantities(main.uow, site=MAIN_SITE).rows} == {
        "PHONE",
        "CABLE",
    }

    def numbers(site: str) -> set[str]:
        flt = DocumentFilter(site=site)
        return {row.number for row in document_search.every(main.uow, flt)}

    assert numbers("shop-2") == {"TA-000001", "SL-000001"}
    assert "TR-000001" in numbers(MAIN_SITE)


def test_the_serial_history_shows_where_the_unit_was_at_each_step(
    shops: tuple[Shop, Shop],
) -> None:
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    transfers.receive(ReceiveTransfer(sent.number, scanned=("P1",)), other.uow, other.ctx)
    other.sell("PHONE", "P1")
    (history,) = queries.serial_history(main.uow, "P1", main.ctx.clock.today())
    steps = [(event.kind, event.site) for event in history.events]
    assert steps == [
        ("received", MAIN_SITE),
        ("dispatched", MAIN_SITE),
        ("arrived", "shop-2"),
        ("sold", "shop-2"),
    ]
    assert history.site == "shop-2" and history.several_sites


def test_a_single_location_shop_stores_its_chained_rows_as_before(any_db: Database) -> None:
    """Documents and movements of the main location keep NULL in their new column, so the
    chain hashes rows written before locations existed the same way."""
    shop = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-1", "olena"))
    shop.receive("PHONE", "P1")
    shop.sell("PHONE", "P1")
    sql = Sql(any_db)
    assert sql.scalar("SELECT COUNT(*) FROM document WHERE site IS NOT NULL") == 0
    assert sql.scalar("SELECT COUNT(*) FROM movement WHERE site IS NOT NULL") == 0


def test_a_location_code_is_checked_and_an_unknown_one_is_named(any_db: Database) -> None:
    shop = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-1", "olena"))
    with pytest.raises(InputError, match="location code"):
        sites.add(shop.uow, shop.ctx, "Склад 1", "Склад")
    with pytest.raises(InputError, match="main"):
        transfers.send(SendTransfer("warehouse", (Item("PHONE", "P1"),)), shop.uow, shop.ctx)


def test_a_count_expects_its_own_locations_stock_and_names_a_unit_of_another(
    shops: tuple[Shop, Shop],
) -> None:
    """shop-2 counts phones: it expects P1 (arrived there), not P2 and P3 (at main); P3
    scanned there is shown as in stock at main and the count changes nothing at main; only a
    till at shop-2 posts the count."""
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    transfers.receive(ReceiveTransfer(sent.number, scanned=("P1",)), other.uow, other.ctx)
    opened = counting.open_sheet(other.uow, other.ctx, CountScope(product_codes=("PHONE",)))
    assert opened.expected_units == 1
    results = counting.scan(other.uow, other.ctx, opened.number, ["P1", "P3"])
    assert [(r.kind, r.detail) for r in results] == [
        (ScanKind.EXPECTED, None),
        (ScanKind.OTHER_LOCATION, MAIN_SITE),
    ]
    with pytest.raises(InputError, match="shop-2"):
        count_settlement.post(main.uow, main.ctx, opened.number)
    count_settlement.post(other.uow, other.ctx, opened.number)
    assert _unit(main, "P3") == (UnitState.IN_STOCK.value, MAIN_SITE)
    assert _unit(main, "P1") == (UnitState.IN_STOCK.value, "shop-2")


def test_a_price_check_counts_the_stock_at_the_tills_location(shops: tuple[Shop, Shop]) -> None:
    main, other = shops
    sent = transfers.send(SendTransfer("shop-2", (Item("PHONE", "P1"),)), main.uow, main.ctx)
    transfers.receive(ReceiveTransfer(sent.number, scanned=("P1",)), other.uow, other.ctx)
    today = main.ctx.clock.today()
    assert price_check.price_check(main.uow, "PHONE", today, MAIN_SITE).in_stock == 2
    assert price_check.price_check(main.uow, "PHONE", today, "shop-2").in_stock == 1
    assert price_check.price_check(main.uow, "PHONE", today).in_stock == 3
    assert price_check.price_check(main.uow, "CABLE", today, "shop-2").in_stock == 0
