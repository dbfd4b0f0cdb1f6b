"""Serial scanners: line splitting, loop:// and a pty that is unplugged and replugged."""

from __future__ import annotations

import os
import queue
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from devices.scan.base import ScanEvent, ScannerError
from devices.scan.reader import Backoff
from devices.scan.serial_line import LineSplitter, SerialScanner

FAST = Backoff(initial=0.01, maximum=0.05)
WAIT = 5.0


def test_cr_lf_and_crlf_all_end_a_code_and_empty_pieces_are_dropped() -> None:
    """Every common suffix works; blank lines give no codes."""
    assert LineSplitter().feed(b"4820000000001\rSN-1\r\nSN-2\n\n\r\n") == [
        "4820000000001",
        "SN-1",
        "SN-2",
    ]


def test_code_and_crlf_split_across_reads_are_joined() -> None:
    """A code arrives in pieces; CR in one read and LF in the next is one terminator."""
    splitter = LineSplitter()
    assert splitter.feed(b"SN-") == []
    assert splitter.feed(b"00") == []
    assert splitter.feed(b"1\r") == ["SN-001"]
    assert splitter.feed(b"\nSN-002\r") == ["SN-002"]


def test_multibyte_character_split_between_reads_survives() -> None:
    """UTF-8 is decoded incrementally."""
    splitter = LineSplitter()
    data = "ТОВАР-1\n".encode()
    assert splitter.feed(data[:1]) + splitter.feed(data[1:]) == ["ТОВАР-1"]


def test_stx_etx_framing_is_stripped() -> None:
    """Scanners set to wrap codes in STX/ETX still give the bare code."""
    assert LineSplitter().feed(b"\x02SN-9\x03\r") == ["SN-9"]


def test_endless_garbage_without_terminator_is_dropped() -> None:
    """A stream with no terminator does not grow the buffer forever."""
    splitter = LineSplitter()
    splitter.feed(b"x" * 10_000)
    assert splitter.feed(b"SN-1\n") == ["SN-1"]


@given(
    st.lists(st.text(alphabet="ABCXYZ0123456789-", min_size=1, max_size=12), max_size=8),
    st.sampled_from([b"\r", b"\n", b"\r\n"]),
    st.integers(min_value=1, max_value=7),
)
def test_any_chunking_yields_the_same_codes(codes: list[str], end: bytes, size: int) -> None:
    """Read boundaries never change the result."""
    data = b"".join(code.encode() + end for code in codes)
    splitter = LineSplitter()
    got = [c for i in range(0, len(data), size) for c in splitter.feed(data[i : i + size])]
    assert got == codes


def test_loop_url_scanner_reads_codes_written_to_the_port() -> None:
    """pyserial's loop:// stands in for a CDC-ACM scanner in-process."""
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    scanner = SerialScanner("loop://", backoff=FAST)
    scanner.start(scans.put, lambda error: None)
    try:
        assert scanner.wait_connected(WAIT)
        scanner.handle.write(b"SN-LOOP-1\r\nSN-LOOP-2\r")
        codes = [scans.get(timeout=WAIT).code, scans.get(timeout=WAIT).code]
    finally:
        scanner.stop()
        scanner.stop()
    assert codes == ["SN-LOOP-1", "SN-LOOP-2"]


def open_pty(link: Path) -> int:
    """Open a pty, point ``link`` at its slave, and return the master fd."""
    master, slave = os.openpty()
    name = os.ttyname(slave)
    os.close(slave)
    tmp = link.with_suffix(".new")
    tmp.symlink_to(name)
    tmp.replace(link)
    return master


def test_pty_scanner_reconnects_after_unplug_on_the_same_path(tmp_path: Path) -> None:
    """Closing the pty master is an unplug: one error, then the replugged port is read again."""
    port = tmp_path / "ttySCAN"
    master = open_pty(port)
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    errors: queue.SimpleQueue[Exception] = queue.SimpleQueue()
    scanner = SerialScanner(str(port), backoff=FAST)
    scanner.start(scans.put, errors.put)
    replugged = None
    try:
        assert scanner.wait_connected(WAIT)
        os.write(master, b"4820000000001\rSN-ABC-0001\r\n")
        assert [scans.get(timeout=WAIT).code for _ in range(2)] == ["4820000000001", "SN-ABC-0001"]
        os.close(master)
        error = errors.get(timeout=WAIT)
        replugged = open_pty(port)
        assert scanner.wait_connected(WAIT)
        os.write(replugged, b"SN-ABC-0002\n")
        assert scans.get(timeout=WAIT).code == "SN-ABC-0002"
    finally:
        scanner.stop()
        if replugged is not None:
            os.close(replugged)
    assert isinstance(error, ScannerError) and "unplugged" in str(error)
    assert scanner.source == f"serial:{port}"


def test_missing_port_is_reported_as_not_connected(tmp_path: Path) -> None:
    """A port that does not exist gives one plain error."""
    errors: queue.SimpleQueue[Exception] = queue.SimpleQueue()
    scanner = SerialScanner(str(tmp_path / "ttyNONE"), backoff=FAST)
    scanner.start(lambda event: None, errors.put)
    try:
        error = errors.get(timeout=WAIT)
    finally:
        scanner.stop()
    assert isinstance(error, ScannerError) and "is not connected" in str(error)
