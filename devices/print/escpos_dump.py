"""A small decoder of the ESC/POS this project emits, for tests and a print-to-file debug view.

It understands ESC @, ESC t, ESC E, ESC !, ESC a, ESC d, GS ! and the other style bytes,
GS k (barcodes), GS ( k (QR), GS v 0 (raster images → PIL), GS V (cut) and DLE EOT.
Anything else becomes an Unknown item instead of an error.

Debug use: print to a file (``file:///tmp/job.bin``), then
``python -m devices.print.escpos_dump /tmp/job.bin --images /tmp/job``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

DEFAULT_CODEPAGES: Mapping[int, str] = {
    0: "cp437",
    17: "cp866",
    44: "cp1125",
    46: "cp1251",
    59: "cp866",
    73: "cp1251",
}
"""ESC t slot → Python codec, for the Cyrillic slots of the bundled profiles."""

ONE_ARG = {
    b"\x1bt": "codepage",
    b"\x1bE": "bold",
    b"\x1b!": "mode",
    b"\x1ba": "align",
    b"\x1bd": "feed",
    b"\x1b-": "underline",
    b"\x1bM": "font",
    b"\x1bG": "double_strike",
    b"\x1b3": "line_spacing",
    b"\x1b{": "upside_down",
    b"\x1dh": "barcode_height",
    b"\x1dw": "barcode_width",
    b"\x1df": "hri_font",
    b"\x1dH": "hri_position",
    b"\x1d!": "size",
    b"\x1dB": "invert",
    b"\x10\x04": "status_request",
}
"""Two-byte commands followed by exactly one parameter byte."""


@dataclass(frozen=True)
class TextLine:
    """A printed line of text with the style in force when it ended."""

    text: str
    bold: bool = False
    double: bool = False
    align: str = "left"


@dataclass(frozen=True)
class Command:
    """A command without printable content: init, codepage, feed, cut, status_request…"""

    name: str
    arg: int | None = None


@dataclass(frozen=True)
class BarcodeItem:
    """A native GS k barcode."""

    system: int
    data: str


@dataclass(frozen=True)
class QRItem:
    """A native GS ( k QR code, at the moment it is printed."""

    data: str


@dataclass(frozen=True, eq=False)
class RasterItem:
    """A GS v 0 raster image, black = 0 as in PIL mode "1"."""

    image: PILImage


@dataclass(frozen=True)
class Unknown:
    """Bytes the decoder does not understand."""

    data: bytes


Item = TextLine | Command | BarcodeItem | QRItem | RasterItem | Unknown


@dataclass
class Dump:
    """Everything decoded from one byte stream, in order."""

    items: list[Item] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The text lines only."""
        return [item.text for item in self.items if isinstance(item, TextLine)]

    def barcodes(self) -> list[str]:
        """Native barcode payloads."""
        return [item.data for item in self.items if isinstance(item, BarcodeItem)]

    def qr_codes(self) -> list[str]:
        """Native QR payloads."""
        return [item.data for item in self.items if isinstance(item, QRItem)]

    def images(self) -> list[PILImage]:
        """Raster images."""
        return [item.image for item in self.items if isinstance(item, RasterItem)]

    def commands(self, name: str) -> list[int | None]:
        """Arguments of every command called ``name``."""
        return [i.arg for i in self.items if isinstance(i, Command) and i.name == name]

    def unknown(self) -> list[bytes]:
        """Byte runs the decoder did not understand."""
        return [item.data for item in self.items if isinstance(item, Unknown)]


def decode(data: bytes, codepages: Mapping[int, str] = DEFAULT_CODEPAGES) -> Dump:
    """Decode an ESC/POS byte stream."""
    return _Decoder(data, codepages).run()


def describe(dump: Dump) -> str:
    """A readable listing, one item per line, for the debug command."""
    out: list[str] = []
    for item in dump.items:
        if isinstance(item, TextLine):
            marks = ("B" if item.bold else "") + ("2" if item.double else "")
            out.append(f"{marks:>2} {item.align[0].upper()} | {item.text}")
        elif isinstance(item, BarcodeItem):
            out.append(f"[BARCODE m={item.system} {item.data}]")
        elif isinstance(item, QRItem):
            out.append(f"[QR {item.data}]")
        elif isinstance(item, RasterItem):
            out.append(f"[RASTER {item.image.width}x{item.image.height}]")
        elif isinstance(item, Command) and item.name in (
            "cut",
            "codepage",
            "status_request",
            "drawer_kick",
        ):
            out.append(f"[{item.name.upper()} {item.arg}]")
        elif isinstance(item, Unknown):
            out.append(f"[UNKNOWN {item.data.hex(' ')}]")
    return "\n".join(out)


class _Decoder:
    """A cursor over the bytes plus the printer state the text depends on."""

    def __init__(self, data: bytes, codepages: Mapping[int, str]) -> None:
        self.data = data
        self.codepages = codepages
        self.pos = 0
        self.dump = Dump()
        self.text = bytearray()
        self.reset_state()

    def reset_state(self) -> None:
        """The state after ESC @."""
        self.encoding = self.codepages.get(0, "cp437")
        self.bold = False
        self.double = False
        self.align = "left"
        self.qr_data = ""

    def run(self) -> Dump:
        """Decode everything."""
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte in (0x1B, 0x1D, 0x10):
                self.command()
            elif byte == 0x0A:
                self.end_line()
                self.pos += 1
            else:
                if byte != 0x0D:
                    self.text.append(byte)
                self.pos += 1
        if self.text:
            self.end_line()
        return self.dump

    def end_line(self) -> None:
        """Emit the text collected so far as a line."""
        text = self.text.decode(self.encoding, errors="replace")
        self.dump.items.append(TextLine(text, self.bold, self.double, self.align))
        self.text.clear()

    def emit(self, item: Item) -> None:
        """Add a non-text item, ending any half line first."""
        if self.text:
            self.end_line()
        self.dump.items.append(item)

    def command(self) -> None:
        """Decode the command at the cursor."""
        head = self.data[self.pos : self.pos + 2]
        if head == b"\x1b@":
            self.reset_state()
            self.emit(Command("init"))
            self.pos += 2
        elif head in ONE_ARG and self.pos + 2 < len(self.data):
            self.one_arg(ONE_ARG[head], self.data[self.pos + 2])
            self.pos += 3
        elif head == b"\x1dk":
            self.barcode()
        elif head == b"\x1d(":
            self.function_block()
        elif head == b"\x1dv":
            self.raster()
        elif head == b"\x1dV":
            self.cut()
        elif head == b"\x1bp" and self.pos + 4 < len(self.data):
            self.emit(Command("drawer_kick", self.data[self.pos + 2]))
            self.pos += 5
        else:
            self.emit(Unknown(bytes(head)))
            self.pos += 2

    def one_arg(self, name: str, arg: int) -> None:
        """Apply a one-parameter command to the state and record it."""
        if name == "codepage":
            self.encoding = self.codepages.get(arg, "latin-1")
        elif name == "bold":
            self.bold = bool(arg & 1)
        elif name == "mode":
            self.bold = bool(arg & 0x08)
            self.double = bool(arg & 0x30)
        elif name == "size":
            self.double = arg != 0
        elif name == "align":
            self.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center"}.get(
                arg, "right"
            )
        if name in ("codepage", "feed", "status_request"):
            self.emit(Command(name, arg))

    def barcode(self) -> None:
        """GS k m: function A ends with NUL, function B has a length byte."""
        system = self.data[self.pos + 2]
        start = self.pos + 3
        if system <= 6:
            end = self.data.index(b"\x00", start)
            payload, self.pos = self.data[start:end], end + 1
        else:
            length = self.data[start]
            payload = self.data[start + 1 : start + 1 + length]
            self.pos = start + 1 + length
        text = payload.decode("ascii", errors="replace")
        if text.startswith("{B"):
            text = text[2:]
        self.emit(BarcodeItem(system, text))

    def function_block(self) -> None:
        """GS ( x pL pH …: QR store/print for x = k, skipped otherwise."""
        kind = self.data[self.pos + 2 : self.pos + 3]
        size = self.data[self.pos + 3] + 256 * self.data[self.pos + 4]
        body = self.data[self.pos + 5 : self.pos + 5 + size]
        self.pos += 5 + size
        if kind != b"k" or body[:1] != b"1":
            self.emit(Unknown(b"\x1d(" + kind))
        elif body[1:2] == b"P":
            self.qr_data = body[3:].decode("utf-8", errors="replace")
        elif body[1:2] == b"Q":
            self.emit(QRItem(self.qr_data))

    def raster(self) -> None:
        """GS v 0 m xL xH yL yH data → a PIL image."""
        from PIL import Image

        header = self.data[self.pos + 4 : self.pos + 8]
        width_bytes = header[0] + 256 * header[1]
        height = header[2] + 256 * header[3]
        start = self.pos + 8
        bits = self.data[start : start + width_bytes * height]
        self.pos = start + width_bytes * height
        inverted = bytes(b ^ 0xFF for b in bits)
        self.emit(RasterItem(Image.frombytes("1", (width_bytes * 8, height), inverted)))

    def cut(self) -> None:
        """GS V m, plus n for the feed-and-cut forms."""
        mode = self.data[self.pos + 2]
        self.pos += 4 if mode in (65, 66, 97, 98, 103, 104) else 3
        self.emit(Command("cut", mode))


def main(argv: Sequence[str] | None = None) -> int:
    """Describe a captured print job; optionally save its raster images as PNG files."""
    parser = argparse.ArgumentParser(description="Decode an ESC/POS print job.")
    parser.add_argument("job", type=Path, help="file holding the raw bytes of a print job")
    parser.add_argument("--images", type=Path, help="folder to save raster images into")
    args = parser.parse_args(argv)
    try:
        dump = decode(args.job.read_bytes())
    except OSError as error:
        print(f"Cannot read {args.job}: {error.strerror}", file=sys.stderr)
        return 2
    print(describe(dump))
    if args.images is not None:
        args.images.mkdir(parents=True, exist_ok=True)
        for number, image in enumerate(dump.images(), start=1):
            image.save(args.images / f"image{number}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
