"""Warranty stock balances: every tracked unit in stock, filtered, a page at a time; SN labels."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message

from bootstrap.services import Services
from core.reports import Page, StockFilter, StockRow
from tui.dialogs.form import Answer, Field
from tui.i18n import N_, _
from tui.screens.location_filter import LocationScreen
from tui.screens.report_screen import Cursor, ReportScreen
from tui.widgets.lines_table import LinesTable
from tui.widgets.notice import Notice
from tui.widgets.stock_table import StockTable


class StockReportScreen(ReportScreen[StockRow], LocationScreen):
    """Units in stock with cost, date received and supplier (and location, in a shop of
    several); Space marks, F9 queues labels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f9", "labels", N_("Labels")),
    ]
    TITLE = N_("Warranty stock")
    MODE = "stock"

    class Queued(Message):
        """Labels were queued for printing."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.filter = StockFilter()
        self.marked: dict[int, StockRow] = {}
        """Units marked for labels, by unit id, across pages."""

    def make_table(self) -> LinesTable:
        return StockTable(id="report")

    def fetch(self, after: Cursor) -> tuple[Page[StockRow], int]:
        return self.services.office.stock(self.filter, after)

    def show_rows(self, cursor: int = 0) -> None:
        located = self.several_sites and self.filter.site is None
        self.query_one(StockTable).show(self.rows, self.marked, cursor, located=located)

    def show_locations(self) -> None:
        self.show_rows(self.query_one(StockTable).cursor_row)
        self.show_summary()

    def summary(self) -> str:
        flt = self.filter
        words = _("Type: {type}   Search: {search}   Marked: {marked}")
        said = words.format(
            type=flt.type_path or _("all"), search=flt.search or "-", marked=len(self.marked)
        )
        return said + self.location_words(flt.site)

    def action_filter(self) -> None:
        """Choose a product type and a search text."""
        fields = [
            Field("type", _("Product type"), self.filter.type_path or "", _("e.g. Phones")),
            Field("search", _("Search"), self.filter.search or "", _("SN, SKU or name")),
            *self.location_fields(self.filter.site),
        ]
        self.ask_filter(fields, self._filtered, self.location_problem)

    def _filtered(self, answer: Answer) -> None:
        self.filter = StockFilter(
            type_path=answer["type"].strip() or None,
            search=answer["search"].strip() or None,
            site=self.site_typed(answer),
        )
        self.reload()

    def action_mark(self) -> None:
        """Mark the unit under the cursor for a label, or unmark it."""
        row = self.selected()
        if row is None:
            return
        if self.marked.pop(row.id, None) is None:
            self.marked[row.id] = row
        self.show_rows(self.query_one(StockTable).cursor_row + 1)
        self.show_summary()

    def action_labels(self) -> None:
        """Queue an SN label for each marked unit (or the one under the cursor)."""
        row = self.selected()
        units = list(self.marked.values()) or ([row] if row is not None else [])
        if not units:
            self.app.bell()
            return
        self.query_one(Notice).progress(_("Queueing {count} labels").format(count=len(units)))
        self.queue_labels(units)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-labels")
    def queue_labels(self, units: list[StockRow]) -> None:
        """Put a label job in the print queue per unit."""
        services = self.services
        for unit in units:
            services.office.queue_label(unit.serial, unit.sku)
        self.post_message(self.Queued(len(units)))

    @on(Queued)
    def queued(self, message: Queued) -> None:
        """Say how many labels wait for the printer, and clear the marks."""
        said = _("{count} SN labels queued for printing.").format(count=message.count)
        self.query_one(Notice).say(said, "done")
        self.marked.clear()
        self.show_rows(self.query_one(StockTable).cursor_row)
        self.show_summary()
