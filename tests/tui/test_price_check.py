"""The price check on the sale screen: F9, then a scan shows the item and sells nothing."""

from __future__ import annotations

from bootstrap.services import Services
from tests.tui.pilot import press, scan, top
from tui.app import make_app
from tui.dialogs.price_check import PriceCheckDialog
from tui.screens.sale import SaleScreen

SIZE = (80, 24)


def _facts(app: object) -> str:
    from textual.widgets import Static

    assert isinstance(app.screen, PriceCheckDialog)  # type: ignore[attr-defined]
    return str(app.screen.query_one("#facts", Static).render())  # type: ignore[attr-defined]


async def test_a_price_check_shows_the_item_and_leaves_the_cart_unchanged(
    services: Services,
) -> None:
    """A cable on the sale, F9, scan the phone's SN: its price, stock, state and warranty;
    Esc returns to a sale that still holds the cable alone."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        sale = app.screen
        assert isinstance(sale, SaleScreen)
        before = sale.cart
        await press(pilot, "f9")
        await scan(pilot, "SN-0005")
        facts = _facts(app)
        assert "Смартфон Ґалакс А15" in facts and "8 999.00" in facts
        assert "In stock: 4" in facts and "SN SN-0005: sold" in facts
        assert "Warranty until 2027-03-02: active" in facts
        await press(pilot, "escape")
        assert top(app) == "SaleScreen" and sale.cart == before
        assert [line.sku for line in sale.cart.lines] == ["CABLE"]
        await scan(pilot, "CABLE")
        assert sum(line.quantity for line in sale.cart.lines) == 2


async def test_a_price_check_of_an_unknown_code_says_so(services: Services) -> None:
    """A code that is nothing here: the dialog says so with a bell; the sale stays empty."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f9")
        await scan(pilot, "NOPE-1")
        assert isinstance(app.screen, PriceCheckDialog)
        await press(pilot, "escape")
        sale = app.screen
        assert isinstance(sale, SaleScreen) and not sale.cart.lines
