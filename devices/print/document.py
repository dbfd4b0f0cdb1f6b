"""The printable document model: a sequence of simple, immutable blocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from devices.i18n import _

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

Align = Literal["left", "center", "right"]

SYMBOLOGIES = ("CODE128", "EAN13", "EAN8", "CODE39")
"""Barcode symbologies every renderer (native, image, label languages) supports."""


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped at the paper's width."""

    text: str
    bold: bool = False
    double: bool = False
    """Double width and height: half as many characters per line."""
    align: Align = "left"


@dataclass(frozen=True)
class Row:
    """Two columns on one line: ``left`` flush left, ``right`` flush right (prices, totals)."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A line across the paper."""

    char: str = "-"


@dataclass(frozen=True)
class Barcode:
    """A 1-D barcode, centred, with its text printed below."""

    data: str
    symbology: str = "CODE128"

    def __post_init__(self) -> None:
        if self.symbology not in SYMBOLOGIES:
            message = _("unknown barcode type {kind!r}; use one of {known}")
            raise ValueError(message.format(kind=self.symbology, known=", ".join(SYMBOLOGIES)))
        if not self.data:
            raise ValueError(_("a barcode needs data"))


@dataclass(frozen=True)
class QR:
    """A QR code, centred."""

    data: str

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError(_("a QR code needs data"))


@dataclass(frozen=True, eq=False)
class Image:
    """A picture (e.g. a logo or a label), printed as a raster image, centred."""

    image: PILImage


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """Feed past the tear bar and cut (or just feed, on printers without a cutter)."""


@dataclass(frozen=True)
class DrawerKick:
    """Open the cash drawer on the printer's drawer port (ESC p): prints nothing."""

    pin: int = 2
    """Drawer port pin 2 or 5."""
    pulse_ms: int = 100
    """How long the opening pulse lasts; sent in 2 ms steps, 2 to 510 ms."""

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValueError(_("a cash drawer hangs on pin 2 or 5, not {pin}").format(pin=self.pin))

    @property
    def command(self) -> bytes:
        """ESC p m t1 t2: m selects the pin, t1 the on time and t2 the off time (2 ms steps)."""
        steps = max(1, min(255, self.pulse_ms // 2))
        return bytes((0x1B, 0x70, 0 if self.pin == 2 else 1, steps, steps))


Block = Text | Row | Rule | Barcode | QR | Image | Feed | Cut | DrawerKick


@dataclass(frozen=True)
class Document:
    """What to print, independent of any printer."""

    blocks: tuple[Block, ...] = ()

    @classmethod
    def of(cls, *blocks: Block) -> Document:
        """Build a document from blocks given as arguments."""
        return cls(tuple(blocks))

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)
