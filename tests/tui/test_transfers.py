"""The transfers screen at 80×24: sending units to another location, taking them in there."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from bootstrap.services import Services
from core.commands import Item, SendTransfer
from core.services import queries, sites, transfers
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, top
from tui.app import TillApp, make_app
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.error import ErrorDialog
from tui.screens.transfer_arrival import ArrivalScreen
from tui.screens.transfer_send import SendScreen
from tui.widgets.transfer_tables import ArrivalLines

SIZE = (80, 24)


def with_shop_2(services: Services) -> None:
    """A second location, Shop 2."""
    sites.add(services.uow(), services.ctx, "shop-2", "Shop 2")


def at_shop_2(services: Services) -> Services:
    """The same shop's database, as a till at Shop 2 reaches it."""
    return replace(services, ctx=replace(services.ctx, site="shop-2"))


def sent(services: Services, *serials: str) -> str:
    """Phones sent from the main shop to Shop 2; the transfer's number."""
    items = tuple(Item("PHONE", serial) for serial in serials)
    return transfers.send(SendTransfer("shop-2", items), services.uow(), services.ctx).number


def state(services: Services, serial: str) -> str:
    """Where a unit is now, as the reports name it."""
    uow = services.uow()
    return queries.unit_summaries(uow, serial, services.ctx.clock.today())[0].state


async def open_transfers(pilot: Pilot[Any]) -> None:
    """F2 opens goods in, F2 again the transfers."""
    await press(pilot, "f2")
    await press(pilot, "f2")
    assert top(pilot.app) == "TransfersScreen"  # type: ignore[arg-type]


def arrival(app: TillApp) -> ArrivalScreen:
    """The arrival screen under whatever dialog is open."""
    screen = next(s for s in app.screen_stack if isinstance(s, ArrivalScreen))
    return screen


async def test_sending_two_units_posts_a_transfer_and_they_leave_stock_here(
    services: Services,
) -> None:
    """Two phones scanned and sent: a TR, and both units are in transit, no longer in stock."""
    with_shop_2(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "f5")
        assert isinstance(app.screen, SendScreen)
        assert app.screen.to is not None and app.screen.to.code == "shop-2"
        await scan(pilot, "SN-0001", "SN-0002")
        assert [line.serial for line in app.screen.lines] == ["SN-0001", "SN-0002"]
        await press(pilot, "f10")
        posted = app.screen.posted
        assert posted is not None and posted.number.startswith("TR-")
        assert posted.number in str(app.screen.query_one("#summary", Static).render())
        await press(pilot, "escape")
        assert top(app) == "TransfersScreen"
    assert state(services, "SN-0001") == state(services, "SN-0002") == "in_transit"
    assert state(services, "SN-0003") == "in_stock"


async def test_a_unit_already_on_the_transfer_is_refused_and_can_be_removed(
    services: Services,
) -> None:
    """The same SN twice is refused by the core; F8 takes a line off."""
    with_shop_2(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "f5")
        await scan(pilot, "SN-0001", "CABLE", "CABLE")
        send = app.screen
        assert isinstance(send, SendScreen)
        assert [(line.sku, line.quantity) for line in send.lines] == [("PHONE", 1), ("CABLE", 2)]
        await scan(pilot, "SN-0001")
        assert isinstance(app.screen, ErrorDialog)
        await press(pilot, "enter")
        await press(pilot, "f8")
        assert [line.sku for line in send.lines] == ["PHONE"]


async def test_an_arrival_with_a_unit_missing_written_off_as_lost(services: Services) -> None:
    """At Shop 2 one of two units is scanned; "lost in transit" posts a TA writing the other
    off, and the scanned one is in stock."""
    with_shop_2(services)
    number = sent(services, "SN-0001", "SN-0002")
    app = make_app(at_shop_2(services))
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "enter")
        assert top(app) == "ArrivalScreen"
        await scan(pilot, "SN-0001")
        check = arrival(app).arrival
        assert check is not None
        assert [i.serial for i in check.check.arrived] == ["SN-0001"]
        assert [i.serial for i in check.check.missing] == ["SN-0002"]
        await press(pilot, "f10")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, "down", "enter")
        posted = arrival(app).posted
        assert posted is not None and posted.number.startswith("TA-")
    assert state(services, "SN-0001") == "in_stock"
    assert state(services, "SN-0002") == "written_off"
    assert transfers.outstanding(services.uow(), number)[1].items == ()


async def test_an_extra_scan_is_shown_and_refused_then_taken_off(services: Services) -> None:
    """A unit not on the transfer shows as extra; posting is refused, changing nothing; F8
    takes it off the list."""
    with_shop_2(services)
    number = sent(services, "SN-0001")
    app = make_app(at_shop_2(services))
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "enter")
        await scan(pilot, "SN-0001", "SN-0003")
        screen = arrival(app)
        table = screen.query_one(ArrivalLines)
        assert [(row.group, row.code) for row in table.shown][0] == ("extra", "SN-0003")
        await press(pilot, "f10")
        assert isinstance(app.screen, ErrorDialog)
        assert screen.posted is None
        await press(pilot, "enter")
        await press(pilot, "f8")
        assert screen.arrival is not None and screen.arrival.check.clean
    assert [i.serial for i in transfers.outstanding(services.uow(), number)[1].items] == ["SN-0001"]


async def test_a_transfer_to_another_location_is_not_taken_in_here(services: Services) -> None:
    """At the sending shop, a transfer on its way out is refused and the list comes back."""
    with_shop_2(services)
    sent(services, "SN-0001")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "f6")
        assert isinstance(app.screen, ErrorDialog)
        await press(pilot, "enter")
        assert top(app) == "TransfersScreen"
    assert state(services, "SN-0001") == "in_transit"


@pytest.mark.parametrize("language", ["en", "uk"])
async def test_every_transfers_footer_fits_80_columns(tmp_path: Path, language: str) -> None:
    """Goods in, the transfers list, sending and an arrival keep their keys within 80 columns."""
    services = make_services(tmp_path, language=language)
    stock(services)
    with_shop_2(services)
    sent(services, "SN-0001")
    app = make_app(at_shop_2(services))
    async with app.run_test(size=SIZE) as pilot:
        for keys in (("f2",), ("f2",), ("f5",), ("escape", "enter")):
            await press(pilot, *keys)
            shown = list(app.screen.query(FooterKey))
            assert shown and all(k.region.right <= 80 and k.region.width for k in shown), [
                (k.key_display, k.region) for k in shown
            ]
        assert top(app) == "ArrivalScreen"


async def test_goods_without_serial_numbers_are_counted_by_scan_or_typed(
    services: Services,
) -> None:
    """Three cables sent: one scan counts one; F7 types the count of three, and the arrival
    posts with nothing missing, without asking."""
    with_shop_2(services)
    items = (Item("CABLE", quantity=3),)
    number = transfers.send(SendTransfer("shop-2", items), services.uow(), services.ctx).number
    app = make_app(at_shop_2(services))
    async with app.run_test(size=SIZE) as pilot:
        await open_transfers(pilot)
        await press(pilot, "enter")
        await scan(pilot, "CABLE")
        screen = arrival(app)
        assert screen.arrival is not None
        assert [(i.sku, i.quantity) for i in screen.arrival.check.arrived] == [("CABLE", 1)]
        await press(pilot, "f7")
        await press(pilot, "3", "enter")
        assert screen.arrival.check.clean
        await press(pilot, "f10")
        assert screen.posted is not None and screen.posted.number.startswith("TA-")
    assert transfers.outstanding(services.uow(), number)[1].items == ()
