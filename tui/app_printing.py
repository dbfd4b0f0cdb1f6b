"""Printing in the app: the jobs of a sale queued and printed in worker threads, the offer and
failure dialogs, the print queue, and the printer's last known state for the status bar.

The printer is only ever spoken to from a worker thread, one batch at a time; a printer that is
off or out of paper never loses the sale: its jobs stay in the queue (``bootstrap.printing``)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import Worker, WorkerState

from core.domain.errors import TillError
from core.domain.movements import DocumentKind
from core.printing import JobStatus, PrintJob
from devices.errors import DeviceError
from devices.print.errors import PaperOut, PrinterOffline, PrinterTimeout
from tui.i18n import N_, _
from tui.messages import DocumentPosted, report_failure

if TYPE_CHECKING:
    from bootstrap.printing import JobOutcome
    from bootstrap.services import Services
    from core.results import Posted
    from devices.print.printer import ReceiptPrinter

    _AppBase = App[Any]
else:
    _AppBase = object

FAULTS: tuple[tuple[type[DeviceError], str], ...] = (
    (PaperOut, N_("paper out")),
    (PrinterTimeout, N_("not responding")),
    (PrinterOffline, N_("offline")),
    (DeviceError, N_("error")),
)
"""The printer state after a job failed this way (the first match counts)."""


class JobsQueued(Message):
    """A sale's print jobs are stored: those to print now, those to offer."""

    def __init__(self, jobs: list[PrintJob]) -> None:
        super().__init__()
        self.jobs = jobs


class JobsPrinted(Message):
    """A batch went to the printer: each attempt's outcome; jobs after a printer fault wait."""

    def __init__(self, jobs: list[PrintJob], outcomes: list[JobOutcome]) -> None:
        super().__init__()
        self.outcomes = outcomes
        printed = {o.job.id for o in outcomes if o.printed}
        self.waiting = [job for job in jobs if job.id not in printed]
        """The jobs not printed, failed or untried."""
        self.fault = next((o.fault for o in outcomes if o.fault is not None), None)
        """The first thing that went wrong, if anything did."""


def printer_state(outcomes: Sequence[JobOutcome], before: str) -> str:
    """The printer's state as the last attempt showed it (``before`` if it did not say)."""
    if not outcomes:
        return before
    last = outcomes[-1]
    if last.printed:
        return N_("paper low") if last.warnings else N_("ready")
    return next((state for kind, state in FAULTS if isinstance(last.fault, kind)), before)


