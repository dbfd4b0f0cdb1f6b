"""The base of the report screens: a page of rows from the database at a time, and SN look-ups."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from core.domain.errors import TillError
from core.domain.limits import escaped
from core.reports import PAGE_SIZE, Page
from tui.dialogs.form import Answer, Field, FormDialog
from tui.dialogs.serial_history import SerialHistoryDialog
from tui.i18n import N_, _
from tui.messages import Refused
from tui.screens.back_office import BackOfficeScreen
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lines_table import LinesTable
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar


class Unit(Protocol):
    """A report row: one unit, known by its serial number."""

    @property
    def serial(self) -> str:
        """The unit's serial number."""
        ...


Row = TypeVar("Row", bound=Unit)
Cursor = tuple[object, ...] | None
"""Where a page starts: after this row's key (None for the first page)."""


class Pager:
    """Keyset paging: the start of every page seen so far, so PgUp needs no offset."""

    def __init__(self) -> None:
        self.starts: list[Cursor] = [None]
        self.index = 0
        """The page shown, from 0."""
        self.next: Cursor = None
        """Where the page after the one shown starts; None on the last page."""

    @property
    def start(self) -> Cursor:
        """Where the page shown starts."""
        return self.starts[self.index]

    def forward(self) -> bool:
        """Go to the next page, if there is one."""
        if self.next is None:
            return False
        del self.starts[self.index + 1 :]
        self.starts.append(self.next)
        self.index += 1
        return True

    def back(self) -> bool:
        """Go to the page before, if there is one."""
        if self.index == 0:
            return False
        self.index -= 1
        return True


class ReportScreen(BackOfficeScreen, Generic[Row]):
    """Shows one page of a report with its total; PgDn/PgUp page, Enter shows the row's SN life."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "filter", N_("Filter")),
        Binding("pagedown", "page(1)", N_("Next page"), show=False),
        Binding("pageup", "page(-1)", N_("Previous page"), show=False),
    ]
    TITLE: ClassVar[str] = ""
    MODE: ClassVar[str] = ""

    class Loaded(Message):
        """A page of the report and how many rows match in all."""

        def __init__(self, page: Page[Any], total: int, asked: int) -> None:
            super().__init__()
            self.page = page
            self.total = total
            self.asked = asked
            """Which request this answers: an answer overtaken by a later one is dropped."""

    pager: Pager
    asked = 0
    """Page requests made so far."""
    rows: tuple[Row, ...] = ()
    total = 0

    def compose(self) -> ComposeResult:
        yield StatusBar(_(self.TITLE), self.services)
        yield BackOfficeTabs(self.MODE)
        yield Static("", classes="totals", id="summary", markup=False)
        yield self.make_table()
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan or type a serial number to see its history"), id="scan")
        yield KeyFooter()

    def make_table(self) -> LinesTable:
        """The report's table (each report has its own columns)."""
        raise NotImplementedError

    def fetch(self, after: Cursor) -> tuple[Page[Row], int]:
        """Read one page after the cursor and the total (in a worker)."""
        raise NotImplementedError

    def show_rows(self, cursor: int = 0) -> None:
        """Draw the page's rows with the cursor on a row."""
        raise NotImplementedError

    def summary(self) -> str:
        """The filter in force, for the line above the table."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.pager = Pager()
        self.query_one(LinesTable).focus()
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a change of filter)."""
        self.pager = Pager()
        self.fetch_page()

    def fetch_page(self) -> None:
        """Read the page the pager is on, saying so while the database works."""
        self.query_one(Notice).progress(_("Reading the report"))
        self.asked += 1
        self.load(self.pager.start, self.asked)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-page")
    def load(self, after: Cursor, asked: int) -> None:
        """Read a page and the count of matching rows."""
        try:
            page, total = self.fetch(after)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(self.Loaded(page, total, asked))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the page and where it is in the whole (unless a later page was asked for)."""
        if message.asked != self.asked:
            return
        self.rows, self.total = message.page.rows, message.total
        self.pager.next = message.page.next_cursor
        self.query_one(Notice).say("")
        self.show_rows()
        self.show_summary()

    def show_summary(self) -> None:
        """Show how many rows match, the page and the filter above the table."""
        pages = max(1, -(-self.total // PAGE_SIZE))
        where = _("Rows: {total}   Page {page} of {pages}").format(
            total=self.total, page=self.pager.index + 1, pages=pages
        )
        self.query_one("#summary", Static).update(escaped(f"{where}   {self.summary()}"))

    def action_page(self, step: int) -> None:
        """PgDn: the next page; PgUp: the one before."""
        moved = self.pager.forward() if step > 0 else self.pager.back()
        if moved:
            self.fetch_page()
        else:
            self.app.bell()

    def selected(self) -> Row | None:
        """The row under the cursor."""
        row = self.query_one(LinesTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowSelected)
    def history_of_row(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: the unit's whole life."""
        event.stop()
        row = self.selected()
        if row is not None:
            self.app.push_screen(SerialHistoryDialog(self.services, row.serial))

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A scanned or typed serial number: its whole life."""
        event.stop()
        event.input.clear()
        if event.value.strip():
            self.app.push_screen(SerialHistoryDialog(self.services, event.value))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused (a bad filter, a lost database)."""
        self.query_one(Notice).say("")
        self.refuse(message.error)

    def ask_filter(
        self,
        fields: list[Field],
        then: Callable[[Answer], None],
        check: Callable[[Answer], str | None] | None = None,
    ) -> None:
        """Open the filter form; its answer goes to ``then``."""

        def answered(answer: Answer | None) -> None:
            if answer is not None:
                then(answer)

        self.app.push_screen(FormDialog(_("Filter"), fields, check=check), answered)
