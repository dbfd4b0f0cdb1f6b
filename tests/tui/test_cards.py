"""A warranty card's QR code scanned at the till: its verdict over whatever screen is up."""

from __future__ import annotations

from textual.widgets import Static

from bootstrap.services import Services
from core.services import printouts
from tests.tui.pilot import press, scan, top
from tui.app import make_app
from tui.dialogs.card_check import CardCheckDialog
from tui.dialogs.error import ErrorDialog

SIZE = (80, 24)


def card_of(services: Services, serial: str) -> str:
    """The QR payload of a sold unit's card."""
    context, _variant = printouts.warranty_context(
        services.uow(), serial, printouts.Shop(""), card_key=services.card_key()
    )
    payload: str = context["verify_url"]
    return payload


async def test_scanning_a_genuine_card_says_so_and_leaves_the_sale_alone(
    services: Services,
) -> None:
    """The card goes to the check, not into the sale; Enter closes the verdict."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, card_of(services, "SN-0005"))
        dialog = app.screen
        assert isinstance(dialog, CardCheckDialog) and dialog.check.current
        text = str(dialog.query_one(".message", Static).render())
        assert "genuine" in text and "SN-0005" in text
        await press(pilot, "enter")
        assert top(app) == "SaleScreen"


async def test_scanning_an_altered_card_refuses_it(services: Services) -> None:
    """One changed digit: the verdict is that the card is not genuine."""
    app = make_app(services)
    payload = card_of(services, "SN-0005").replace("SN-0005", "SN-0004")
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, payload)
        dialog = app.screen
        assert isinstance(dialog, CardCheckDialog) and not dialog.check.genuine


async def test_a_till_without_the_shops_key_says_so(services: Services) -> None:
    """No key file here: the till says it cannot check cards instead of calling them fake."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "W1:SN-0005:SL-000001:20260302:20270302:AAAAAAAAAAAAAAAA")
        assert isinstance(app.screen, ErrorDialog)
        assert "no warranty-card key" in app.screen.message
        assert not services.card_key_path().exists()
