"""The printer did not print: what is wrong, what waits, Retry or Later; the sale is saved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from core.domain.errors import TillError
from core.printing import PrintJob
from tui.dialogs import job_text
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class PrinterFailure(Dialog[list[PrintJob] | None]):
    """Answers the jobs to print again on Enter, or None on Esc (they wait in the queue)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f10", "retry", N_("Retry")),
        Binding("escape", "later", N_("Later")),
    ]

    def __init__(self, fault: TillError, jobs: list[PrintJob]) -> None:
        super().__init__(classes="error-dialog printer-failure")
        self.fault = fault
        self.jobs = list(jobs)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", classes="message", markup=False)
            yield Static(_("Nothing is lost. Waiting to print:"), classes="hint", markup=False)
            yield Static("", id="jobs", markup=False)
            yield Static(_("Enter: retry   Esc: later (print queue: Ctrl+R)"), classes="keys")

    def on_mount(self) -> None:
        self._show()
        self.app.bell()

    def add(self, fault: TillError, jobs: list[PrintJob]) -> None:
        """Another batch failed while the dialog is open: show its error, list its jobs too."""
        known = {job.id for job in self.jobs}
        self.fault = fault
        self.jobs += [job for job in jobs if job.id not in known]
        self._show()

    def _show(self) -> None:
        self.query_one(".dialog").border_title = self.fault.title
        self.query_one(".message", Static).update(self.fault.message)
        self.query_one("#jobs", Static).update(job_text.listing(self.jobs))

    def action_retry(self) -> None:
        """Print the waiting jobs again."""
        self.dismiss(self.jobs)

    def action_later(self) -> None:
        """Leave the jobs in the print queue."""
        self.dismiss(None)
