"""Repair reports: open orders by status and age, warranty cost, repeated repairs."""

from __future__ import annotations

from datetime import date

from core.domain.repairs import RepairStatus
from core.repair_commands import AcceptRepair, AddLabour, AddPart, ChangeStatus, HandBack
from core.repair_views import ServiceSettings
from core.services import repair_intake, repair_orders, repair_reports
from tests.fakes import FakeClock
from tests.shop import Shop

SETTINGS = ServiceSettings(repair_term_days=14)


def _accept(shop: Shop, serial: str) -> str:
    return repair_intake.accept(AcceptRepair(serial, "брак"), shop.uow, shop.ctx).order


def test_open_orders_by_status_and_age_with_overdue_marked(
    any_shop: Shop, clock: FakeClock
) -> None:
    """Older than the repair term: overdue; closed orders are left out unless asked."""
    any_shop.receive("PHONE", "A", "B", "C")
    for serial in ("A", "B", "C"):
        any_shop.sell("PHONE", serial, customer="Олена")
    old = _accept(any_shop, "A")
    clock.advance(days=10)
    ready = _accept(any_shop, "B")
    done = _accept(any_shop, "C")
    repair_orders.change_status(ChangeStatus(ready, RepairStatus.READY), any_shop.uow, any_shop.ctx)
    repair_orders.hand_back(HandBack(done), any_shop.uow, any_shop.ctx, SETTINGS)
    rows = repair_reports.open_orders(any_shop.uow, date(2026, 3, 20), SETTINGS)
    assert [(r.order, r.status.value, r.age_days, r.overdue) for r in rows] == [
        (old, "accepted", 18, True),
        (ready, "ready", 8, False),
    ]
    overdue = repair_reports.open_orders(any_shop.uow, date(2026, 3, 20), SETTINGS, overdue=True)
    assert [r.order for r in overdue] == [old]
    every = repair_reports.open_orders(
        any_shop.uow, date(2026, 3, 20), SETTINGS, include_closed=True
    )
    assert len(every) == 3


def test_warranty_cost_by_product_and_by_supplier(shop: Shop) -> None:
    """Parts at cost plus labour of warranty repairs only."""
    shop.receive("PHONE", "A", supplier="ТОВ Мобі")
    shop.receive("PHONE", "B", supplier="ТОВ Тел")
    shop.receive("CABLE", quantity=3, cost=5000)
    shop.sell("PHONE", "A", customer="Олена")
    shop.sell("PHONE", "B", customer="Петро")
    first, second = _accept(shop, "A"), _accept(shop, "B")
    repair_orders.add_part(AddPart(first, "CABLE"), shop.uow, shop.ctx)
    repair_orders.add_labour(AddLabour(first, "пайка", 20000), shop.uow, shop.ctx)
    repair_orders.add_labour(AddLabour(second, "чистка", 10000), shop.uow, shop.ctx)
    by_product = repair_reports.warranty_cost(shop.uow, by="product")
    assert [(r.key, r.orders, r.parts_cost, r.labour, r.total) for r in by_product] == [
        ("PHONE", 2, 5000, 30000, 35000)
    ]
    by_supplier = repair_reports.warranty_cost(shop.uow, by="supplier")
    assert [(r.key, r.total) for r in by_supplier] == [("ТОВ Мобі", 25000), ("ТОВ Тел", 10000)]


def test_units_and_products_repaired_more_than_once(shop: Shop) -> None:
    """The same SN twice; the product across its units."""
    shop.receive("PHONE", "A", "B")
    shop.sell("PHONE", "A", customer="Олена")
    shop.sell("PHONE", "B", customer="Петро")
    first = _accept(shop, "A")
    repair_orders.hand_back(HandBack(first), shop.uow, shop.ctx, SETTINGS)
    second = _accept(shop, "A")
    third = _accept(shop, "B")
    units = repair_reports.repeated(shop.uow, by="serial")
    assert [(r.key, r.orders, r.numbers) for r in units] == [("A", 2, (first, second))]
    products = repair_reports.repeated(shop.uow, by="product")
    assert [(r.key, r.orders) for r in products] == [("PHONE", 3)]
    assert third in products[0].numbers