class PrintingMixin(_AppBase):
    """Mix into the till app (before App): printing after a sale, the queue, the printer state."""

    if TYPE_CHECKING:
        services: Services
        printer: ReceiptPrinter | None

        def show_devices(self) -> None:
            """Show the scanner and printer state in the status bar."""

    _printer_state: str = N_("ready")
    _batches: int = 0
    _print_lock: threading.Lock | None = None

    def printer_label(self) -> str:
        """The printer as the status bar names it: none, printing, ready or what failed."""
        if self.printer is None:
            return _("none")
        return _("printing") if self._batches else _(self._printer_state)

    def print_after_sale(self, posted: Posted) -> None:
        """Queue the sale's receipt and warranty cards as the shop settings say, then print."""
        if self.printer is not None:
            self.queue_sale(posted, self.printer.settings.url)

    @work(thread=True, exit_on_error=False, group="print")
    def queue_sale(self, posted: Posted, url: str) -> None:
        """Store the sale's jobs (per the settings) in the print queue."""
        from bootstrap import printing

        self.post_message(JobsQueued(printing.after_sale(self.services, posted, url)))

    def on_document_posted(self, message: DocumentPosted) -> None:
        """A customer return refunded in cash opens the drawer (when the settings say so)."""
        posted = message.posted
        if self.printer is not None and posted.kind is DocumentKind.CUSTOMER_RETURN:
            self.queue_refund(posted, self.printer.settings.url)

    @work(thread=True, exit_on_error=False, group="print")
    def queue_refund(self, posted: Posted, url: str) -> None:
        """Store the refund's drawer job in the print queue."""
        from bootstrap import printing

        self.post_message(JobsQueued(printing.after_refund(self.services, posted, url)))

    def action_open_drawer(self) -> None:
        """Open the cash drawer now (through the print queue)."""
        if self.printer is None:
            self.notify(_("No printer is configured: the drawer hangs on the printer."))
            return
        self.queue_drawer()

    @work(thread=True, exit_on_error=False, group="print")
    def queue_drawer(self) -> None:
        """Store the drawer's opening in the print queue; it is printed at once."""
        from bootstrap import printing

        self.post_message(JobsQueued([printing.drawer_job(self.services)]))

    def on_jobs_queued(self, message: JobsQueued) -> None:
        """Print the automatic jobs now; ask about the offered ones."""
        now = [job for job in message.jobs if job.status is JobStatus.PENDING]
        offered = [job for job in message.jobs if job.status is JobStatus.OFFERED]
        if now:
            self.print_jobs(now)
        if offered:
            from tui.dialogs.print_offer import PrintOffer

            self.push_screen(PrintOffer(offered), partial(self._offer_answered, offered))

    def _offer_answered(self, jobs: list[PrintJob], yes: bool | None) -> None:
        if yes:
            self.print_jobs(jobs)
        else:
            self.skip_jobs(jobs)

    @work(thread=True, exit_on_error=False, group="print")
    def skip_jobs(self, jobs: list[PrintJob]) -> None:
        """Record that the cashier declined the jobs."""
        from bootstrap import printing

        printing.mark(self.services, jobs, JobStatus.SKIPPED)

    def print_jobs(self, jobs: list[PrintJob]) -> None:
        """Print jobs in a worker thread; queue first those not stored yet (re-prints)."""
        if self.printer is None:
            self.notify(_("No printer is configured: set [printer] url in the config."))
            return
        if self._print_lock is None:
            self._print_lock = threading.Lock()
        self._batches += 1
        self.show_devices()
        self.print_batch(self.printer, self._print_lock, jobs)

    @work(thread=True, exit_on_error=False, group="print")
    def print_batch(
        self, printer: ReceiptPrinter, lock: threading.Lock, jobs: list[PrintJob]
    ) -> None:
        """Send the jobs one after another, one batch at a time; post what happened."""
        from bootstrap import printing

        services = self.services
        stored = [job if job.id is not None else printing.enqueue(services, job) for job in jobs]
        offered = [job for job in stored if job.status is JobStatus.OFFERED]
        printing.mark(services, offered, JobStatus.PENDING)
        with lock:
            outcomes = printing.run_jobs(services, printer, stored)
        self.post_message(JobsPrinted(stored, outcomes))

    def on_jobs_printed(self, message: JobsPrinted) -> None:
        """Show the printer's new state, any warning or failure; refresh an open queue."""
        self._batches -= 1
        self._printer_state = printer_state(message.outcomes, self._printer_state)
        self.show_devices()
        for warning in {w for outcome in message.outcomes for w in outcome.warnings}:
            self.notify(warning, title=_("Printer"), severity="warning")
        printed = sum(outcome.printed for outcome in message.outcomes)
        from tui.dialogs.print_queue import PrintQueue

        for screen in self.screen_stack:
            if isinstance(screen, PrintQueue):
                screen.after_print(printed, len(message.waiting))
        if message.fault is not None:
            self._show_failure(message.fault, message.waiting)

    def _show_failure(self, fault: TillError, jobs: list[PrintJob]) -> None:
        from tui.dialogs.printer_failure import PrinterFailure

        shown = next((s for s in self.screen_stack if isinstance(s, PrinterFailure)), None)
        if shown is not None:
            shown.add(fault, jobs)
        else:
            self.push_screen(PrinterFailure(fault, jobs), self._failure_answered)

    def _failure_answered(self, jobs: list[PrintJob] | None) -> None:
        if jobs:
            self.print_jobs(jobs)

    def action_print_queue(self) -> None:
        """Open the print queue (once)."""
        from tui.dialogs.print_queue import PrintQueue

        if any(isinstance(screen, PrintQueue) for screen in self.screen_stack):
            self.bell()
            return
        queue = PrintQueue(self.services, self.print_jobs, can_print=self.printer is not None)
        self.push_screen(queue)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A print worker that crashed is shown, and no longer counts as printing."""
        report_failure(self, event)
        if event.state is WorkerState.ERROR and event.worker.name == "print_batch":
            self._batches -= 1
            self.show_devices()
