"""Printing through a CUPS queue with the lp command, as a raw job."""

from __future__ import annotations

import shutil
import subprocess

from devices.i18n import _
from devices.print.errors import PrinterError, PrinterOffline, PrinterTimeout


class CupsTransport:
    """Sends each job with ``lp -d QUEUE -o raw``; CUPS gives no paper status back."""

    def __init__(self, queue: str, timeout: float = 5.0) -> None:
        self.queue = queue
        self.timeout = timeout

    @property
    def name(self) -> str:
        """The queue name."""
        return f"CUPS queue {self.queue}"

    def send(self, data: bytes) -> None:
        """Hand the job to CUPS."""
        lp = shutil.which("lp")
        if lp is None:
            message = _("Printing through CUPS needs the lp command (apt install cups-client).")
            raise PrinterError(message)
        try:
            done = subprocess.run(
                [lp, "-d", self.queue, "-o", "raw"],
                input=data,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            message = _("CUPS did not take the job for {queue} in time.")
            raise PrinterTimeout(message.format(queue=self.queue)) from None
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
            message = _("CUPS refused the job for {queue}: {reason}")
            raise PrinterOffline(message.format(queue=self.queue, reason=reason))

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """CUPS cannot pass status requests through."""
        return None

    def close(self) -> None:
        """Nothing stays open."""
