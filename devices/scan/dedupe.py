"""Drop double reads: the same code seen again within a short interval."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]
"""A monotonic clock in seconds; time.monotonic unless a test injects one."""


class Deduper:
    """Accepts a code unless the same code was accepted less than ``interval`` seconds ago.

    Scanners often read one label twice in a row. Thread-safe, so several reader threads can
    share one instance. A code scanned again after the interval is accepted (a real rescan).
    """

    def __init__(self, interval: float = 0.5, clock: Clock = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._last_code: str | None = None
        self._last_time = float("-inf")

    def accept(self, code: str) -> bool:
        """Return True for a new read, False for a double read of the previous code."""
        now = self._clock()
        with self._lock:
            repeat = code == self._last_code and now - self._last_time < self.interval
            self._last_code = code
            self._last_time = now
            return not repeat
