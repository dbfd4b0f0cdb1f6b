"""ScanStream merges sources and drops double reads; FakeScanner replays codes."""

from __future__ import annotations

import queue
import threading

from devices.scan.base import ErrorCallback, ScanCallback, ScanEvent
from devices.scan.dedupe import Deduper
from devices.scan.fake import FakeScanner
from devices.scan.stream import ScanStream

WAIT = 5.0


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class PushSource:
    """A source whose scans and errors the test triggers directly."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.on_scan: ScanCallback | None = None
        self.on_error: ErrorCallback | None = None
        self.stops = 0

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback) -> None:
        self.on_scan, self.on_error = on_scan, on_error

    def stop(self) -> None:
        self.stops += 1

    def scan(self, code: str) -> None:
        assert self.on_scan is not None
        self.on_scan(ScanEvent(code, self.name, 0.0))


def test_same_code_within_interval_is_a_double_read() -> None:
    """The second read 0.2 s later is dropped; 0.6 s later it counts again."""
    clock = ManualClock()
    deduper = Deduper(0.5, clock)
    assert deduper.accept("SN1")
    clock.now = 0.2
    assert not deduper.accept("SN1")
    clock.now = 0.8
    assert deduper.accept("SN1")
    assert deduper.accept("SN2")


def test_stream_merges_two_sources_and_drops_a_cross_source_double_read() -> None:
    """Two scanners feed one stream; a repeat from either is dropped within the interval."""
    clock = ManualClock()
    hid, serial = PushSource("hid"), PushSource("serial")
    stream = ScanStream([hid, serial], dedupe_interval=0.5, clock=clock)
    seen: list[tuple[str, str]] = []
    stream.start(lambda e: seen.append((e.code, e.source)), lambda error: None)
    hid.scan("SN1")
    serial.scan("SN1")
    serial.scan("SN2")
    clock.now = 1.0
    hid.scan("SN2")
    stream.stop()
    stream.stop()
    assert seen == [("SN1", "hid"), ("SN2", "serial"), ("SN2", "hid")]
    assert hid.stops == serial.stops == 2


def test_stream_forwards_source_errors_and_drops_a_double_read() -> None:
    """A source's error passes through; the same code read twice at once arrives once."""
    source = PushSource("hid")
    stream = ScanStream([source], clock=ManualClock())
    errors: list[Exception] = []
    seen: list[str] = []
    stream.start(lambda e: seen.append(e.code), errors.append)
    assert source.on_error is not None and source.on_scan is not None
    source.on_error(RuntimeError("unplugged"))
    source.on_scan(ScanEvent("W1", "hid", 0.0))
    source.on_scan(ScanEvent("W1", "hid", 0.0))
    assert seen == ["W1"] and str(errors[0]) == "unplugged"


def test_stream_is_thread_safe_under_concurrent_sources() -> None:
    """Eight threads scanning distinct codes lose none and duplicate none."""
    sources = [PushSource(f"s{i}") for i in range(8)]
    stream = ScanStream(sources, dedupe_interval=0.5)
    seen: list[str] = []
    lock = threading.Lock()

    def record(event: ScanEvent) -> None:
        with lock:
            seen.append(event.code)

    stream.start(record, lambda error: None)
    threads = [
        threading.Thread(target=lambda s=s: [s.scan(f"{s.name}-{n}") for n in range(200)])
        for s in sources
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == sorted(f"s{i}-{n}" for i in range(8) for n in range(200))


def test_fake_scanner_emits_its_codes_in_order_then_finishes() -> None:
    """The demo/test scanner replays codes from its own thread."""
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    scanner = FakeScanner(["SN1", "SN2", "SN3"], gaps=0.0)
    scanner.start(scans.put, lambda error: None)
    assert scanner.finished.wait(WAIT)
    scanner.stop()
    scanner.stop()
    assert [scans.get(timeout=WAIT).code for _ in range(3)] == ["SN1", "SN2", "SN3"]
    assert scans.empty()


def test_repeating_fake_scanner_runs_until_stopped() -> None:
    """With repeat=True the list starts over."""
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    scanner = FakeScanner(["A", "B"], gaps=[0.0, 0.001], repeat=True, source="demo")
    scanner.start(scans.put, lambda error: None)
    codes = [scans.get(timeout=WAIT).code for _ in range(5)]
    scanner.stop()
    assert codes == ["A", "B", "A", "B", "A"] and not scanner.finished.is_set()
