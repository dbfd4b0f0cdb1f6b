"""The interface every printer connection implements."""

from __future__ import annotations

from typing import Protocol


class Transport(Protocol):
    """Moves bytes to a printer and, where the link allows, reads its status replies.

    Implementations raise PrinterOffline, PrinterTimeout or another PrinterError with a
    message a cashier understands, never a raw OSError. They open lazily and may be used
    again after close().
    """

    @property
    def name(self) -> str:
        """Where the printer is, for messages, e.g. "192.168.1.50:9100"."""

    def send(self, data: bytes) -> None:
        """Deliver a whole job."""

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Send a real-time request and read up to ``n`` reply bytes.

        Returns what arrived within ``timeout`` (b"" when nothing did), or None when this
        kind of link cannot read from the printer at all.
        """

    def close(self) -> None:
        """Release the connection; the next send or query opens it again."""
