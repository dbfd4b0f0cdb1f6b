"""The baseline for the app figures: Textual alone, with the sale screen's widgets and CSS.

No core, no database, no wedge: a scan typed into its field is added to its table as it is.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Input, Static

TILL_CSS = Path(__file__).resolve().parent.parent / "tui" / "pos.tcss"


class BareSaleScreen(Screen[None]):
    """The sale screen's widget tree: status bar, lines or hint, totals, notice, field, keys."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="status-bar"):
            yield Static(" Sale ", classes="title", markup=False)
            yield Static("till-1 · cashier · DB bare", classes="info", markup=False)
            yield Static("Scanner keyboard · Printer none", classes="devices", markup=False)
        with ContentSwitcher(initial="idle", id="work"):
            yield Static("Scan a product barcode, SKU or serial number.", id="idle")
            yield DataTable[object](id="lines", cursor_type="row", zebra_stripes=False)
        with Horizontal(classes="totals"):
            yield Static("Customer: -   Loop: on   Units: 0", classes="about", markup=False)
            yield Static("TOTAL 0.00", classes="total", markup=False)
        yield Static("", id="notice", classes="notice -info", markup=False)
        yield Input(placeholder="Scan a barcode, SKU or serial number", id="scan")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#lines", DataTable)
        for key, label in (("no", "#"), ("product", "Product"), ("serial", "Serial number")):
            table.add_column(label, key=key)
        self.query_one("#scan", Input).focus()

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """Add the code as a line, as the till does once the core has checked it."""
        event.input.clear()
        table = self.query_one("#lines", DataTable)
        table.add_row(str(table.row_count + 1), "Product", event.value)
        self.query_one("#work", ContentSwitcher).current = "lines"


class BareSaleApp(App[None]):
    """An app whose one mode is the bare sale screen, opened first as the till's is."""

    CSS_PATH = str(TILL_CSS)
    DEFAULT_MODE = "sale"

    def __init__(self) -> None:
        super().__init__()
        self.add_mode("sale", BareSaleScreen)
