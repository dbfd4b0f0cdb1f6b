"""The shop's day in the app: products, the document journal, the day's cash, a new product
type and picking an open count, driven with the keyboard at 80×24."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from bootstrap.services import Services
from core.services import cashing_up, catalogue, counting, print_jobs
from core.views import CountScope
from tests.shop import Shop
from tests.tui.pilot import press, scan, settle, top
from tests.tui.printers import memory_printer
from tui.app import make_app
from tui.dialogs.document_view import DocumentDialog
from tui.dialogs.form import FormDialog
from tui.dialogs.units_in_stock import UnitsInStockDialog
from tui.screens.count import CountScreen
from tui.screens.day import DayScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.products import ProductsScreen
from tui.screens.quantities import QuantitiesScreen
from tui.widgets.lines_table import LinesTable

SIZE = (80, 24)


def _fill(app: object, **values: str) -> None:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, FormDialog)
    for key, value in values.items():
        screen.query_one(f"#field-{key}", Input).value = value


async def test_a_products_price_is_changed_from_its_form(services: Services) -> None:
    """Ctrl+T lists the products; Enter on the cable, a new price, F10: kept with its history."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+t")
        screen = app.screen
        assert isinstance(screen, ProductsScreen)
        assert [p.sku for p in screen.products] == ["BIKE", "CABLE", "PHONE"]
        table = screen.query_one(LinesTable)
        table.focus()
        table.move_cursor(row=1)
        await press(pilot, "enter")
        _fill(app, price="249")
        await press(pilot, "f10")
        assert top(app) == "ProductsScreen"
        _product, history = catalogue.price_history(services.uow(), "CABLE")
        assert [(h.old_price, h.price) for h in history] == [(19900, 24900)]
        assert "price: 199.00 → 249.00" in str(screen.query_one("#notice").render())


async def test_a_new_product_is_added_from_f8(services: Services) -> None:
    """F8, the fields, F10: the product is in the catalogue and in the list."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+t", "f8")
        _fill(app, sku="HDMI", name="Кабель HDMI", type="Accessories", price="299")
        await press(pilot, "f10")
        screen = app.screen
        assert isinstance(screen, ProductsScreen)
        assert "HDMI" in [p.sku for p in screen.products]


async def test_a_scanned_sn_opens_its_sale_and_f7_reprints_its_card(services: Services) -> None:
    """Ctrl+L, scan the sold phone's SN: its sale; F7 prints its warranty card."""
    printer = memory_printer(services)
    app = make_app(services, printer=printer)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+l")
        journal = app.screen
        assert isinstance(journal, DocumentsScreen)
        assert [r.number for r in journal.rows] == [
            "SL-000001",
            "RC-000003",
            "RC-000002",
            "RC-000001",
        ]
        await scan(pilot, "SN-0005")
        dialog = app.screen
        assert isinstance(dialog, DocumentDialog) and dialog.number == "SL-000001"
        assert "SN SN-0005" in str(dialog.query_one("#document", Static).render())
        await press(pilot, "f7")
        await settle(pilot)
        assert b"SN-0005" in printer.transport.data  # type: ignore[attr-defined]
        assert print_jobs.waiting(services.uow()) == []


async def test_the_journal_filter_keeps_the_sales(services: Services) -> None:
    """F8 with kind=sale: only the sale is listed, and the line above says so."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+l", "f8")
        _fill(app, kind="sale")
        await press(pilot, "f10")
        journal = app.screen
        assert isinstance(journal, DocumentsScreen)
        assert [r.number for r in journal.rows] == ["SL-000001"]
        assert "Kind: sale" in str(journal.query_one("#summary", Static).render())


async def test_cash_is_paid_in_and_the_day_closed(services: Services) -> None:
    """Ctrl+Y, F8 pays 500 in, F10 and Enter close the day: the stored Z says 500 in the drawer
    on top of the cash sale."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+y")
        assert isinstance(app.screen, DayScreen)
        await press(pilot, "f8")
        _fill(app, amount="500", reason="розмінна монета")
        await press(pilot, "f10")
        shown = str(app.screen.query_one("#day-summary", Static).render())
        assert "Cash in the drawer: 9 499.00" in shown
        await press(pilot, "f10", "enter")
    day = cashing_up.summary(services.uow(), services.ctx.clock.today(), "till-1")
    assert day.closed and day.paid_in == 50000 and day.cash_expected == 949900


async def test_a_new_product_type_is_created_from_the_settings(services: Services) -> None:
    """Ctrl+N on the settings screen, a path, then the form: the type exists, soft."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f7", "ctrl+n")
        await scan(pilot, "Tools/Drills")
        _fill(app, tracking="soft", warranty="24m")
        await press(pilot, "f10")
    tree = {node.path: policy for node, policy in catalogue.type_tree(services.uow())}
    assert tree["Tools/Drills"].tracking.value == "soft" and "Tools" in tree


async def test_an_open_count_is_picked_from_the_list(services: Services, shop: Shop) -> None:
    """F8, "Go on with an open count": the open sheet is listed; Enter takes it up."""
    opened = counting.open_sheet(services.uow(), services.ctx, CountScope("Bikes"))
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f6", "f8", "down", "down", "down", "enter")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, CountScreen) and screen.sheet is not None
        assert screen.sheet.number == opened.number


async def test_quantities_list_every_good_and_enter_shows_a_products_sns(
    services: Services,
) -> None:
    """F10 from the products: cables by quantity, phones by units; Enter on the phones lists
    the four SNs in stock."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+t", "f10")
        screen = app.screen
        assert isinstance(screen, QuantitiesScreen)
        assert {r.sku: r.quantity for r in screen.rows} == {"BIKE": 2, "CABLE": 20, "PHONE": 4}
        table = screen.query_one(LinesTable)
        table.move_cursor(row=[r.sku for r in screen.rows].index("PHONE"))
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, UnitsInStockDialog)
        shown = str(dialog.query_one("#units", Static).render())
        assert all(f"SN-000{n}" in shown for n in range(1, 5)) and "SN-0005" not in shown
