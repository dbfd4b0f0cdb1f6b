"""Every product in stock: quantity, value at cost and at price, totals; Enter shows a tracked
product's serial numbers."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.reports import QuantityReport, QuantityRow
from tui.dialogs.entry import EntryDialog
from tui.dialogs.form import Answer, Field, FormDialog
from tui.dialogs.units_in_stock import UnitsInStockDialog
from tui.i18n import N_, _, money
from tui.messages import Refused
from tui.screens.location_filter import LocationScreen
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lines_table import LinesTable
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

COLUMNS = (
    ("sku", N_("SKU")),
    ("name", N_("Name")),
    ("tracking", N_("Tracking")),
    ("quantity", N_("Qty")),
    ("cost", N_("At cost")),
    ("value", N_("At price")),
)
WIDTHS = {"sku": 10, "tracking": 8, "quantity": 6, "cost": 11, "value": 11}


class QuantitiesScreen(LocationScreen):
    """The quantity report; F8 narrows it to a product type (and, in a shop of several
    locations, to one of them)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f8", "filter", N_("Filter"))]

    class Loaded(Message):
        """The report as the core worked it out."""

        def __init__(self, report: QuantityReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.rows: tuple[QuantityRow, ...] = ()
        self.type_path: str | None = None
        self.site: str | None = None
        """One location's goods; None: every location's."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Quantities"), self.services)
        yield BackOfficeTabs("quantities")
        yield Static("", classes="totals", id="summary", markup=False)
        yield LinesTable(id="quantities")
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(LinesTable)
        right = {"quantity", "cost", "value"}
        table.set_columns([(k, _(t)) for k, t in COLUMNS], WIDTHS, "name", right=right)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quantities")
    def load(self) -> None:
        """Read the report."""
        try:
            report = self.services.office.quantities(self.type_path, self.site)
            self.post_message(self.Loaded(report))
        except TillError as error:
            self.post_message(Refused(error))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show every product and the shop's (or the type's) totals."""
        report, table = message.report, self.query_one(LinesTable)
        self.rows = report.rows
        table.clear()
        for r in self.rows:
            numbers = (str(r.quantity), money(r.cost_value), money(r.price_value))
            table.add_row(r.sku, r.name, r.tracking, *(Text(n, justify="right") for n in numbers))
        total, where = report.total, self.type_path or _("All goods")
        if self.site is not None:
            where = _("{goods} at {location}").format(goods=where, location=self.site)
        self.query_one("#summary", Static).update(
            _("{where}: {quantity} units, at cost {cost}, at price {value}").format(
                where=where,
                quantity=total.quantity,
                cost=money(total.cost_value),
                value=money(total.price_value),
            )
        )

    @on(DataTable.RowSelected)
    def units(self, event: DataTable.RowSelected) -> None:
        """Enter on a tracked product: its serial numbers in stock."""
        event.stop()
        if 0 <= event.cursor_row < len(self.rows):
            row = self.rows[event.cursor_row]
            if row.tracking == "none":
                self.query_one(Notice).say(_("{sku} has no serial numbers.").format(sku=row.sku))
                return
            self.app.push_screen(UnitsInStockDialog(self.services, row.sku, row.name))

    def action_filter(self) -> None:
        """F8: the goods of one product type (empty: all goods), at one location or all."""
        if self.several_sites:
            self._ask_type_and_location()
            return
        label = _("Product type, e.g. Electronics (empty: all goods)")
        dialog = EntryDialog(_("Quantities of a type"), label, self.type_path or "")
        self.app.push_screen(dialog, self._typed)

    def _typed(self, text: str | None) -> None:
        if text is not None:
            self.type_path = text.strip() or None
            self.load()

    def _ask_type_and_location(self) -> None:
        fields = [
            Field("type", _("Product type"), self.type_path or "", _("empty: all goods")),
            *self.location_fields(self.site),
        ]
        dialog = FormDialog(_("Quantities"), fields, check=self.location_problem)
        self.app.push_screen(dialog, self._chosen)

    def _chosen(self, answer: Answer | None) -> None:
        if answer is not None:
            self.site = self.site_typed(answer)
            self._typed(answer["type"])

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused (a bad type path)."""
        self.refuse(message.error)
