"""The receipt printer: render a document, send it, and make sure the printer got it.

A printer that is switched off does not make a TCP send fail: the bytes sit in buffers and
the receipt is silently lost (python-escpos #253). With ``confirm`` on, the printer is asked
for its status before the job (no sending into a printer without paper, which would print
later and duplicate a re-print) and again after the cut; only an answer proves delivery.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.i18n import _
from devices.print.codepage_page import codepage_test_page
from devices.print.document import Document
from devices.print.errors import PaperOut, PrinterOffline, PrinterTimeout
from devices.print.escpos_render import render_escpos
from devices.print.settings import PrinterSettings
from devices.print.status import (
    DLE_EOT_PAPER,
    DLE_EOT_PRINTER,
    UNKNOWN,
    Paper,
    PrinterStatus,
    parse_status,
)
from devices.print.text_render import render_text
from devices.print.transports import Transport, transport_for_url


@dataclass(frozen=True)
class PrintResult:
    """What happened to one job that was sent."""

    bytes_sent: int
    status: PrinterStatus
    """The status after the job; UNKNOWN when the link cannot read status."""
    confirmed: bool
    """True when the printer answered after the job, proving it received it."""
    warnings: tuple[str, ...] = ()
    """Things to tell the cashier that did not stop the print, e.g. paper running out."""


class ReceiptPrinter:
    """An ESC/POS printer: pure rendering plus delivery through a transport."""

    def __init__(self, settings: PrinterSettings, transport: Transport | None = None) -> None:
        self.settings = settings
        self.transport = transport or transport_for_url(settings.url, settings.timeout)

    def render(self, document: Document) -> bytes:
        """The job's bytes; pure and deterministic."""
        return render_escpos(document, self.settings)

    def preview(self, document: Document) -> str:
        """The document as plain text at this paper's width."""
        return render_text(document, self.settings.columns)

    def print(self, document: Document) -> PrintResult:
        """Render and send a document."""
        return self.send(self.render(document))

    def test_page(self) -> PrintResult:
        """Print the code page test page."""
        return self.send(codepage_test_page(self.settings))

    def send(self, data: bytes) -> PrintResult:
        """Send already rendered bytes (e.g. a job kept for re-printing)."""
        try:
            if self.settings.confirm:
                before = self._read_status()
                if before is not None:
                    self._require_ready(before, after_job=False)
            self.transport.send(data)
            after = self._read_status() if self.settings.confirm else None
            if after is not None:
                self._require_ready(after, after_job=True)
        finally:
            self.transport.close()
        status = after or UNKNOWN
        return PrintResult(len(data), status, after is not None, self._warnings(status))

    def status(self) -> PrinterStatus:
        """Ask the printer how it is; UNKNOWN when it cannot say or does not answer.

        Raises PrinterOffline when the printer cannot be reached at all.
        """
        try:
            online = self.transport.query(DLE_EOT_PRINTER, 1, self.settings.timeout)
            paper = self.transport.query(DLE_EOT_PAPER, 1, self.settings.timeout)
        finally:
            self.transport.close()
        return parse_status(online, paper)

    def _read_status(self) -> PrinterStatus | None:
        """Query status; None when the link cannot read, PrinterTimeout when no answer."""
        online = self.transport.query(DLE_EOT_PRINTER, 1, self.settings.timeout)
        if online is None:
            return None
        if not online:
            message = _(
                "The printer at {where} did not answer within {seconds} s. Check that it is "
                "on, then print again. If this printer never answers status requests, turn off "
                "print confirmation."
            )
            where, seconds = self.transport.name, f"{self.settings.timeout:g}"
            raise PrinterTimeout(message.format(where=where, seconds=seconds))
        paper = self.transport.query(DLE_EOT_PAPER, 1, self.settings.timeout)
        return parse_status(online, paper)

    def _require_ready(self, status: PrinterStatus, *, after_job: bool) -> None:
        """Raise PaperOut or PrinterOffline when the printer says it cannot print."""
        where = self.transport.name
        if status.paper is Paper.OUT:
            if after_job:
                message = _(
                    "The printer at {where} ran out of paper; the receipt may be incomplete. "
                    "Load a new roll, then print again."
                )
            else:
                message = _("The printer at {where} is out of paper. Load a new roll.")
            raise PaperOut(message.format(where=where))
        if status.online is False:
            message = _(
                "The printer at {where} reports a problem (cover open or error). "
                "Fix it, then print again."
            )
            raise PrinterOffline(message.format(where=where))

    @staticmethod
    def _warnings(status: PrinterStatus) -> tuple[str, ...]:
        """Cashier notes for a successful job."""
        if status.paper is Paper.NEAR_END:
            return (_("The paper roll is nearly finished; replace it soon."),)
        return ()
