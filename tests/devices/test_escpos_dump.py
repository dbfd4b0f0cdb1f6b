"""The ESC/POS dump decoder reads back the commands the renderer emits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from devices.print.escpos_dump import (
    BarcodeItem,
    Command,
    Dump,
    QRItem,
    RasterItem,
    TextLine,
    Unknown,
    decode,
    describe,
    main,
)


def test_text_follows_codepage_style_and_alignment_commands() -> None:
    """ESC t selects the decoding; ESC E, ESC ! and ESC a set the style of each line."""
    data = (
        b"\x1b@\x1bt\x2e\x1ba\x01\x1bE\x01\xd2\xe0\xeb\xee\xed\n"
        b"\x1b!\x30big\n\x1b!\x00\x1ba\x00\x1bt\x11\x8f\xe0\xa8\xa2\xa5\xe2\r\n"
    )
    dump = decode(data)
    assert dump.items == [
        Command("init"),
        Command("codepage", 46),
        TextLine("Талон", bold=True, double=False, align="center"),
        TextLine("big", bold=False, double=True, align="center"),
        Command("codepage", 17),
        TextLine("Привет", bold=False, double=False, align="left"),
    ]


def test_barcodes_of_both_function_types_are_read() -> None:
    """GS k m … NUL (function A) and GS k m n … (function B, Code 128 {B prefix removed)."""
    dump = decode(b"\x1dk\x024820000000000\x00\x1dkI\x0c{BSN-0001234")
    assert dump.items == [BarcodeItem(2, "4820000000000"), BarcodeItem(73, "SN-0001234")]


def test_qr_payload_is_reported_when_printed() -> None:
    """GS ( k store (fn 80) then print (fn 81)."""
    store = b"\x1d(k\x08\x001P0hello"
    show = b"\x1d(k\x03\x001Q0"
    assert decode(b"\x1d(k\x04\x001A2\x00" + store + show).items == [QRItem("hello")]


def test_raster_image_becomes_a_pil_image_with_black_as_zero() -> None:
    """GS v 0: 1 bit = black dot on paper, 0 in PIL mode "1"."""
    dump = decode(b"\x1dv0\x00\x01\x00\x02\x00\x80\x01")
    (item,) = dump.items
    assert isinstance(item, RasterItem) and item.image.size == (8, 2)
    assert item.image.getpixel((0, 0)) == 0 and item.image.getpixel((1, 0)) == 255
    assert item.image.getpixel((7, 1)) == 0


def test_cut_feed_status_and_unknown_bytes() -> None:
    """GS V with and without n, ESC d, DLE EOT; anything else is Unknown, not an error."""
    dump = decode(b"\x1bd\x06\x1dVA\x03\x1dV\x00\x10\x04\x01\x1b\x99x")
    assert dump.items == [
        Command("feed", 6),
        Command("cut", 65),
        Command("cut", 0),
        Command("status_request", 1),
        Unknown(b"\x1b\x99"),
        TextLine("x"),
    ]


def test_describe_lists_items_for_the_debug_command() -> None:
    """The readable listing marks bold/double lines and summarises images."""
    image = Image.new("1", (16, 4), 1)
    dump = Dump([TextLine("Т", True, True, "center"), RasterItem(image), Command("cut", 0)])
    assert describe(dump) == "B2 C | Т\n[RASTER 16x4]\n[CUT 0]"


def test_debug_command_describes_a_job_file_and_saves_its_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """python -m devices.print.escpos_dump JOB --images DIR."""
    job = tmp_path / "job.bin"
    job.write_bytes(b"\x1b@\x1bt\x2e\xd7\xe5\xea\n\x1dv0\x00\x01\x00\x01\x00\x80\x1dV\x00")
    assert main([str(job), "--images", str(tmp_path / "img")]) == 0
    assert capsys.readouterr().out == "[CODEPAGE 46]\n   L | Чек\n[RASTER 8x1]\n[CUT 0]\n"
    assert (tmp_path / "img" / "image1.png").exists()
    assert main([str(tmp_path / "missing.bin")]) == 2
    assert "Cannot read" in capsys.readouterr().err
