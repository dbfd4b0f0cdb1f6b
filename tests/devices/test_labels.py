"""SN labels: image at the printer's dot width that scans back, TSPL and ZPL jobs."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image

from devices.print.escpos_dump import decode
from devices.print.escpos_render import render_escpos
from devices.print.label_render import (
    SnLabel,
    label_document,
    label_image,
    label_png,
    label_tspl,
    label_zpl,
    mm_to_dots,
)
from devices.print.settings import PrinterSettings

LABEL = SnLabel("SN-0001234", "Ґрунтофреза «Їжак» 1500 Вт", "GF-1500", "1 299,00 грн")


def scan(image: Image.Image) -> list[tuple[str, str]]:
    """Format and text of every code zxing-cpp reads."""
    return [(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)]


def test_label_png_decodes_back_to_its_serial_number() -> None:
    """The PNG holds a Code 128 that scanners read as the SN."""
    image = Image.open(io.BytesIO(label_png(LABEL)))
    assert image.width == 384
    assert scan(image) == [("Code128", "SN-0001234")]


def test_label_uses_whole_dots_per_module() -> None:
    """Every bar edge falls on a multiple of the module width (no resampling blur)."""
    image = label_image(SnLabel("SN-1", "x"), 384)
    row = [image.getpixel((x, 60)) for x in range(384)]
    edges = [x for x in range(1, 384) if row[x] != row[x - 1]]
    widths = {b - a for a, b in zip(edges, edges[1:], strict=False)}
    module = min(widths)
    assert module >= 2 and all(w % module == 0 for w in widths)


def test_label_fits_58_and_80_mm_and_a_fixed_height() -> None:
    """Width is the printer's; a given height is honoured."""
    assert label_image(LABEL, 576).width == 576
    assert label_image(LABEL, 384, 240).size == (384, 240)
    assert scan(label_image(LABEL, 576)) == [("Code128", "SN-0001234")]


def test_label_prints_on_a_receipt_printer_as_one_raster_image() -> None:
    """label_document → ESC/POS: one GS v 0 image that still scans."""
    dump = decode(
        render_escpos(label_document(LABEL), PrinterSettings(profile="POS-5890", paper_mm=58))
    )
    (image,) = dump.images()
    assert scan(image) == [("Code128", "SN-0001234")]


def test_tspl_job_has_size_bitmap_title_native_barcode_and_print() -> None:
    """Cyrillic goes in a BITMAP whose byte count matches its header."""
    job = label_tspl(LABEL, width_mm=58, height_mm=30)
    head, rest = job.split(b"BITMAP ", 1)
    assert head.decode().splitlines() == ["SIZE 58 mm,30 mm", "GAP 2 mm,0 mm", "DIRECTION 1", "CLS"]
    match = re.match(rb"(\d+),(\d+),(\d+),(\d+),0,", rest)
    assert match is not None
    width_bytes, height = int(match[3]), int(match[4])
    assert width_bytes * 8 >= mm_to_dots(58) == 464
    tail = rest[match.end() + width_bytes * height :].decode()
    lines = tail.split("\r\n")
    assert lines[1].startswith("BARCODE ") and lines[1].endswith(',"128",80,0,0,2,2,"SN-0001234"')
    assert lines[2].endswith(',"3",0,1,1,"SN-0001234"')
    assert lines[3] == "PRINT 1,1"


def test_tspl_bitmap_is_the_name_drawn_black_on_white() -> None:
    """The BITMAP data is an image of the product name (PIL "1" bit order, 1 = white)."""
    job = label_tspl(LABEL)
    match = re.search(rb"BITMAP \d+,\d+,(\d+),(\d+),0,", job)
    assert match is not None
    width_bytes, height = int(match[1]), int(match[2])
    data = job[match.end() : match.end() + width_bytes * height]
    image = Image.frombytes("1", (width_bytes * 8, height), data)
    black = image.histogram()[0]
    assert 0 < black < image.width * image.height // 4


def test_zpl_job_is_utf8_with_hex_escaped_cyrillic() -> None:
    """^CI28 and ^FH: the escaped name decodes back to the Cyrillic original."""
    zpl = label_zpl(LABEL)
    assert zpl.startswith("^XA\n^CI28\n^PW464\n") and zpl.endswith("^XZ\n")
    assert "^BY2^BCN,80,N,N,N^FH^FDSN-0001234^FS" in zpl
    escaped = re.search(r"\^FB464,2,0,C\^FH\^FD(.*?)\^FS", zpl)
    assert escaped is not None
    raw = re.sub(r"_([0-9A-F]{2})", lambda m: "%" + m[1], escaped[1])
    from urllib.parse import unquote

    assert unquote(raw) == LABEL.name
    assert "1 299,00 _D0_B3_D1_80_D0_BD" in zpl


def test_zpl_escapes_control_characters_of_the_language() -> None:
    """^ and ~ in data cannot start ZPL commands."""
    zpl = label_zpl(SnLabel("SN^1", "a~b_c"))
    assert "^FDSN_5E1^FS" in zpl and "^FDa_7Eb_5Fc^FS" in zpl
