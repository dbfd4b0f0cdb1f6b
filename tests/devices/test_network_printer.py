"""A loopback TCP fake printer: delivery is confirmed, and off/stalled printers are reported."""

from __future__ import annotations

import time

import pytest

from devices.print.document import Cut, Document, Text
from devices.print.errors import PaperOut, PrinterOffline, PrinterTimeout
from devices.print.escpos_dump import decode
from devices.print.printer import ReceiptPrinter
from devices.print.settings import PrinterSettings
from devices.print.status import Paper, PrinterStatus
from devices.print.transports import NetworkTransport
from tests.devices.fake_printer import FakeNetworkPrinter, refused_port

RECEIPT = Document.of(Text("Гарантійний талон"), Text("SN-0001234"), Cut())


def printer_for(url: str, timeout: float = 2.0) -> ReceiptPrinter:
    """A receipt printer on 58 mm paper talking to ``url``."""
    return ReceiptPrinter(PrinterSettings(url=url, paper_mm=58, timeout=timeout))


def test_job_reaches_the_printer_and_is_confirmed_after_the_cut() -> None:
    """Status before and after the job; the bytes decode to the receipt."""
    with FakeNetworkPrinter() as fake:
        result = printer_for(fake.url).print(RECEIPT)
    assert result.confirmed and result.status == PrinterStatus(True, Paper.OK)
    assert fake.status_requests == [1, 4, 1, 4]
    job = bytes(fake.received).split(b"\x10\x04\x04", 1)[1]
    assert decode(job).lines()[:2] == ["Гарантійний талон", "SN-0001234"]
    assert result.bytes_sent == len(job) - 6  # minus the two trailing status requests


def test_refused_connection_is_printer_offline_with_the_address() -> None:
    """Nothing listening: one clear PrinterOffline, no traceback text."""
    port = refused_port()
    with pytest.raises(PrinterOffline) as caught:
        printer_for(f"tcp://127.0.0.1:{port}").print(RECEIPT)
    assert str(caught.value) == (
        f"The printer at 127.0.0.1:{port} refused the connection. "
        "Check that it is switched on and connected."
    )


def test_printer_that_never_answers_is_a_timeout_and_nothing_is_sent() -> None:
    """A stalled printer fails the status check before the job, within the timeout."""
    with FakeNetworkPrinter(stall=True) as fake:
        started = time.monotonic()
        with pytest.raises(PrinterTimeout, match="did not answer within 0.3 s"):
            printer_for(fake.url, timeout=0.3).print(RECEIPT)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0
    assert fake.received == b""


def test_stalled_printer_makes_a_large_send_time_out() -> None:
    """When the printer stops reading, sendall gives up after the timeout."""
    with FakeNetworkPrinter(stall=True) as fake:
        transport = NetworkTransport("127.0.0.1", fake.port, timeout=0.3)
        try:
            with pytest.raises(PrinterTimeout, match="stopped accepting data"):
                transport.send(b"\0" * 64_000_000)
        finally:
            transport.close()


def test_paper_out_stops_the_job_before_sending() -> None:
    """No bytes are sent to a printer without paper (they would print later, twice)."""
    with FakeNetworkPrinter(paper=0x72) as fake:
        with pytest.raises(PaperOut, match="is out of paper"):
            printer_for(fake.url).print(RECEIPT)
    assert fake.status_requests == [1, 4]
    assert b"SN-0001234" not in fake.received


def test_paper_near_end_prints_with_a_warning() -> None:
    """Near-end is not an error, but the cashier is told."""
    with FakeNetworkPrinter(paper=0x1E) as fake:
        result = printer_for(fake.url).print(RECEIPT)
    assert result.status.paper is Paper.NEAR_END
    assert result.warnings == ("The paper roll is nearly finished; replace it soon.",)


def test_printer_reporting_offline_is_refused() -> None:
    """Cover open or error: bit 3 of the status byte."""
    with FakeNetworkPrinter(online=0x1A) as fake:
        with pytest.raises(PrinterOffline, match="reports a problem"):
            printer_for(fake.url).print(RECEIPT)


def test_status_query_reads_the_printer_state() -> None:
    """status() asks both DLE EOT questions."""
    with FakeNetworkPrinter(paper=0x1E) as fake:
        status = printer_for(fake.url).status()
    assert status == PrinterStatus(True, Paper.NEAR_END)


def test_without_confirmation_the_job_is_just_sent() -> None:
    """confirm=False sends no status requests (for printers that never answer)."""
    with FakeNetworkPrinter(stall=True) as fake:
        settings = PrinterSettings(url=fake.url, confirm=False, timeout=1.0)
        result = ReceiptPrinter(settings).print(RECEIPT)
    assert not result.confirmed and result.status.paper is Paper.UNKNOWN


def test_unknown_host_is_reported_as_an_unknown_address() -> None:
    """A typo in the host name."""
    with pytest.raises(PrinterOffline, match="printer address 'no-such-host.invalid' is unknown"):
        printer_for("tcp://no-such-host.invalid:9100").print(RECEIPT)
