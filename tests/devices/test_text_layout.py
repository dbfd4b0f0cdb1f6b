"""Text normalisation for printer code tables, column layout and the plain-text preview."""

from __future__ import annotations

from PIL import Image as PILImage

from devices.print.document import QR, Barcode, Cut, Document, Feed, Image, Row, Rule, Text
from devices.print.layout import PrintLine, lay_out, row_lines, wrap
from devices.print.text_norm import normalise
from devices.print.text_render import render_text

SAMPLE = "Гарантійний талон № 42 «Їжак» — Ґ Є І ʼ’ 1\u202f299,00 ₴"


def test_cp1251_keeps_every_ukrainian_letter_and_punctuation() -> None:
    """Only ʼ and ₴ change, plus the narrow no-break space."""
    assert normalise(SAMPLE, "cp1251") == "Гарантійний талон № 42 «Їжак» — Ґ Є І '’ 1 299,00 грн"


def test_cp1125_keeps_letters_but_not_guillemets_or_dashes() -> None:
    """«» — and ’ become ASCII look-alikes."""
    assert normalise(SAMPLE, "cp1125") == "Гарантійний талон № 42 \"Їжак\" - Ґ Є І '' 1 299,00 грн"


def test_anything_else_unencodable_becomes_a_question_mark() -> None:
    """No look-alike known: '?'. Control characters vanish, newlines stay."""
    assert normalise("日\x07a\nb", "cp1251") == "?a\nb"


def test_wrap_keeps_explicit_newlines_and_breaks_long_words() -> None:
    """Paragraphs and blank lines survive; a long serial is split."""
    assert wrap("ab cd\n\nSN-0123456789", 6) == ["ab cd", "", "SN-012", "345678", "9"]


def test_row_fits_on_one_line_or_wraps_the_left_side() -> None:
    """The amount stays flush right on the last line."""
    assert row_lines(Row("Сума", "10,00"), 16) == ["Сума       10,00"]
    assert row_lines(Row("Дуже довга назва товару", "10,00"), 16) == [
        "Дуже довга",
        "назва",
        "товару     10,00",
    ]


def test_double_text_wraps_at_half_the_columns() -> None:
    """Double width halves the characters per line."""
    lines = lay_out(Text("ГАРАНТІЙНИЙ ТАЛОН", double=True, align="center"), 32)
    assert [line.text for line in lines] == ["ГАРАНТІЙНИЙ", "ТАЛОН"]
    assert lines[0] == PrintLine("ГАРАНТІЙНИЙ", False, True, "center")


def test_rule_fills_the_line() -> None:
    """A rule is one character repeated across the columns."""
    assert lay_out(Rule("="), 8) == [PrintLine("========")]


def test_preview_shows_every_block_within_the_columns() -> None:
    """Barcodes, QR codes, images, feeds and the cut have visible markers."""
    document = Document.of(
        Text("ТАЛОН", bold=True, double=True, align="center"),
        Row("Разом", "1 303,00 грн"),
        Rule(),
        Barcode("SN-1"),
        QR("https://x.invalid/1"),
        Image(PILImage.new("1", (100, 40))),
        Feed(1),
        Cut(),
    )
    preview = render_text(document, 32)
    assert preview.splitlines() == [
        "           Т А Л О Н",
        "Разом               1 303,00 грн",
        "-" * 32,
        "       [CODE128 barcode]",
        "              SN-1",
        "           [QR code]",
        "      https://x.invalid/1",
        "         [image 100x40]",
        "",
        "~" * 13 + " cut " + "~" * 14,
    ]
    assert all(len(line) <= 32 for line in preview.splitlines())
