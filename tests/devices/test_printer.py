"""ReceiptPrinter: pure render, send with confirmation, and the code page test page."""

from __future__ import annotations

import pytest

from devices.print.codepage_page import SAMPLE, TEST_SLOTS
from devices.print.document import Cut, Document, Text
from devices.print.errors import PaperOut, PrinterOffline, PrinterTimeout
from devices.print.escpos_dump import decode
from devices.print.printer import ReceiptPrinter
from devices.print.settings import PrinterSettings
from devices.print.status import DLE_EOT_PAPER, DLE_EOT_PRINTER, Paper, PrinterStatus
from devices.print.transports import MemoryTransport, transport_for_url

DOC = Document.of(Text("Дякуємо!"), Cut())
SETTINGS = PrinterSettings(paper_mm=58)


def test_render_is_pure_and_print_sends_exactly_the_rendered_bytes() -> None:
    """print() = render() → send(), then a confirming status read."""
    memory = MemoryTransport()
    printer = ReceiptPrinter(SETTINGS, memory)
    result = printer.print(DOC)
    assert memory.jobs == [printer.render(DOC)]
    assert memory.queries == [DLE_EOT_PRINTER, DLE_EOT_PAPER] * 2
    assert result.confirmed and result.bytes_sent == len(memory.jobs[0])
    assert memory.closed == 1


def test_printer_that_cannot_report_status_prints_unconfirmed() -> None:
    """A device file or CUPS queue: sent, but not confirmed."""
    memory = MemoryTransport(readable=False)
    result = ReceiptPrinter(SETTINGS, memory).print(DOC)
    assert memory.jobs and not result.confirmed
    assert result.status == PrinterStatus(None, Paper.UNKNOWN)


def test_silent_printer_raises_timeout_and_suggests_turning_confirmation_off() -> None:
    """No reply at all: PrinterTimeout, and nothing was sent."""
    memory = MemoryTransport()
    memory.set_status(online=None, paper=Paper.UNKNOWN)
    with pytest.raises(PrinterTimeout, match="turn off print confirmation"):
        ReceiptPrinter(SETTINGS, memory).print(DOC)
    assert memory.jobs == [] and memory.closed == 1


def test_paper_running_out_during_the_job_is_reported_after_sending() -> None:
    """The after-job check catches a roll that ended mid-receipt."""

    class RunsOut(MemoryTransport):
        def send(self, data: bytes) -> None:
            super().send(data)
            self.set_status(online=False, paper=Paper.OUT)

    memory = RunsOut()
    with pytest.raises(PaperOut, match="ran out of paper; the receipt may be incomplete"):
        ReceiptPrinter(SETTINGS, memory).print(DOC)
    assert len(memory.jobs) == 1


def test_transport_failure_propagates_and_the_connection_is_closed() -> None:
    """A transport error reaches the caller unchanged; the link is released."""
    memory = MemoryTransport()
    memory.fail_with = PrinterOffline("The printer at 10.0.0.9:9100 refused the connection.")
    with pytest.raises(PrinterOffline, match="refused"):
        ReceiptPrinter(SETTINGS, memory).print(DOC)
    assert memory.closed == 1


def test_printer_builds_its_transport_from_the_settings_url() -> None:
    """Without an explicit transport the URL decides."""
    printer = ReceiptPrinter(PrinterSettings(url="mem://"))
    assert isinstance(printer.transport, MemoryTransport)
    assert isinstance(transport_for_url("mem://"), MemoryTransport)


def test_preview_uses_the_paper_columns() -> None:
    """58 mm previews are 32 columns wide."""
    preview = ReceiptPrinter(SETTINGS, MemoryTransport()).preview(Document.of(Text("x" * 40)))
    assert preview.splitlines() == ["x" * 32, "x" * 8]


def test_codepage_test_page_labels_every_candidate_slot_with_the_sample() -> None:
    """Each slot is selected with ESC t and the sample printed, labelled, per encoding."""
    memory = MemoryTransport()
    ReceiptPrinter(PrinterSettings(paper_mm=58, codepage_slot=73), memory).test_page()
    dump = decode(memory.jobs[0])
    assert dump.commands("codepage") == list(TEST_SLOTS)
    lines = dump.lines()
    assert f"  46 cp1251   {SAMPLE}" in lines
    assert f"  73 cp1251   {SAMPLE}" in lines
    assert f"  44 cp1125   {SAMPLE.replace('«»—', '???')}" in lines
    assert "Now: slot 73 cp1251" in lines
    assert len(dump.images()) == 1 and dump.commands("cut")
