"""An open sale survives the app being killed: the next start offers it back, checked."""

from __future__ import annotations

from bootstrap.services import Services
from tests.fakes import FakeClock
from tests.shop import Shop
from tests.tui.pilot import press, scan, settle, top
from tui.app import TillApp, make_app
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.sale import SaleScreen
from tui.widgets.notice import Notice

SIZE = (80, 24)


def sale(app: TillApp) -> SaleScreen:
    """The sale screen under whatever dialog is open."""
    screen = app.screen_stack[0]
    assert isinstance(screen, SaleScreen)
    return screen


def lines(app: TillApp) -> list[tuple[str, str | None, int]]:
    return [(line.sku, line.serial, line.quantity) for line in sale(app).cart.lines]


async def _ring_up_and_die(services: Services) -> None:
    """Two phones and a cable rung up; the app is then dropped without quitting."""
    killed = make_app(services)
    async with killed.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", "SN-0002")
        await press(pilot, "escape")
        await scan(pilot, "CABLE")
        assert len(lines(killed)) == 3
        await settle(pilot)
    assert services.open_sale.path.exists()


async def test_a_killed_apps_open_sale_is_offered_back_and_finished(
    services: Services, shop: Shop
) -> None:
    await _ring_up_and_die(services)
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(minutes=services.ctx.hold_minutes + 1)  # the dead till's holds run out
    shop.sell("PHONE", "SN-0002")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "An unfinished sale from" in dialog.question and "with 3 lines" in dialog.question
        await press(pilot, "enter")
        assert top(app) == "SaleScreen"
        assert lines(app) == [("PHONE", "SN-0001", 1), ("CABLE", None, 1)]
        notice = str(app.screen.query_one(Notice).render())
        assert "SN-0002" in notice and "left out" in notice
        await press(pilot, "f10", "enter")
        posted = app.last_sale
        assert posted is not None
        assert [(line.sku, line.serials) for line in posted.lines] == [
            ("PHONE", ("SN-0001",)),
            ("CABLE", ()),
        ]
        await settle(pilot)
    assert not services.open_sale.path.exists()


async def test_declining_the_offer_forgets_the_sale(services: Services) -> None:
    await _ring_up_and_die(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        assert top(app) == "SaleScreen" and lines(app) == []
    assert not services.open_sale.path.exists()


async def test_a_damaged_file_is_said_once_and_set_aside(services: Services) -> None:
    path = services.open_sale.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x01 not a sale")
    app = make_app(services)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert top(app) == "SaleScreen"
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and "could not be restored" in shown[0]
    assert not path.exists()
    assert len(list(path.parent.glob("*.unreadable-*.json"))) == 1


async def test_quitting_on_purpose_forgets_the_open_sale(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await settle(pilot)
        assert services.open_sale.path.exists()
        await press(pilot, "ctrl+q", "enter")
    assert not services.open_sale.path.exists()
