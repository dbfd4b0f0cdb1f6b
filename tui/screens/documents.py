"""The document journal: every posted document, latest first, filtered; Enter opens one, a
scanned receipt number or SN opens its sale."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.reports import DocumentFilter, DocumentListRow, Page
from tui.app_printing import PrintingMixin
from tui.dialogs.document_view import DocumentDialog
from tui.dialogs.form import Answer, Field, FormDialog
from tui.document_words import kind_word, payment_word
from tui.i18n import N_, _, day, money
from tui.messages import Refused
from tui.screens.location_filter import LocationScreen
from tui.screens.report_screen import Cursor, Pager
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lines_table import LinesTable
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

COLUMNS = (
    ("number", N_("Number")),
    ("date", N_("Date")),
    ("kind", N_("Kind")),
    ("party", N_("Customer")),
    ("total", N_("Total")),
    ("payment", N_("Paid")),
)
WIDTHS = {"number": 9, "date": 10, "kind": 10, "site": 6, "total": 12, "payment": 5}
SITE_COLUMN = ("site", N_("Location"))
"""Shown after the kind while the list holds several locations' documents; the customer's
column gives it room, down to 10 characters at 80 columns."""
FILTER_KEYS = (
    ("kind", N_("Kind"), N_("sale, customer_return, receipt…")),
    ("date_from", N_("From"), "YYYY-MM-DD"),
    ("date_to", N_("To"), "YYYY-MM-DD"),
    ("customer", N_("Customer"), ""),
    ("phone", N_("Phone"), ""),
    ("serial", N_("SN"), ""),
    ("till", N_("Till"), N_("posted at this till")),
)


class DocumentsScreen(LocationScreen):
    """Documents a page at a time; F8 filters, Enter opens, a scan opens the sale it names."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "filter", N_("Filter")),
        Binding("pagedown", "page(1)", N_("Next page"), show=False),
        Binding("pageup", "page(-1)", N_("Previous page"), show=False),
    ]

    class Loaded(Message):
        """A page of documents, or the number a scan opens."""

        def __init__(
            self, page: Page[DocumentListRow] | None = None, opened: str | None = None
        ) -> None:
            super().__init__()
            self.page, self.opened = page, opened

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.pager = Pager()
        self.rows: tuple[DocumentListRow, ...] = ()
        self.flt = DocumentFilter()
        self.typed: Answer = {}

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Documents"), self.services)
        yield BackOfficeTabs("documents")
        yield Static("", classes="totals", id="summary", markup=False)
        yield LinesTable(id="documents")
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan a receipt or an SN to open its sale"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.lay_out()
        self.query_one(LinesTable).focus()
        self.fetch(self.pager.start)

    def lay_out(self) -> None:
        """The columns: a shop of several locations listing all of them also sees where each
        document was posted."""
        columns = list(COLUMNS)
        if self.all_sites:
            columns.insert(3, SITE_COLUMN)
        table = self.query_one(LinesTable)
        labelled = [(k, _(t)) for k, t in columns]
        table.set_columns(labelled, WIDTHS, "party", right={"total"}, least=10)

    @property
    def all_sites(self) -> bool:
        """Whether the list holds the documents of several locations."""
        return self.several_sites and self.flt.site is None

    def show_locations(self) -> None:
        self.lay_out()
        self.show_rows()

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-page")
    def fetch(self, after: Cursor) -> None:
        """Read one page of the journal."""
        try:
            self.post_message(self.Loaded(self.services.office.documents(self.flt, after)))
        except TillError as error:
            self.post_message(Refused(error))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the page, or open the document a scan named."""
        if message.opened is not None:
            self.open(message.opened)
            return
        if message.page is None:
            return
        self.rows, self.pager.next = message.page.rows, message.page.next_cursor
        self.show_rows()
        shown = _("Page {page}   {filter}").format(page=self.pager.index + 1, filter=self.said())
        self.query_one("#summary", Static).update(shown)

    def show_rows(self) -> None:
        """The page's documents in the table."""
        table = self.query_one(LinesTable)
        table.clear()
        for r in self.rows:
            cells = [r.number, day(r.on), kind_word(r.kind), r.party or ""]
            if self.all_sites:
                cells.insert(3, r.site)
            table.add_row(*cells, Text(money(r.total), justify="right"), payment_word(r.payment))

    def said(self) -> str:
        """The filter in force in words."""
        labels = {key: _(label) for key, label, _hint in FILTER_KEYS}
        labels[self.FIELD] = _("Location")
        typed = [(labels.get(key, key), value) for key, value in self.typed.items()]
        parts = [f"{label}: {value.strip()}" for label, value in typed if value.strip()]
        return " ".join(parts) or _("all documents")

    def action_page(self, step: int) -> None:
        """PgDn: the next page; PgUp: the one before."""
        if self.pager.forward() if step > 0 else self.pager.back():
            self.fetch(self.pager.start)
        else:
            self.app.bell()

    def action_filter(self) -> None:
        """Ask for the filter; an empty field matches everything."""
        fields = [
            Field(k, _(label), self.typed.get(k, ""), placeholder=_(hint) if hint else "")
            for k, label, hint in FILTER_KEYS
        ]
        fields += self.location_fields(self.flt.site)
        dialog = FormDialog(_("Filter"), fields, check=self.location_problem)
        self.app.push_screen(dialog, self._filtered)

    def _filtered(self, answer: Answer | None) -> None:
        if answer is None:
            return
        if self.FIELD in answer:
            answer[self.FIELD] = self.site_typed(answer) or ""
        try:
            self.flt = self.services.office.document_filter(answer)
        except TillError as error:
            self.refuse(error)
            return
        self.typed, self.pager, self.rows = answer, Pager(), ()
        self.lay_out()
        self.fetch(self.pager.start)

    @on(DataTable.RowSelected)
    def opened_row(self, event: DataTable.RowSelected) -> None:
        """Enter: the document under the cursor."""
        event.stop()
        if 0 <= event.cursor_row < len(self.rows):
            self.open(self.rows[event.cursor_row].number)

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A receipt's printed number or a unit's SN: open its sale."""
        event.stop()
        event.input.clear()
        if event.value.strip():
            self.find(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-find")
    def find(self, code: str) -> None:
        """The document the code names."""
        number = self.services.office.sale_for_scan(code)
        if number is None:
            self.post_message(
                Refused(
                    TillError(
                        _("No sale or document has the code {code}.").format(code=code.strip())
                    )
                )
            )
        else:
            self.post_message(self.Loaded(opened=number))

    def open(self, number: str) -> None:
        """Show one document with its re-print keys."""
        app = self.app
        assert isinstance(app, PrintingMixin)
        self.app.push_screen(DocumentDialog(self.services, number, app.print_jobs))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused."""
        self.refuse(message.error)
