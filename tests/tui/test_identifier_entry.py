"""The goods-in SN window for units with several identifiers: asked for in order, per unit."""

from __future__ import annotations

from bootstrap.services import Services
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.serial_rules import luhn_valid
from core.services import catalogue, queries
from core.services.catalogue import NewProduct
from tests.shop import Shop
from tests.tui.pilot import press, scan, top
from tests.tui.test_receive import SIZE, count, receive, said, start_line
from tui.app import make_app


def imei(body: str) -> str:
    """A valid IMEI: 14 digits and their Luhn check digit."""
    return next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))


A1, A2, B1, B2 = (imei(f"35{n:012d}") for n in (1, 2, 3, 4))


def dual_sim(services: Services) -> None:
    """Phones whose units carry IMEI 1, IMEI 2 and a serial number."""
    uow = services.uow()
    kinds = ("imei", "imei", "serial")
    settings = TypeSettings("DualSim", tracking=TrackingMode.STRICT, identifiers=kinds)
    catalogue.set_type(uow, settings)
    catalogue.add_product(uow, NewProduct("DUO", "Телефон Дуо", "DualSim", 500000))


async def test_the_window_asks_each_identifier_of_each_unit_in_order(services: Services) -> None:
    """IMEI 1, IMEI 2, SN of unit 1, then unit 2; a label scanned twice is ignored."""
    dual_sim(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "DUO", 2)
        assert "IMEI 1 of unit 1" in count(app)
        await scan(pilot, A1)
        assert "IMEI 2 of unit 1" in count(app)
        await scan(pilot, A1)
        assert "already on this unit" in said(app)
        await scan(pilot, A2, "sn-a")
        assert count(app).startswith("1 of 2") and "IMEI 1 of unit 2" in count(app)
        await scan(pilot, B1, B2, "SN-B")
        assert "2 of 2" in count(app)
        await press(pilot, "enter")
        assert top(app) == "ReceiveScreen"
        assert receive(app).draft.lines[0].serials == (f"{A1}|{A2}|SN-A", f"{B1}|{B2}|SN-B")
        await press(pilot, "f10")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    [unit] = queries.find_units(services.uow(), "SN-B")
    assert unit.serial == B1


async def test_an_identifier_of_a_phone_in_stock_is_refused_in_the_window(
    services: Services,
) -> None:
    """IMEI 2 that is another phone's IMEI 1 in stock is refused at once, naming it."""
    dual_sim(services)
    Shop(services.uow(), services.ctx).receive("DUO", f"{A1}|{A2}")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "DUO", 1)
        await scan(pilot, B1, A1)
        assert "belongs to another unit in stock" in said(app) and A1 in said(app)
        assert "IMEI 2 of unit 1" in count(app)


async def test_an_empty_enter_closes_a_single_sim_unit(services: Services) -> None:
    """Enter on empty keeps the identifiers the unit has; the next scan starts unit 2."""
    dual_sim(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "DUO", 2)
        await scan(pilot, A1)
        await press(pilot, "enter")
        assert count(app).startswith("1 of 2") and "IMEI 1 of unit 2" in count(app)
        await scan(pilot, B1)
        await press(pilot, "escape")
        assert receive(app).draft.lines[0].serials == (A1, B1)
