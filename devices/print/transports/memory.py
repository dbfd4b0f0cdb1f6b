"""An in-memory printer for tests and for running the till without one (mem://)."""

from __future__ import annotations

from devices.print.errors import PrinterError
from devices.print.status import DLE_EOT_PAPER, DLE_EOT_PRINTER, Paper

HEALTHY = 0x12
"""A DLE EOT reply byte with only the fixed bits set: online, paper present."""


def status_reply(online: bool | None = True, paper: Paper = Paper.OK) -> dict[bytes, bytes]:
    """The DLE EOT 1 and 4 replies of a printer in the given state (None: no reply)."""
    online_byte = b"" if online is None else bytes([HEALTHY | (0 if online else 0x08)])
    paper_bits = {Paper.OK: 0, Paper.NEAR_END: 0x0C, Paper.OUT: 0x60}
    paper_byte = b"" if paper is Paper.UNKNOWN else bytes([HEALTHY | paper_bits[paper]])
    return {DLE_EOT_PRINTER: online_byte, DLE_EOT_PAPER: paper_byte}


class MemoryTransport:
    """Keeps every job in ``jobs``; can be told to fail or to answer status requests."""

    name = "memory"

    def __init__(self, *, readable: bool = True) -> None:
        self.jobs: list[bytes] = []
        self.queries: list[bytes] = []
        self.replies: dict[bytes, bytes] = status_reply()
        self.readable = readable
        """False makes query() return None, like a device file without a back channel."""
        self.fail_with: PrinterError | None = None
        """Raised by every send() while set."""
        self.closed = 0

    @property
    def data(self) -> bytes:
        """All bytes sent so far."""
        return b"".join(self.jobs)

    def set_status(self, online: bool | None = True, paper: Paper = Paper.OK) -> None:
        """Answer later status requests as a printer in this state would."""
        self.replies = status_reply(online, paper)

    def send(self, data: bytes) -> None:
        """Store the job, or raise the configured failure."""
        if self.fail_with is not None:
            raise self.fail_with
        self.jobs.append(bytes(data))

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Return the configured reply for ``request``."""
        self.queries.append(request)
        if not self.readable:
            return None
        return self.replies.get(request, b"")[:n]

    def close(self) -> None:
        """Count closes; the memory printer stays usable."""
        self.closed += 1
