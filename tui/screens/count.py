"""The count screen: open a sheet, scan live or from a file, resolve mixed-up SNs, post it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import Worker, WorkerState

from bootstrap.services import Services
from core.domain.errors import TillError
from core.drafts.count import CountDraft, Counted, CountStep
from core.drafts.entry import Scan
from core.views import CountScope, ScanResult, SheetView
from tui.dialogs.count_scope import CountScopeDialog
from tui.dialogs.entry import EntryDialog
from tui.dialogs.open_sheets import OpenSheetsDialog
from tui.i18n import N_, _
from tui.messages import Refused
from tui.screens.count_settling import CountSettling
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.count_lines import CountLines, CountTotals, sheet_title
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.scan_log import ScanLog, tally
from tui.widgets.status_bar import StatusBar

IDLE = N_(
    "F8 opens a count: the whole stock, one product type or chosen products.\n\n"
    "Then scan every unit's serial number; each scan is classified at once. Goods without "
    "serial numbers: scan the barcode once per piece, or type CODE*QTY.\n\n"
    "Ctrl+O reads the file a handheld scanner exported. F9 resolves a mixed-up pair of "
    "serial numbers; F10 posts the count."
)

ASKED = {
    "type": (N_("Count a product type"), N_("Product type, e.g. Electronics/Phones")),
    "products": (N_("Count chosen products"), N_("SKUs or barcodes, separated by spaces")),
    "resume": (N_("Go on with a count"), N_("Number of the open count, e.g. CT-000001")),
}
"""What the count asks for after the choice of scope."""


def scope_of(kind: str, text: str) -> CountScope:
    """The scope typed for a kind of count."""
    if kind == "type":
        return CountScope(type_path=text.strip())
    return CountScope(product_codes=tuple(text.replace(",", " ").split()))


class CountScreen(CountSettling):
    """Each scan is classified at once; per product, surplus and shortage show as they change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "new", N_("New count")),
        Binding("ctrl+o", "import_file", N_("From file")),
        Binding("f9", "replace", N_("Replace SN")),
        Binding("f10", "post", N_("Post")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    class Scanned(Message):
        """What the scans just recorded turned out to be."""

        def __init__(self, results: list[ScanResult]) -> None:
            super().__init__()
            self.results = results

    class Progressed(Message):
        """Scans from a file recorded so far."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.draft = CountDraft(services)
        self.waiting: list[Scan] = []
        """Scans that came while the last ones were recorded; they go in together next."""
        self.scanning = False

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Count"), self.services)
        yield BackOfficeTabs("count")
        yield Static("", id="summary", classes="totals", markup=False)
        with ContentSwitcher(initial="idle", id="work"):
            yield Static(_(IDLE), id="idle", classes="sale-done", markup=False)
            yield CountLines(id="lines")
        yield CountTotals()
        yield ScanLog()
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan an SN, a barcode, or CODE*QTY"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Show the sheet (or how to open one); a posted sheet takes no more scans."""
        sheet, lines = self.sheet, self.query_one(CountLines)
        self.query_one("#summary", Static).update(sheet_title(sheet))
        self.query_one(CountTotals).show(sheet)
        if sheet is not None:
            lines.show(sheet, lines.cursor_row)
        self.query_one("#work", ContentSwitcher).current = "idle" if sheet is None else "lines"
        field = self.query_one("#scan", Input)
        field.disabled = sheet is None or sheet.status != "open"
        (lines if field.disabled else field).focus()
        self.refresh_bindings()

    def action_cursor(self, step: int) -> None:
        """Move the product cursor (replacing follows it)."""
        lines = self.query_one(CountLines)
        lines.put_cursor(max(0, lines.cursor_row + step))
        self.refresh_bindings()

    def action_new(self) -> None:
        """Open a new count (or go on with one)."""
        self.app.push_screen(CountScopeDialog(), self._scoped)

    def _scoped(self, kind: str | None) -> None:
        if kind == "all":
            self.opening(lambda: self.draft.open(CountScope()))
        elif kind == "resume":
            self.app.push_screen(OpenSheetsDialog(self.services), lambda n: self._typed(kind, n))
        elif kind in ASKED:
            title, label = ASKED[kind]
            self.app.push_screen(EntryDialog(_(title), _(label)), lambda t: self._typed(kind, t))

    def _typed(self, kind: str, text: str | None) -> None:
        if text is None or not text.strip():
            return
        if kind == "resume":
            self.opening(lambda: self.draft.resume(text))
        else:
            self.opening(lambda: self.draft.open(scope_of(kind, text)))

    def opening(self, ask: Callable[[], SheetView]) -> None:
        """Open the sheet in a worker (a whole stock takes a while), with progress."""
        self.query_one(Notice).progress(_("Opening the count, please wait"))
        self.query_one(ScanLog).clear()
        self.ask(ask)

    @work(thread=True, exclusive=True, exit_on_error=False, group="count-open")
    def ask(self, question: Callable[[], SheetView]) -> None:
        """Open or read a sheet."""
        try:
            self.post_message(self.Shown(question()))
        except TillError as error:
            self.post_message(Refused(error))

    @on(CountSettling.Shown)
    def shown(self, message: CountSettling.Shown) -> None:
        """Show the sheet as the core compared it."""
        opened = self.sheet is None or self.sheet.number != message.sheet.number
        self.sheet = message.sheet
        if opened:
            self.query_one(Notice).say(_("Scan the units on the shelves."))
        self.show()

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A typed code: recorded with the others waiting, classified at once."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """A scan goes to the count's draft; with no open sheet the field refuses it."""
        if self.sheet is None or self.sheet.status != "open":
            return False
        if scan.text:
            self.waiting.append(scan)
            self.pump()
        return True

    def pump(self) -> None:
        """Record the waiting scans, unless scans are being recorded now."""
        if self.scanning or not self.waiting or self.sheet is None:
            return
        scans, self.waiting, self.scanning = self.waiting, [], True
        number = self.sheet.number
        self.record(lambda: self.draft.record(scans, number))

    @work(thread=True, exclusive=True, exit_on_error=False, group="count-scan")
    def record(self, scans: Callable[[], CountStep]) -> None:
        """Record scans, say what each was, then show the sheet compared again."""
        step = scans()
        if isinstance(step, Counted):
            self.post_message(self.Scanned(list(step.results)))
            self.post_message(self.Shown(step.sheet))
        else:
            self.post_message(Refused(step.error))

    @on(Scanned)
    def classified(self, message: Scanned) -> None:
        """Show what each scan was."""
        self.query_one(ScanLog).add(message.results)
        if len(message.results) > 1:
            self.query_one(Notice).say(tally(message.results), "done")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Recorded scans let the waiting ones in; a crash is shown by the app."""
        super().on_worker_state_changed(event)
        if event.worker.group == "count-scan" and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            self.scanning = False
            self.pump()

    def action_import_file(self) -> None:
        """Record the scans of a handheld scanner's exported file."""
        dialog = EntryDialog(
            _("Scans from a file"), _("Path of the scanner's file (one code a line, or CSV)")
        )
        self.app.push_screen(dialog, self._import)

    def _import(self, path: str | None) -> None:
        if not path or not path.strip() or self.sheet is None or self.scanning:
            return
        self.scanning, number = True, self.sheet.number
        self.query_one(Notice).progress(_("Reading the file"))

        def told(done: int, total: int) -> None:
            self.post_message(self.Progressed(done, total))

        self.record(lambda: self.draft.import_file(path, told, number))

    @on(Progressed)
    def progressed(self, message: Progressed) -> None:
        """Show how far the file's scans are recorded."""
        text = _("Recording scans: {done} of {total}").format(
            done=message.done, total=message.total
        )
        self.query_one(Notice).progress(text)

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show the refusal; the sheet stays as it was."""
        self.query_one(Notice).say("")
        self.refuse(message.error)
