"""The customer-return screen at 80×24: by serial number, by the sale, refusals."""

from __future__ import annotations

from bootstrap.services import Services
from core.services import queries
from tests.shop import Shop
from tests.tui.pilot import press, scan, top, type_in
from tui.app import make_app
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.error import ErrorDialog
from tui.screens.returns import ReturnScreen
from tui.widgets.notice import Notice

SIZE = (80, 24)


def state(services: Services, serial: str) -> str:
    """Where a unit is now."""
    units = queries.unit_summaries(services.uow(), serial, services.ctx.clock.today())
    return units[0].state


async def test_a_sold_unit_shows_its_sale_customer_and_warranty_before_it_comes_back(
    services: Services,
) -> None:
    """Scanning a sold SN shows sale, customer, days since sale and warranty; Enter returns it."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")
        assert isinstance(app.screen, ConfirmDialog)
        facts = dict(app.screen.facts)
        assert facts["Customer"] == "Іван Петренко"
        assert facts["Sale"].startswith("SL-000001")
        assert facts["Days since sale"] == "0"
        assert facts["Warranty"].startswith("365 days left")
        assert facts["Refund"] == "8 999.00"
        await press(pilot, "enter")
        assert top(app) == "ReturnScreen"
        assert "refund 8 999.00" in str(app.screen.query_one(Notice).render())
        assert state(services, "SN-0005") == "in_stock"


async def test_going_back_from_the_confirmation_changes_nothing(services: Services) -> None:
    """Esc on the confirmation leaves the unit sold."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")
        await press(pilot, "escape")
        assert top(app) == "ReturnScreen"
        assert state(services, "SN-0005") == "sold"


async def test_a_unit_in_stock_is_refused_as_a_return(services: Services) -> None:
    """Strict: an SN on the shelf was never sold and cannot come back; nothing is written."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "SN-0001")
        assert isinstance(app.screen, ErrorDialog)
        assert "never sold" in app.screen.message
        assert state(services, "SN-0001") == "in_stock"


async def test_untracked_goods_come_back_against_their_sale(services: Services, shop: Shop) -> None:
    """The sale's number lists its lines; F10 on the cable asks how many and returns them."""
    sold = shop.sell("CABLE", quantity=3, customer="Olena")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, sold.number)
        screen = app.screen
        assert isinstance(screen, ReturnScreen) and screen.sale is not None
        await press(pilot, "f10")
        assert top(app) == "EntryDialog"
        await type_in(pilot, "\b2", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert dict(app.screen.facts)["Refund"] == "398.00"
        await press(pilot, "enter")
        assert "refund 398.00" in str(app.screen.query_one(Notice).render())


async def test_an_unknown_code_is_refused_with_what_to_do(services: Services) -> None:
    """Neither an SN nor a sale number: the refusal says what to scan instead."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "NOPE-1")
        assert isinstance(app.screen, ErrorDialog)
        assert "NOPE-1" in app.screen.message and "sale" in app.screen.hint
