"""Merge several scanner sources into one stream of scans, without double reads."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from devices.scan.base import ErrorCallback, ScanCallback, ScanEvent, ScannerSource
from devices.scan.dedupe import Clock, Deduper

log = logging.getLogger(__name__)


class ScanStream:
    """One ScannerSource made of many: every source feeds it, duplicates are dropped.

    Start it like any source; it starts each member and forwards their scans and errors.
    """

    def __init__(
        self,
        sources: Iterable[ScannerSource] = (),
        dedupe_interval: float = 0.5,
        clock: Clock = time.monotonic,
    ) -> None:
        self._sources = list(sources)
        self._deduper = Deduper(dedupe_interval, clock)
        self._lock = threading.Lock()
        self._on_scan: ScanCallback | None = None
        self._on_error: ErrorCallback | None = None
        self._running = False

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback) -> None:
        """Start every source; callbacks run on the sources' threads."""
        with self._lock:
            if self._running:
                raise RuntimeError("ScanStream is already running")
            self._on_scan, self._on_error = on_scan, on_error
            self._running = True
            sources = list(self._sources)
        for source in sources:
            source.start(self._forward_scan, self._forward_error)

    def stop(self) -> None:
        """Stop every source; safe to call more than once."""
        with self._lock:
            self._running = False
            sources = list(self._sources)
        for source in sources:
            source.stop()

    def _forward_scan(self, event: ScanEvent) -> None:
        """Forward a member's scan unless it repeats the previous code too soon."""
        if not self._deduper.accept(event.code):
            log.debug("double read of %r from %s dropped", event.code, event.source)
            return
        callback = self._on_scan
        if callback is not None:
            callback(event)

    def _forward_error(self, error: Exception) -> None:
        """Pass a source's error on to the stream's error callback."""
        callback = self._on_error
        if callback is not None:
            callback(error)
