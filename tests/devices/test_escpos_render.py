"""Documents render to ESC/POS bytes that decode back to the right text, codes and images."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image as PILImage

from devices.print.document import QR, Barcode, Cut, Document, Image, Row, Rule, Text
from devices.print.errors import PrinterConfigError, RenderError
from devices.print.escpos_dump import TextLine, decode
from devices.print.escpos_render import render_escpos
from devices.print.settings import PrinterSettings
from devices.print.templates import render_template
from tests.devices.samples import SERIAL, VERIFY_URL, warranty_context

CARD = render_template("warranty_card.j2", warranty_context())
NATIVE = PrinterSettings(profile="TM-T20II", paper_mm=80)
IMAGES = PrinterSettings(profile="POS-5890", paper_mm=58)


def read_codes(image: PILImage.Image) -> list[str]:
    """Every barcode or QR code zxing-cpp finds in an image."""
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_native_card_decodes_to_cyrillic_text_barcode_and_qr() -> None:
    """TM-T20II: cp1251 text at slot 46, GS k Code 128 and GS ( k QR, nothing unknown."""
    dump = decode(render_escpos(CARD, NATIVE))
    assert dump.commands("init") == [None]
    assert dump.commands("codepage") == [46]
    lines = dump.lines()
    assert "ГАРАНТІЙНИЙ ТАЛОН" in lines
    assert "Товар: Ґрунтофреза «Їжак» 1500 Вт" in lines
    assert f"Серійний номер: {SERIAL}" in lines
    assert any(line.startswith("Гарантія до") and "2027-03-02" in line for line in lines)
    assert dump.barcodes() == [SERIAL]
    assert dump.qr_codes() == [VERIFY_URL]
    assert dump.images() == [] and dump.unknown() == []
    assert dump.commands("cut") == [0]


def test_image_mode_card_has_the_same_text_and_scannable_code_images() -> None:
    """POS-5890 has no native codes: the barcode and QR are raster images zxing can read."""
    dump = decode(render_escpos(CARD, IMAGES))
    assert dump.barcodes() == [] and dump.qr_codes() == []
    assert "ГАРАНТІЙНИЙ" in dump.lines() and f"Серійний номер: {SERIAL}" in dump.lines()
    found = [code for image in dump.images() for code in read_codes(image)]
    assert found == [SERIAL, VERIFY_URL]
    assert all(image.width <= 384 for image in dump.images())


def test_native_codes_off_forces_images_even_on_a_capable_profile() -> None:
    """native_codes=False is the switch for printers that mangle GS k."""
    settings = PrinterSettings(profile="TM-T20II", native_codes=False)
    dump = decode(render_escpos(CARD, settings))
    assert dump.barcodes() == []
    assert [c for image in dump.images() for c in read_codes(image)] == [SERIAL, VERIFY_URL]


def test_raster_text_mode_prints_no_text_bytes_only_images() -> None:
    """For printers without Cyrillic the text itself becomes images of paper width."""
    settings = PrinterSettings(profile="POS-5890", paper_mm=58, raster_text=True)
    dump = decode(render_escpos(CARD, settings))
    assert [line for line in dump.lines() if line.strip()] == []
    assert {image.width for image in dump.images()} == {384}
    assert [c for image in dump.images() for c in read_codes(image)] == [SERIAL, VERIFY_URL]


def test_title_is_bold_double_and_centred_and_styles_reset_after() -> None:
    """Style commands reach the printer; a size change does not lose bold."""
    dump = decode(render_escpos(CARD, NATIVE))
    by_text = {item.text: item for item in dump.items if isinstance(item, TextLine)}
    assert by_text["ГАРАНТІЙНИЙ ТАЛОН"] == TextLine("ГАРАНТІЙНИЙ ТАЛОН", True, True, "center")
    assert by_text["ТОВ «Техносвіт»"] == TextLine("ТОВ «Техносвіт»", False, False, "center")


def test_xprinter_slot_73_is_sent_and_text_still_decodes() -> None:
    """The ESC t number comes from settings, not from the profile's table."""
    settings = PrinterSettings(profile="POS-5890", codepage_slot=73, paper_mm=58)
    dump = decode(render_escpos(Document.of(Text("Їжак ґанок")), settings))
    assert dump.commands("codepage") == [73]
    assert dump.lines() == ["Їжак ґанок"]


def test_cp866_printer_gets_look_alikes_instead_of_question_marks() -> None:
    """CP866 lacks і, ґ and «»: they print as Latin i, г and "; Ї is in CP866."""
    settings = PrinterSettings(encoding="cp866", codepage_slot=17)
    dump = decode(render_escpos(Document.of(Text("Гарантійний ґанок «Ї»")), settings))
    assert dump.lines() == ['Гарантiйний ганок "Ї"']


def test_hryvnia_sign_and_ukrainian_apostrophe_are_normalised() -> None:
    """₴ and ʼ exist in no printer code table."""
    dump = decode(render_escpos(Document.of(Row("Пірʼя", "5 ₴")), PrinterSettings(paper_mm=58)))
    assert dump.lines() == ["Пір'я" + " " * 22 + "5 грн"]  # exactly 32 columns


def test_rendering_is_deterministic() -> None:
    """The same document and settings always give the same bytes."""
    assert render_escpos(CARD, NATIVE) == render_escpos(CARD, NATIVE)


def test_small_receipt_bytes_match_the_known_good_stream() -> None:
    """One byte-exact smoke test; the other tests assert on decoded content."""
    document = Document.of(Text("Чек", bold=True), Rule("="), Cut())
    settings = PrinterSettings(paper_mm=58)
    assert render_escpos(document, settings) == (
        b"\x1b@\x1bt\x2e\x1bE\x01\xd7\xe5\xea\n\x1bE\x00" + b"=" * 32 + b"\n\x1bd\x06\x1dV\x00"
    )


def test_wide_picture_is_scaled_to_the_paper() -> None:
    """A logo wider than the printable width is shrunk, not refused."""
    logo = PILImage.new("1", (1000, 100), 0)
    dump = decode(render_escpos(Document.of(Image(logo)), IMAGES))
    assert [(image.width, image.height) for image in dump.images()] == [(384, 38)]


def test_ean13_with_a_wrong_check_digit_is_refused_in_both_modes() -> None:
    """Wrong data is a clear RenderError, never a silently different barcode."""
    document = Document.of(Barcode("4820000000001", "EAN13"))
    for settings in (NATIVE, IMAGES):
        with pytest.raises(RenderError, match="wrong EAN13 check digit"):
            render_escpos(document, settings)


def test_ean13_native_and_image_carry_the_same_number() -> None:
    """A valid EAN-13 prints natively on TM-T20II and as a readable image on POS-5890."""
    document = Document.of(Barcode("4820000000000", "EAN13"))
    assert decode(render_escpos(document, NATIVE)).barcodes() == ["4820000000000"]
    images = decode(render_escpos(document, IMAGES)).images()
    assert read_codes(images[0]) == ["4820000000000"]


def test_letters_in_a_code39_barcode_are_checked() -> None:
    """Lower-case is not Code 39: refused with a message naming the data."""
    with pytest.raises(RenderError, match="'sn-1' cannot be printed as CODE39"):
        render_escpos(Document.of(Barcode("sn-1", "CODE39")), IMAGES)


def test_qr_is_centred_natively() -> None:
    """Native QR is preceded by centre alignment (GS ( k cannot centre itself)."""
    dump = decode(render_escpos(Document.of(QR("x")), NATIVE))
    assert dump.qr_codes() == ["x"]


def test_unknown_profile_is_a_settings_error_listing_known_ones() -> None:
    """A typo in the profile name is reported with the valid names."""
    with pytest.raises(PrinterConfigError, match="Unknown printer profile 'TM-T20X'.*TM-T20II"):
        render_escpos(CARD, PrinterSettings(profile="TM-T20X"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("paper_mm", 76, "Paper width must be 58 or 80 mm"),
        ("codepage_slot", 300, "Code page slot must be 0-255"),
        ("timeout", 0, "Printer timeout must be positive"),
        ("encoding", "klingon", "Unknown printer encoding 'klingon'"),
    ],
)
def test_bad_settings_are_refused_with_a_plain_message(
    field: str, value: object, message: str
) -> None:
    """PrinterSettings validates itself."""
    with pytest.raises(PrinterConfigError, match=message):
        PrinterSettings(**{field: value})  # type: ignore[arg-type]


def test_paper_width_decides_dots_and_columns() -> None:
    """58 mm: 384 dots, 32 columns; 80 mm: 576 dots, 48 columns."""
    narrow, wide = PrinterSettings(paper_mm=58), PrinterSettings(paper_mm=80)
    assert (narrow.width_dots, narrow.columns, wide.width_dots, wide.columns) == (384, 32, 576, 48)


def test_document_blocks_validate_their_data() -> None:
    """Unknown symbologies and empty codes are refused when the block is made."""
    with pytest.raises(ValueError, match="unknown barcode type"):
        Barcode("1", "PDF417")
    with pytest.raises(ValueError, match="needs data"):
        Barcode("", "CODE128")
    assert Document.of(Cut()).blocks == (Cut(),)
