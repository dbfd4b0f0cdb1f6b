"""Stored text in the app's tables shows as written: markup in a name is not interpreted,
control characters (written before input was checked, or behind the app's back) are escaped
and never reach the terminal, and columns keep their widths."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from bootstrap.services import Services
from core.persistence.db import Sql
from tests.tui.pilot import press, scan
from tui.app import make_app
from tui.dialogs.serial_prompt import SerialPrompt
from tui.screens.warranty_report import WarrantyReportScreen
from tui.widgets.lines_table import LinesTable
from tui.widgets.sale_lines import SaleLines
from tui.widgets.warranty_table import WarrantyTable

SIZE = (80, 24)
NAME = "[bold red]Phone\x1b[2J"
CUSTOMER = "Іван\x1b]0;owned\x07 [i]Петренко[/i]"


def hostile(services: Services) -> None:
    """A product name and a customer holding markup and terminal escapes, written directly."""
    sql = Sql(services.db)
    sql.run("UPDATE product SET name = ? WHERE sku = 'PHONE'", (NAME,))
    sql.run("UPDATE serial_unit SET customer = ? WHERE customer IS NOT NULL", (CUSTOMER,))


def cells(table: LinesTable) -> list[Text]:
    """Every cell of every row, as the table will draw it."""
    found = []
    for row in range(table.row_count):
        for cell in table.get_row_at(row):
            assert isinstance(cell, Text), cell
            found.append(cell)
    return found


def assert_plain(table: LinesTable) -> None:
    """No cell holds a control character or a style taken from markup."""
    for cell in cells(table):
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in cell.plain), cell.plain
        assert all("red" not in str(span.style) for span in cell.spans), cell.spans
    assert sum(column.get_render_width(table) for column in table.ordered_columns) <= SIZE[0]


async def test_the_warranty_report_shows_markup_and_escapes_in_names_literally(
    services: Services,
) -> None:
    hostile(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f5")
        assert isinstance(app.screen, WarrantyReportScreen)
        table = app.screen.query_one(WarrantyTable)
        texts = [cell.plain for cell in cells(table)]
        assert "[bold red]Phone\\u001b[2J" in texts
        assert any(text.startswith("Іван\\u001b]0;owned") for text in texts), texts
        assert_plain(table)


async def test_the_sale_lines_show_a_product_name_with_markup_and_escapes_literally(
    services: Services,
) -> None:
    hostile(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE")
        assert isinstance(app.screen, SerialPrompt)
        product = str(app.screen.query_one("#product", Static).render())
        assert "[bold red]Phone\\u001b[2J" in product and "\x1b" not in product
        await scan(pilot, "SN-0001")
        table = app.screen_stack[0].query_one(SaleLines)
        assert "[bold red]Phone\\u001b[2J" in [cell.plain for cell in cells(table)]
        assert_plain(table)
