"""Serial-number labels: a PIL image (and PNG) at the printer's dot width, TSPL and ZPL.

The image is what receipt printers print (as a raster) and what previews show. TSPL (TSC,
Xprinter, Gprinter label printers) and ZPL (Zebra) jobs are generated as text here; their
ROM fonts often lack Cyrillic, so TSPL gets the product name as a BITMAP and ZPL gets UTF-8
(^CI28) with hex escapes and a font that has the glyphs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from devices.print.code_images import barcode_image, barcode_modules
from devices.print.document import Cut, Document, Image
from devices.print.layout import PrintLine, wrap
from devices.print.raster_text import font, text_image

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

MARGIN = 8
BAR_HEIGHT = 80
TITLE_PX = 22
SERIAL_PX = 26
FOOT_PX = 18


@dataclass(frozen=True)
class SnLabel:
    """What one serial-number label shows."""

    serial: str
    name: str
    sku: str = ""
    price: str = ""
    """Already formatted, e.g. "1 299,00 грн"."""


def _title_lines(name: str, width_dots: int) -> list[str]:
    """The product name wrapped to at most two lines at the title size."""
    per_line = max(8, int(width_dots / (TITLE_PX * 0.6021)))
    lines = wrap(name, per_line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: per_line - 1] + "…"]
    return lines


def _text_block(lines: list[str], width_dots: int, size: int) -> PILImage:
    """Centred lines drawn at ``size`` pixels across ``width_dots``."""
    columns = max(1, int(width_dots / (size * 0.6021)))
    return text_image([PrintLine(t, align="center") for t in lines], width_dots, columns)


def label_image(label: SnLabel, width_dots: int = 384, height_dots: int | None = None) -> PILImage:
    """Draw the label: name, Code 128 of the serial, the serial, and SKU/price if given."""
    from PIL import Image as PILImageModule
    from PIL import ImageDraw

    parts = [
        _text_block(_title_lines(label.name, width_dots), width_dots, TITLE_PX),
        barcode_image(label.serial, "CODE128", width_dots, BAR_HEIGHT),
        _text_block([label.serial], width_dots, SERIAL_PX),
    ]
    natural = MARGIN * 2 + sum(part.height for part in parts) + (FOOT_PX + 6 if label.sku else 0)
    canvas = PILImageModule.new("1", (width_dots, height_dots or natural), 1)
    y = MARGIN
    for part in parts:
        canvas.paste(part, ((width_dots - part.width) // 2, y))
        y += part.height
    if label.sku or label.price:
        draw = ImageDraw.Draw(canvas)
        face = font(FOOT_PX)
        draw.text((MARGIN, y + 4), label.sku, font=face, fill=0)
        right = width_dots - MARGIN - draw.textlength(label.price, font=face)
        draw.text((right, y + 4), label.price, font=face, fill=0)
    return canvas


def label_png(label: SnLabel, width_dots: int = 384, height_dots: int | None = None) -> bytes:
    """The label image as PNG bytes."""
    buffer = io.BytesIO()
    label_image(label, width_dots, height_dots).save(buffer, format="PNG")
    return buffer.getvalue()


def label_document(label: SnLabel, width_dots: int = 384) -> Document:
    """The label as a document for an ESC/POS receipt printer."""
    return Document.of(Image(label_image(label, width_dots)), Cut())


def mm_to_dots(mm: float, dpi: int = 203) -> int:
    """Millimetres to printer dots."""
    return round(mm * dpi / 25.4)


def _tspl_string(text: str) -> str:
    """A TSPL string literal; a double quote is written \\["]."""
    return '"' + text.replace('"', '\\["]') + '"'


def label_tspl(
    label: SnLabel, width_mm: float = 58, height_mm: float = 30, gap_mm: float = 2, dpi: int = 203
) -> bytes:
    """A TSPL job: name as BITMAP (Cyrillic-safe), native Code 128, serial as ROM text."""
    width = mm_to_dots(width_mm, dpi)
    title = _text_block(_title_lines(label.name, width), width, TITLE_PX)
    width_bytes = (title.width + 7) // 8
    modules = len(barcode_modules(label.serial, "CODE128"))
    bar_x = max(0, (width - modules * 2) // 2)
    bar_y = MARGIN + title.height + 4
    text_y = bar_y + BAR_HEIGHT + 6
    text_x = max(0, (width - 16 * len(label.serial)) // 2)
    head = [
        f"SIZE {width_mm:g} mm,{height_mm:g} mm",
        f"GAP {gap_mm:g} mm,0 mm",
        "DIRECTION 1",
        "CLS",
    ]
    tail = [
        f'BARCODE {bar_x},{bar_y},"128",{BAR_HEIGHT},0,0,2,2,{_tspl_string(label.serial)}',
        f'TEXT {text_x},{text_y},"3",0,1,1,{_tspl_string(label.serial)}',
        "PRINT 1,1",
        "",
    ]
    bitmap = f"BITMAP 0,{MARGIN},{width_bytes},{title.height},0,".encode("ascii")
    # TSPL bitmap bits: 1 = no dot, 0 = dot, which is PIL mode "1" (1 = white) as is.
    return (
        "\r\n".join(head).encode("ascii")
        + b"\r\n"
        + bitmap
        + title.tobytes()
        + b"\r\n"
        + "\r\n".join(tail).encode("utf-8")
    )


def _zpl_field(text: str) -> str:
    """Field data for ^FH: anything but plain ASCII becomes _XX UTF-8 hex escapes."""
    out = []
    for char in text:
        if " " <= char <= "~" and char not in "^~_\\":
            out.append(char)
        else:
            out.extend(f"_{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def label_zpl(
    label: SnLabel,
    width_dots: int = 464,
    height_dots: int = 240,
    zpl_font: str = "E:TT0003M_.FNT",
) -> str:
    """A ZPL II job with UTF-8 text (^CI28, ^FH escapes) in a font that has Cyrillic."""
    modules = len(barcode_modules(label.serial, "CODE128"))
    bar_x = max(0, (width_dots - modules * 2) // 2)
    lines = [
        "^XA",
        "^CI28",
        f"^PW{width_dots}",
        f"^LL{height_dots}",
        f"^FO0,{MARGIN}^A@N,{TITLE_PX},{TITLE_PX},{zpl_font}"
        f"^FB{width_dots},2,0,C^FH^FD{_zpl_field(label.name)}^FS",
        f"^FO{bar_x},{MARGIN + 2 * TITLE_PX + 8}^BY2^BCN,{BAR_HEIGHT},N,N,N"
        f"^FH^FD{_zpl_field(label.serial)}^FS",
        f"^FO0,{MARGIN + 2 * TITLE_PX + BAR_HEIGHT + 14}^A@N,{SERIAL_PX},{SERIAL_PX},{zpl_font}"
        f"^FB{width_dots},1,0,C^FH^FD{_zpl_field(label.serial)}^FS",
    ]
    if label.sku or label.price:
        foot_y = height_dots - FOOT_PX - MARGIN
        lines.append(
            f"^FO{MARGIN},{foot_y}^A@N,{FOOT_PX},{FOOT_PX},{zpl_font}"
            f"^FB{width_dots - 2 * MARGIN},1,0,L^FH^FD{_zpl_field(label.sku)}^FS"
        )
        lines.append(
            f"^FO{MARGIN},{foot_y}^A@N,{FOOT_PX},{FOOT_PX},{zpl_font}"
            f"^FB{width_dots - 2 * MARGIN},1,0,R^FH^FD{_zpl_field(label.price)}^FS"
        )
    lines.append("^XZ")
    return "\n".join(lines) + "\n"
