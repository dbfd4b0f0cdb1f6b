"""Reader thread shared by hardware scanners: open, read until lost, back off, reopen."""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from devices.scan.base import ErrorCallback, ScanCallback, ScanEvent, ScannerError
from devices.scan.dedupe import Clock

log = logging.getLogger(__name__)

Handle = TypeVar("Handle")


@dataclass(frozen=True)
class Backoff:
    """Delays between reconnect attempts: ``initial`` seconds, growing to ``maximum``."""

    initial: float = 0.5
    maximum: float = 5.0
    factor: float = 2.0

    def delays(self) -> Iterator[float]:
        """Yield the wait before each successive attempt, forever."""
        delay = self.initial
        while True:
            yield delay
            delay = min(delay * self.factor, self.maximum)


class DeviceReader(ABC, Generic[Handle]):
    """A scanner source that owns one device in a thread and survives unplugging.

    Subclasses open the device, pump it until it fails (raising ScannerError) or the reader is
    stopped, and close it. Errors are reported once per outage, not on every retry.
    """

    def __init__(self, source: str, backoff: Backoff, clock: Clock = time.monotonic) -> None:
        self.source = source
        self.backoff = backoff
        self._clock = clock
        self._stopping = threading.Event()
        self._connected = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_scan: ScanCallback | None = None
        self._on_error: ErrorCallback | None = None

    @property
    def connected(self) -> bool:
        """True while the device is open and being read."""
        return self._connected.is_set()

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback) -> None:
        """Start the reader thread."""
        if self._thread is not None:
            raise RuntimeError(f"scanner {self.source} is already running")
        self._on_scan, self._on_error = on_scan, on_error
        self._stopping.clear()
        self._prepare()
        self._thread = threading.Thread(target=self._run, name=f"scan {self.source}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and release the device; safe to call more than once."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake()
        thread.join(timeout=5.0)
        self._cleanup()

    def wait_connected(self, timeout: float) -> bool:
        """Block until the device is open; for tests and the probe command."""
        return self._connected.wait(timeout)

    def _run(self) -> None:
        """Thread body: keep the device open and pumped until stopped."""
        delays = self.backoff.delays()
        reported = False
        while not self._stopping.is_set():
            try:
                handle = self._open()
            except ScannerError as error:
                reported = reported or self._report(error)
                self._stopping.wait(next(delays))
                continue
            delays, reported = self.backoff.delays(), False
            failure = self._pump_until_lost(handle)
            if failure is not None:
                reported = self._report(failure)
                self._stopping.wait(next(delays))

    def _pump_until_lost(self, handle: Handle) -> ScannerError | None:
        """Read an open device; close it and return the error that ended reading, if any."""
        self._connected.set()
        try:
            self._pump(handle)
        except ScannerError as error:
            return error
        finally:
            self._connected.clear()
            self._close(handle)
        return None

    def _emit(self, code: str) -> None:
        """Hand a finished code to the scan callback."""
        callback = self._on_scan
        if callback is None:
            return
        try:
            callback(ScanEvent(code, self.source, self._clock()))
        except Exception as error:  # a faulty consumer must not kill the reader
            log.exception("scan callback failed for %s", self.source)
            self._report(error)

    def _report(self, error: Exception) -> bool:
        """Hand an error to the error callback; return True so callers can mark it reported."""
        callback = self._on_error
        if callback is not None:
            try:
                callback(error)
            except Exception:
                log.exception("error callback failed for %s", self.source)
        return True

    def _prepare(self) -> None:
        """Allocate what the thread needs before it starts (e.g. a wake pipe)."""

    def _wake(self) -> None:
        """Interrupt a blocking read so the thread sees the stop request."""

    def _cleanup(self) -> None:
        """Release what _prepare allocated, after the thread ended."""

    @abstractmethod
    def _open(self) -> Handle:
        """Open the device, raising ScannerError when it is absent or busy."""

    @abstractmethod
    def _pump(self, handle: Handle) -> None:
        """Read codes until stopped (return) or the device fails (raise ScannerError)."""

    @abstractmethod
    def _close(self, handle: Handle) -> None:
        """Release the device, ignoring errors from a device already gone."""
