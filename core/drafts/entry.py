"""What the till takes in: a scan with where it came from, and a typed quantity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import InputError


class ScanSource(StrEnum):
    """Where a code came from; a draft may treat a typed code more leniently than a read one."""

    WEDGE = "wedge"
    """A scanner typing into the terminal, told apart from typing by its timing."""
    HID = "hid"
    """A USB scanner read directly on the console (evdev)."""
    SERIAL = "serial"
    """A serial or USB-CDC scanner."""
    TYPED = "typed"
    """Typed by hand into a scan field, or given on the command line."""
    FILE = "file"
    """Read from a handheld scanner's exported file."""

    @classmethod
    def named(cls, source: str) -> ScanSource:
        """The kind of a device's source name such as ``hid:/dev/input/event3`` or ``wedge``.

        A name the till does not know (a test's fake scanner) counts as a wedge scan."""
        kind = source.split(":", 1)[0].strip().lower()
        return cls(kind) if kind in cls._value2member_map_ else cls.WEDGE


@dataclass(frozen=True)
class Scan:
    """One code handed to a draft, with its source."""

    code: str
    """The text as read or typed, before any serial-number rule normalises it."""
    source: ScanSource = ScanSource.TYPED
    device: str = ""
    """The device it came from when known, e.g. ``/dev/ttyACM0``."""

    @classmethod
    def typed(cls, code: str) -> Scan:
        """A code typed by hand."""
        return cls(code, ScanSource.TYPED)

    @classmethod
    def read(cls, code: str, source: str) -> Scan:
        """A code a scanner read, from its source name (``serial:/dev/ttyACM0``)."""
        _kind, _sep, device = source.partition(":")
        return cls(code, ScanSource.named(source), device)

    @property
    def text(self) -> str:
        """The code without surrounding blanks."""
        return self.code.strip()


def parse_quantity(text: str) -> int:
    """A quantity from what was typed: a whole number of at least 1."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise InputError(f"“{text.strip()}” is not a quantity: type a whole number such as 3.")
    return int(cleaned)
