"""The report screens at 80×24: warranty stock by pages from the database, labels, warranties."""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from bootstrap.services import Services
from core.commands import Item, RecordSale
from core.printing import JobKind
from core.reports import StockFilter
from core.services import print_jobs, reports, selling
from tests.fakes import FakeClock
from tests.shop import Shop
from tests.tui.pilot import press, scan
from tui.app import SIXTEEN_COLOURS, make_app
from tui.dialogs.serial_history import SerialHistoryDialog
from tui.screens.stock_report import StockReportScreen
from tui.screens.warranty_report import WarrantyReportScreen
from tui.widgets.history_view import HistoryView
from tui.widgets.warranty_table import WarrantyTable

SIZE = (80, 24)


def summary(screen: Any) -> str:
    """The line above the report's table."""
    return str(screen.query_one("#summary", Static).render())


def serials(screen: StockReportScreen | WarrantyReportScreen) -> list[str]:
    """The serial numbers on the page shown."""
    return [row.serial for row in screen.rows]


async def fill_form(pilot: Pilot[Any], **values: str) -> None:
    """Type values into the open form's fields, then F10."""
    for key, value in values.items():
        pilot.app.screen.query_one(f"#field-{key}", Input).value = value
    await press(pilot, "f10")


async def test_stock_report_pages_fifty_rows_at_a_time_from_the_database(
    services: Services, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """126 units: three pages by keyset cursor, PgDn/PgUp, the total shown; no page over 50."""
    shop.receive("PHONE", *(f"P-{n:03}" for n in range(120)))
    asked: list[tuple[object, int]] = []
    real = reports.stock_page

    def recorded(uow: Any, flt: StockFilter, after: Any = None, limit: int = 50) -> Any:
        asked.append((after, limit))
        return real(uow, flt, after, limit)

    monkeypatch.setattr(reports, "stock_page", recorded)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11")
        screen = app.screen
        assert isinstance(screen, StockReportScreen)
        first = serials(screen)
        assert len(first) == 50 and first[0] == "P-119"
        assert summary(screen).startswith("Rows: 126   Page 1 of 3")
        await press(pilot, "pagedown", "pagedown")
        assert len(screen.rows) == 26 and "Page 3 of 3" in summary(screen)
        await press(pilot, "pagedown", "pageup")
        assert serials(screen)[0] == "P-069" and "Page 2 of 3" in summary(screen)
        await press(pilot, "pageup")
        assert serials(screen) == first
        assert all(limit == 50 for _after, limit in asked) and asked[0][0] is None


async def test_stock_report_filters_by_type_and_search(services: Services) -> None:
    """F8: a product type, then a search text over SN, SKU and name."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f8")
        await fill_form(pilot, type="Bikes")
        screen = app.screen
        assert isinstance(screen, StockReportScreen)
        assert serials(screen) == ["B-2", "B-1"] and "Type: Bikes" in summary(screen)
        await press(pilot, "f8")
        await fill_form(pilot, type="", search="sn-000")
        assert serials(screen) == ["SN-0004", "SN-0003", "SN-0002", "SN-0001"]


async def test_marked_units_get_their_sn_labels_queued(services: Services) -> None:
    """Space marks two units, F9 queues a label for each, with its product."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "space", "space", "f9")
        jobs = print_jobs.waiting(services.uow())
        assert sorted((job.kind, job.serial) for job in jobs) == [
            (JobKind.LABEL, "B-1"),
            (JobKind.LABEL, "B-2"),
        ]
        assert all(job.product_id for job in jobs)
        assert "Marked: 0" in summary(app.screen)


def row_style(table: WarrantyTable, row: int) -> Style:
    """The style of a row's first cell."""
    cell = table.get_row_at(row)[0]
    assert isinstance(cell, Text)
    return cell.style if isinstance(cell.style, Style) else Style.parse(cell.style)


def greenish(colour: Color | None) -> bool:
    """True for a colour whose green outweighs its red and blue."""
    assert colour is not None
    red, green, blue = colour.get_truecolor()
    return green > max(red, blue)


def sell(services: Services, code: str, serial: str, customer: str, phone: str) -> None:
    """Sell one unit by its SN to a named customer with a phone."""
    command = RecordSale((Item(code, serial),), customer=customer, phone=phone)
    selling.sell(command, services.uow(), services.ctx)


@pytest.fixture
def year_later(services: Services) -> FakeClock:
    """Phones sold a year and a month ago (expired), a bike then too (24 months, active)."""
    sell(services, "PHONE", "SN-0001", "Олена Коваль", "+380501112233")
    sell(services, "BIKE", "B-1", "Петро Бойко", "+380671234567")
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=400)
    sell(services, "PHONE", "SN-0002", "Олена Коваль", "+380501112233")
    return clock


async def test_warranty_report_shows_active_green_and_expired_dimmed(
    services: Services, year_later: FakeClock
) -> None:
    """Active rows take the theme's success colour, expired ones are dim; in 16 colours too."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f5")
        screen = app.screen
        assert isinstance(screen, WarrantyReportScreen)
        assert serials(screen) == ["SN-0002", "B-1", "SN-0005", "SN-0001"]
        assert [row.active for row in screen.rows] == [True, True, False, False]
        table = screen.query_one(WarrantyTable)
        active, expired = row_style(table, 0), row_style(table, 2)
        assert greenish(active.color) and expired.dim
        app.theme = SIXTEEN_COLOURS.name
        await pilot.pause()
        await pilot.pause()
        active, expired = row_style(table, 0), row_style(table, 2)
        assert active.color is not None and active.color.number == 10 and expired.dim  # bright


async def test_warranty_report_filters_by_state_customer_phone_and_dates(
    services: Services, year_later: FakeClock
) -> None:
    """F9 steps all, active, expired; F8 filters by customer, phone and sale dates."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f5", "f9")
        screen = app.screen
        assert isinstance(screen, WarrantyReportScreen)
        assert serials(screen) == ["SN-0002", "B-1"] and "Showing: active" in summary(screen)
        await press(pilot, "f9")
        assert serials(screen) == ["SN-0005", "SN-0001"]
        await press(pilot, "f9", "f8")
        await fill_form(pilot, customer="коваль")
        assert serials(screen) == ["SN-0002", "SN-0001"]
        await press(pilot, "f8")
        await fill_form(pilot, customer="", phone="067")
        assert serials(screen) == ["B-1"]
        await press(pilot, "f8")
        await fill_form(pilot, phone="", **{"from": "05.04.2027"})
        assert serials(screen) == ["SN-0002"]
        await press(pilot, "f8")
        await fill_form(pilot, product="BIKE", **{"from": "", "to": "2026-03-02"})
        assert serials(screen) == ["B-1"]


async def test_a_date_that_cannot_be_read_keeps_the_filter_open(services: Services) -> None:
    """The form says how to write the date and waits."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f5", "f8")
        await fill_form(pilot, **{"from": "31.02.2026"})
        assert type(app.screen).__name__ == "FormDialog"
        assert "is not a date" in str(app.screen.query_one("#said").render())


async def test_enter_or_a_scan_on_a_report_opens_the_units_history(services: Services) -> None:
    """Enter on a row, or an SN scanned on the report, shows that unit's whole life."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "enter")
        dialog = app.screen
        assert isinstance(dialog, SerialHistoryDialog) and dialog.serial == "B-2"
        await press(pilot, "escape", "f5")
        await scan(pilot, "sn-0005")
        dialog = app.screen
        assert isinstance(dialog, SerialHistoryDialog)
        (view,) = dialog.query(HistoryView)
        assert [event.kind for event in view.history.events] == ["received", "sold"]
