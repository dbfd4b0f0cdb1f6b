"""The serial numbers of one product's units in stock, one key away from its quantity."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from bootstrap.services import Services
from core.reports import StockFilter, StockRow
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _, day, money


class UnitsInStockDialog(Dialog[None]):
    """Lists the first units of a product in stock with their cost and receipt; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", N_("Close"))]

    class Loaded(Message):
        """A page of units and how many there are in all."""

        def __init__(self, rows: tuple[StockRow, ...], total: int) -> None:
            super().__init__()
            self.rows, self.total = rows, total

    def __init__(self, services: Services, sku: str, name: str) -> None:
        super().__init__(classes="history-dialog")
        self.services, self.sku, self.product_name = services, sku, name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("In stock: {name}").format(name=self.product_name)
            with VerticalScroll(id="histories"):
                yield Static("", id="units", markup=False)
            yield Static(_("Esc: back"), classes="keys")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="units-in-stock")
    def load(self) -> None:
        """Read the first page of the product's units in stock."""
        page, total = self.services.office.stock(StockFilter(product_code=self.sku), None)
        self.post_message(self.Loaded(page.rows, total))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """One unit a line: SN, cost, receipt and its date."""
        lines = [
            f"{r.serial:<24} {money(r.cost):>12}  {r.received_doc or ''} {day(r.received_on)}"
            for r in message.rows
        ]
        if message.total > len(message.rows):
            more = message.total - len(message.rows)
            lines.append(
                _("… and {count} more: the stock report (F4) lists them all.").format(count=more)
            )
        if not lines:
            lines.append(_("No unit of it is in stock by serial number."))
        self.query_one("#units", Static).update("\n".join(lines))

    def action_close(self) -> None:
        """Back to the quantities."""
        self.dismiss(None)
