"""The scan event every scanner source yields, the source interface and its error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from core.drafts.entry import Scan
from devices.errors import DeviceError
from devices.i18n import _


@dataclass(frozen=True)
class ScanEvent:
    """One code read by a scanner."""

    code: str
    """The decoded text, without prefix or suffix characters."""
    source: str
    """Where it came from: "hid:/dev/input/…", "serial:/dev/ttyACM0", "wedge" or "fake"."""
    ts: float
    """time.monotonic() when the code was complete."""

    def scan(self) -> Scan:
        """The code as the core's drafts take it, with the kind of its source."""
        return Scan.read(self.code, self.source)


ScanCallback = Callable[[ScanEvent], None]
"""Called from the source's own thread for every finished code."""

ErrorCallback = Callable[[Exception], None]
"""Called from the source's own thread when the device fails or goes away."""


class ScannerError(DeviceError):
    """A scanner could not be opened, or was unplugged while reading."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Scanner")


class ScannerSource(Protocol):
    """A scanner that delivers codes from its own thread until stopped."""

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback) -> None:
        """Begin reading; callbacks run on the source's thread."""

    def stop(self) -> None:
        """Stop reading and release the device; safe to call more than once."""
