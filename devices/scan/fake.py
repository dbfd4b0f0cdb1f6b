"""A scanner that replays a list of codes, for tests and the demo mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from devices.scan.base import ErrorCallback, ScanCallback, ScanEvent
from devices.scan.dedupe import Clock


class FakeScanner:
    """Emits ``codes`` from its own thread, waiting ``gaps`` seconds before each one.

    ``gaps`` is one number for every code or one number per code. With ``repeat`` the list
    starts over until the scanner is stopped, which suits a demo screen.
    """

    def __init__(
        self,
        codes: Sequence[str],
        gaps: float | Sequence[float] = 0.0,
        *,
        source: str = "fake",
        repeat: bool = False,
        clock: Clock = time.monotonic,
    ) -> None:
        self.codes = list(codes)
        self.gaps = [gaps] * len(self.codes) if isinstance(gaps, int | float) else list(gaps)
        if len(self.gaps) != len(self.codes):
            raise ValueError("gaps must be one number or one number per code")
        self.source = source
        self.repeat = repeat
        self._clock = clock
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.finished = threading.Event()
        """Set once every code was emitted (never, with repeat)."""

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback) -> None:
        """Start emitting codes from a thread."""
        if self._thread is not None:
            raise RuntimeError("FakeScanner is already running")
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_scan,), name="scan fake", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop emitting; safe to call more than once."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            thread.join(timeout=5.0)

    def _run(self, on_scan: ScanCallback) -> None:
        """Thread body: emit the codes with their gaps."""
        while True:
            for code, gap in zip(self.codes, self.gaps, strict=True):
                if self._stopping.wait(gap):
                    return
                on_scan(ScanEvent(code, self.source, self._clock()))
            if not self.repeat or not self.codes:
                self.finished.set()
                return
