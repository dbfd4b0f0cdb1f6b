"""Printer status from DLE EOT replies; an empty or garbled reply is unknown, never OK."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

DLE_EOT_PRINTER = b"\x10\x04\x01"
"""Real-time request for the printer status byte (online/offline)."""
DLE_EOT_PAPER = b"\x10\x04\x04"
"""Real-time request for the roll paper sensor byte."""

_FIXED_MASK = 0x93
_FIXED_BITS = 0x12
"""Bits 1 and 4 are always set, bits 0 and 7 always clear, in every DLE EOT reply."""


class Paper(Enum):
    """What the paper sensor says."""

    OK = "ok"
    """Paper present."""
    NEAR_END = "near_end"
    """The roll is nearly used up: print, but warn."""
    OUT = "out"
    """No paper: printing is impossible."""
    UNKNOWN = "unknown"
    """No answer or no way to ask (file, CUPS), or a reply that is not a status byte."""


@dataclass(frozen=True)
class PrinterStatus:
    """Online state and paper state as far as they are known."""

    online: bool | None
    """True/False as the printer reported, None when it did not answer."""
    paper: Paper

    @property
    def known(self) -> bool:
        """True when the printer answered at all."""
        return self.online is not None

    @property
    def can_print(self) -> bool:
        """False only when the printer positively reported offline or paper out."""
        return self.online is not False and self.paper is not Paper.OUT


UNKNOWN = PrinterStatus(online=None, paper=Paper.UNKNOWN)


def _status_byte(reply: bytes | None) -> int | None:
    """The last well-formed status byte of a reply, or None."""
    if not reply:
        return None
    byte = reply[-1]
    return byte if byte & _FIXED_MASK == _FIXED_BITS else None


def parse_online(reply: bytes | None) -> bool | None:
    """Read a DLE EOT 1 reply: bit 3 set means offline."""
    byte = _status_byte(reply)
    return None if byte is None else not byte & 0x08


def parse_paper(reply: bytes | None) -> Paper:
    """Read a DLE EOT 4 reply: bits 5-6 paper end, bits 2-3 near end."""
    byte = _status_byte(reply)
    if byte is None:
        return Paper.UNKNOWN
    if byte & 0x60:
        return Paper.OUT
    if byte & 0x0C:
        return Paper.NEAR_END
    return Paper.OK


def parse_status(online_reply: bytes | None, paper_reply: bytes | None) -> PrinterStatus:
    """Combine the two replies into a PrinterStatus."""
    return PrinterStatus(parse_online(online_reply), parse_paper(paper_reply))
