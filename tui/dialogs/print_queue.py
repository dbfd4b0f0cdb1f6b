"""The print queue: jobs waiting (to print, failed, offered) with their error; print one or all,
skip one, preview, and re-print any past receipt, warranty card or SN label."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap import printing
from bootstrap.services import Services
from core.domain.errors import TillError
from core.printing import JobKind, JobStatus, PrintJob
from tui.dialogs import job_text
from tui.dialogs.dialog import Dialog
from tui.dialogs.entry import EntryDialog
from tui.dialogs.print_preview import PrintPreview
from tui.i18n import N_, _
from tui.messages import Refused
from tui.widgets.notice import Kind, Notice

REPRINT = {
    JobKind.RECEIPT: (N_("Re-print a receipt"), N_("Document number, or scan the receipt")),
    JobKind.WARRANTY_CARD: (N_("Re-print a warranty card"), N_("Serial number of the unit")),
    JobKind.LABEL: (N_("Print an SN label"), N_("Serial number of the unit")),
}
"""The question asked for each kind of re-print: title and field label."""


class PrintQueue(Dialog[None]):
    """Lists the waiting jobs; printing goes through the app, which reloads this list after."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "print_one", N_("Print")),
        Binding("f5", "print_all", N_("Print all")),
        Binding("delete", "skip", N_("Skip")),
        Binding("f4", "preview", N_("Preview")),
        Binding("f6", "reprint('receipt')", N_("Re-print receipt")),
        Binding("f7", "reprint('warranty_card')", N_("Re-print card")),
        Binding("f8", "reprint('label')", N_("Print SN label")),
        Binding("escape", "close", N_("Close")),
    ]

    class Loaded(Message):
        """The waiting jobs, read from the database."""

        def __init__(self, jobs: list[PrintJob]) -> None:
            super().__init__()
            self.jobs = jobs

    class Previewed(Message):
        """A job's text, ready to show."""

        def __init__(self, job: PrintJob, text: str) -> None:
            super().__init__()
            self.job = job
            self.text = text

    def __init__(
        self, services: Services, print_jobs: Callable[[list[PrintJob]], None], *, can_print: bool
    ) -> None:
        super().__init__(classes="print-queue")
        self.services = services
        self.print_jobs = print_jobs
        """Starts printing jobs (the app's worker); the app calls ``reload()`` when done."""
        self.can_print = can_print
        self.jobs: list[PrintJob] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Print queue")
            yield DataTable(id="jobs", cursor_type="row")
            yield Static("", id="error", markup=False)
            yield Notice(id="said")
            yield Static(
                _("Enter: print  F5: print all  Del: skip  F4: preview  Esc: close")
                + "\n"
                + _("Re-print: F6 receipt  F7 warranty card  F8 SN label"),
                classes="keys",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Document"), _("Status"), _("Tries"))
        table.focus()
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="print-queue-load")
    def reload(self) -> None:
        """Read the waiting jobs again."""
        self.post_message(self.Loaded(self.services.office.waiting_jobs()))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the waiting jobs, keeping the cursor where it was."""
        table, self.jobs = self.query_one(DataTable), message.jobs
        row = table.cursor_row
        table.clear()
        for job in self.jobs:
            table.add_row(job_text.describe(job), job_text.status(job), str(job.attempts))
        table.move_cursor(row=min(row, len(self.jobs) - 1))
        table.show_cursor = bool(self.jobs)
        self._show_error()
        count = _("Waiting: {count}").format(count=len(self.jobs))
        self.query_one(".dialog").border_subtitle = count

    def after_print(self, printed: int, failed: int) -> None:
        """A print batch ended (started here or after a sale): say how it went, list again."""
        text = _("Printed: {printed}   Not printed: {failed}")
        self.say(text.format(printed=printed, failed=failed), "warning" if failed else "done")
        self.reload()

    @on(DataTable.RowHighlighted)
    def _show_error(self) -> None:
        job = self._selected()
        if job is None:
            text = _("Nothing waits to be printed.")
        else:
            text = job.last_error or ""
        self.query_one("#error", Static).update(text)
        self.query_one("#error").set_class(job is None, "-empty")

    def _selected(self) -> PrintJob | None:
        row = self.query_one(DataTable).cursor_row
        return self.jobs[row] if 0 <= row < len(self.jobs) else None

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show feedback above the keys."""
        self.query_one(Notice).say(text, kind)

    def action_print_one(self) -> None:
        """Print the selected job."""
        job = self._selected()
        self._print([job] if job is not None else [])

    def action_print_all(self) -> None:
        """Print every waiting job."""
        self._print(list(self.jobs))

    def _print(self, jobs: list[PrintJob]) -> None:
        if not jobs or not self.can_print:
            self.app.bell()
            if not self.can_print:
                self.say(_("No printer is configured: set [printer] url in the config."), "warning")
            return
        self.say(_("Printing: {count}...").format(count=len(jobs)))
        self.print_jobs(jobs)

    def action_skip(self) -> None:
        """Take the selected job off the queue without printing it."""
        job = self._selected()
        if job is None:
            self.app.bell()
            return
        self.skip(job)

    @work(thread=True, exit_on_error=False, group="print-queue-skip")
    def skip(self, job: PrintJob) -> None:
        """Mark the job skipped, then read the queue again."""
        printing.mark(self.services, [job], JobStatus.SKIPPED)
        self.post_message(self.Loaded(self.services.office.waiting_jobs()))

    def action_preview(self) -> None:
        """Show the selected job as it will print."""
        job = self._selected()
        if job is None:
            self.app.bell()
            return
        self.find(lambda: job)

    def action_reprint(self, kind: str) -> None:
        """Ask for a document number or SN, then show what it re-prints."""
        chosen = JobKind(kind)
        title, label = REPRINT[chosen]
        self.app.push_screen(EntryDialog(_(title), _(label)), partial(self._target, chosen))

    def _target(self, kind: JobKind, value: str | None) -> None:
        if value and value.strip():
            self.find(lambda: printing.reprint_job(self.services, kind, value.strip()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="print-queue-find")
    def find(self, job_to_print: Callable[[], PrintJob]) -> None:
        """Find the document or unit and render its text (a refusal if there is none)."""
        try:
            job = job_to_print()
            text = printing.preview(self.services, job)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(self.Previewed(job, text))

    @on(Previewed)
    def previewed(self, message: Previewed) -> None:
        """Show the text; Enter there prints it."""
        job = message.job
        preview = PrintPreview(job_text.describe(job), message.text, can_print=self.can_print)
        self.app.push_screen(preview, partial(self._previewed, job))

    def _previewed(self, job: PrintJob, print_it: bool | None) -> None:
        if print_it:
            self._print([job])

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """No such document or unit: say so, with a bell."""
        self.app.bell()
        self.say(f"{message.error.title}: {message.error.message}", "error")

    def action_close(self) -> None:
        """Back to where the queue was opened."""
        self.dismiss(None)
