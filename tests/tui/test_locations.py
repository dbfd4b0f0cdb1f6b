"""The back office of a shop with several locations at 80×24: each report narrowed to one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from bootstrap.services import Services
from core.services import sites
from tests.shop import Shop
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, settle
from tests.tui.test_reports import fill_form
from tui.app import TillApp, make_app
from tui.dialogs.form import FormDialog
from tui.screens.day import DayScreen
from tui.screens.documents import DocumentsScreen
from tui.screens.quantities import QuantitiesScreen
from tui.screens.stock_report import StockReportScreen
from tui.screens.warranty_report import WarrantyReportScreen

SIZE = (80, 24)


@pytest.fixture
def two_sites(services: Services) -> Services:
    """The stocked shop with a second location, Shop 2, which received two phones itself."""
    sites.add(services.uow(), services.ctx, "shop-2", "Shop 2")
    at_shop_2 = replace(services.ctx, site="shop-2", till="till-s2")
    Shop(services.uow(), at_shop_2).receive("PHONE", "S2-1", "S2-2", supplier="Shop 2 supply")
    return services


def summary(app: TillApp) -> str:
    """The line above the screen's table."""
    return str(app.screen.query_one("#summary", Static).render())


def columns(app: TillApp) -> list[str]:
    """The headings of the screen's table."""
    table = app.screen.query_one(DataTable)
    return [str(column.label) for column in table.columns.values()]


async def test_stock_report_filtered_to_shop_2_lists_only_its_units(two_sites: Services) -> None:
    """All locations with a location column first; F8 location shop-2: its two units only."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11")
        screen = app.screen
        assert isinstance(screen, StockReportScreen)
        assert "Location" in columns(app) and "Location: all" in summary(app)
        assert {row.site for row in screen.rows} == {"main", "shop-2"}
        await press(pilot, "f8")
        await fill_form(pilot, location="Shop-2")
        assert [row.serial for row in screen.rows] == ["S2-2", "S2-1"]
        assert "Location: shop-2" in summary(app) and "Location" not in columns(app)


async def test_an_unknown_location_keeps_the_filter_form_open(two_sites: Services) -> None:
    """A location the shop lacks is refused in the form, which names the shop's."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f8")
        await fill_form(pilot, location="nowhere")
        assert isinstance(app.screen, FormDialog)
        said = str(app.screen.query_one("#said", Static).render())
        assert "nowhere" in said and "main, shop-2" in said


async def test_documents_filtered_by_location_and_by_till(two_sites: Services) -> None:
    """All locations with a location column; location shop-2: the receipt posted there only,
    without the column; till till-1: every main document."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+l")
        screen = app.screen
        assert isinstance(screen, DocumentsScreen) and len(screen.rows) > 1
        assert columns(app)[:4] == ["Number", "Date", "Kind", "Location"]
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(0)[3]), screen.rows[0].site] == ["shop-2", "shop-2"]
        await press(pilot, "f8")
        await fill_form(pilot, location="shop-2")
        assert [(row.site, row.till) for row in screen.rows] == [("shop-2", "till-s2")]
        assert "Location" not in columns(app)
        await press(pilot, "f8")
        await fill_form(pilot, location="", till="till-1")
        assert screen.rows and {row.site for row in screen.rows} == {"main"}


async def test_warranty_report_filtered_by_till(two_sites: Services) -> None:
    """F8 till: the units that till sold; another till sold none."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f5", "f8")
        screen = app.screen_stack[-2]
        assert isinstance(screen, WarrantyReportScreen)
        await fill_form(pilot, till="till-1")
        assert [row.serial for row in screen.rows] == ["SN-0005"]
        await press(pilot, "f8")
        await fill_form(pilot, till="till-s2")
        assert screen.rows == ()


async def test_quantities_of_one_location(two_sites: Services) -> None:
    """F8 asks the type and the location: Shop 2 holds two phones."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+t", "f10", "f8")
        assert isinstance(app.screen_stack[-2], QuantitiesScreen)
        await fill_form(pilot, location="shop-2")
        screen = app.screen
        assert isinstance(screen, QuantitiesScreen)
        assert [(row.sku, row.quantity) for row in screen.rows] == [("PHONE", 2)]
        assert "at shop-2: 2 units" in summary(app)


async def test_day_steps_from_this_till_to_its_location_to_the_shop(two_sites: Services) -> None:
    """Ctrl+W: this till, every till at main, the whole shop; the footer fits 80 columns."""
    app = make_app(two_sites)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+y")
        assert isinstance(app.screen, DayScreen)
        keys = list(app.screen.query(FooterKey))
        assert "Ctrl+W" in {k.key_display for k in keys}
        assert all(k.region.right <= 80 and k.region.width for k in keys)
        heads = []
        for _step in range(3):
            heads.append(day_head(app).split(": ")[0])
            await press(pilot, "ctrl+w")
        assert [head.split(", ")[1] for head in heads] == [
            "till-1",
            "every till at main",
            "the whole shop",
        ]
        assert day_head(app) == heads[0] + ": open"


def day_head(app: TillApp) -> str:
    """The first line of the day's summary."""
    return str(app.screen.query_one("#day-summary", Static).render()).splitlines()[0]


@pytest.mark.parametrize("keys", [("f11",), ("f11", "f5"), ("ctrl+l",), ("ctrl+t", "f10")])
async def test_one_location_shows_no_location_choice(tmp_path: Path, keys: tuple[str]) -> None:
    """A shop of one location: no location column, word, form field or day key."""
    services = make_services(tmp_path)
    stock(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *keys)
        assert "Location" not in columns(app) and "Location" not in summary(app)
        await press(pilot, "f8")
        if isinstance(app.screen, FormDialog):
            assert not app.screen.query("#field-location")
        await press(pilot, "escape", "ctrl+y")
        await settle(pilot)
        assert "Ctrl+W" not in {k.key_display for k in app.screen.query(FooterKey)}
