"""Receipt templates: sandboxed Jinja into the line markup, with clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.print.document import QR, Barcode, Cut, Document, Feed, Row, Rule, Text
from devices.print.errors import TemplateError
from devices.print.markup import MarkupError, parse
from devices.print.templates import render_template
from devices.print.text_render import render_text
from tests.devices.samples import SERIAL, VERIFY_URL, label_context, receipt_context
from tests.devices.samples import warranty_context as card


def texts(document: Document) -> list[str]:
    """The text of every Text block."""
    return [block.text for block in document if isinstance(block, Text)]


def test_warranty_card_has_ukrainian_title_serial_barcode_and_qr() -> None:
    """The shipped card prints the title big and bold, the SN, its barcode and the QR."""
    document = render_template("warranty_card.j2", card())
    title = next(b for b in document if isinstance(b, Text) and b.text == "ГАРАНТІЙНИЙ ТАЛОН")
    assert (title.bold, title.double, title.align) == (True, True, "center")
    assert f"Серійний номер: {SERIAL}" in texts(document)
    assert Barcode(SERIAL, "CODE128") in document.blocks
    assert QR(VERIFY_URL) in document.blocks
    assert Row("Гарантія до", "2027-03-02", bold=False) in document.blocks
    assert isinstance(document.blocks[-1], Cut)


def test_warranty_card_lists_bundle_components_with_their_serials() -> None:
    """Components print by name and SKU, with an SN line only when they have one."""
    lines = texts(render_template("warranty_card.j2", card()))
    assert "- Ножі запасні (KN-1)" in lines
    assert "- Мотор (MT-1)" in lines and "  SN: M-77" in lines
    assert sum(line.strip().startswith("SN:") for line in lines) == 1


def test_warranty_card_without_url_customer_or_components_is_still_valid() -> None:
    """verify_url is optional; customer may be None; components may be empty."""
    context = card(customer=None, components=[])
    del context["verify_url"]
    document = render_template("warranty_card.j2", context)
    assert not any(isinstance(b, QR) for b in document)
    assert not any(line.startswith("Покупець:") for line in texts(document))
    assert "Комплектація:" not in texts(document)


def test_sale_receipt_shows_lines_serials_total_and_change() -> None:
    """The receipt preview holds every line, SN, warranty date and the payment."""
    preview = render_text(render_template("sale_receipt.j2", receipt_context()), 48)
    assert "ТОВАРНИЙ ЧЕК № S-000123" in preview
    assert "SN: SN-0001234" in preview and "Гарантія до 2027-03-02" in preview
    assert "РАЗОМ" in preview and preview.count("1 303,00 грн") == 1
    assert "Решта" in preview and "197,00 грн" in preview


def test_receipt_without_tendered_amount_names_the_payment_method() -> None:
    """tendered and change may be None (card payment, or amount not entered)."""
    payment = {"method": "Картка", "tendered": None, "change": None}
    preview = render_text(render_template("sale_receipt.j2", receipt_context(payment=payment)), 48)
    assert "Оплата: Картка" in preview and "Решта" not in preview


def test_return_receipt_has_its_own_heading_and_cyrillic_number_gets_no_barcode() -> None:
    """kind=return changes the heading; a number Code 128 cannot hold is printed as text only."""
    document = render_template(
        "sale_receipt.j2",
        receipt_context(document={"number": "П-7", "date": "2026-03-02", "kind": "return"}),
    )
    assert "ПОВЕРНЕННЯ ТОВАРУ № П-7" in texts(document)
    assert not any(isinstance(b, Barcode) for b in document)


def test_sn_label_template_has_name_barcode_and_price_row() -> None:
    """The receipt-printer label."""
    document = render_template("sn_label.j2", label_context())
    assert Barcode(SERIAL) in document.blocks
    assert Row("GF-1500", "1 299,00 грн") in document.blocks


def test_inserted_values_cannot_inject_instructions_or_split_rows() -> None:
    """A name with a newline, @cut or | stays data."""
    evil = {"sku": "X|Y", "name": "Ніж\n@cut", "serial": "@qr boom"}
    document = render_template("warranty_card.j2", card(components=[evil]))
    assert sum(isinstance(b, Cut) for b in document) == 1
    assert sum(isinstance(b, QR) for b in document) == 1
    assert "- Ніж @cut (X|Y)" in texts(document)
    assert "  SN: @qr boom" in texts(document)


def test_typo_in_a_template_names_the_file_and_line(tmp_path: Path) -> None:
    """StrictUndefined: a misspelt key is an error, located in the template."""
    bad = tmp_path / "card.j2"
    bad.write_text("@center\nТалон\n{{ serail }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_template("card.j2", {"serial": SERIAL}, templates_dir=tmp_path)
    assert str(caught.value).startswith(f"{bad}, line 3:")
    assert "serail" in str(caught.value)


def test_missing_key_inside_a_nested_dict_is_reported_with_its_line(tmp_path: Path) -> None:
    """product.nmae fails at its own line."""
    (tmp_path / "x.j2").write_text("a\nb\n\n{{ product.nmae }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"x\.j2, line 4: .*nmae"):
        render_template("x.j2", {"product": {"name": "n"}}, templates_dir=tmp_path)


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    """An unclosed block is reported where Jinja found it."""
    (tmp_path / "broken.j2").write_text("ok\n{% if x %}\nno end\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"broken\.j2, line \d+: "):
        render_template("broken.j2", {"x": 1}, templates_dir=tmp_path)


def test_missing_template_is_one_clear_error(tmp_path: Path) -> None:
    """No traceback, just what is missing and where it was looked for."""
    with pytest.raises(TemplateError) as caught:
        render_template("nope.j2", {}, templates_dir=tmp_path)
    assert str(caught.value) == (
        f"No print template 'nope.j2' in {tmp_path.resolve()} nor among the shipped ones."
    )


def test_a_shop_template_overrides_the_shipped_one_and_the_rest_stay_shipped(
    tmp_path: Path,
) -> None:
    """A sale_receipt.j2 in the shop's folder wins; the warranty card still comes shipped."""
    (tmp_path / "sale_receipt.j2").write_text("our own {{ total }}\n", encoding="utf-8")
    assert texts(render_template("sale_receipt.j2", {"total": "5"}, templates_dir=tmp_path)) == [
        "our own 5"
    ]
    card_document = render_template("warranty_card.j2", card(), templates_dir=tmp_path)
    assert "ГАРАНТІЙНИЙ ТАЛОН" in texts(card_document)


def test_a_template_in_the_current_folder_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stray warranty_card.j2 where the till was started does not replace the shipped one."""
    (tmp_path / "warranty_card.j2").write_text("stray\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "stray" not in texts(render_template("warranty_card.j2", card()))
    with pytest.raises(TemplateError, match="among the shipped templates"):
        render_template(str(tmp_path / "warranty_card.j2"), card())


def test_unknown_instruction_is_reported_with_the_output_line(tmp_path: Path) -> None:
    """A markup mistake names the template and the rendered line."""
    (tmp_path / "m.j2").write_text("hello\n@barcod SN1\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"m\.j2: output line 2: unknown instruction @barcod"):
        render_template("m.j2", {}, templates_dir=tmp_path)


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    """Templates are edited by shop staff; they cannot reach Python objects."""
    (tmp_path / "s.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"s\.j2, line 1"):
        render_template("s.j2", {}, templates_dir=tmp_path)


def test_product_type_variant_is_preferred_and_falls_back(tmp_path: Path) -> None:
    """warranty_card.laptop.j2 serves laptops; other types use warranty_card.j2."""
    (tmp_path / "warranty_card.j2").write_text("generic {{ serial }}\n", encoding="utf-8")
    (tmp_path / "warranty_card.laptop.j2").write_text("laptop {{ serial }}\n", encoding="utf-8")
    laptop = render_template(
        "warranty_card.j2", {"serial": "A"}, templates_dir=tmp_path, variant="Laptop"
    )
    other = render_template(
        "warranty_card.j2", {"serial": "B"}, templates_dir=tmp_path, variant="phone"
    )
    assert texts(laptop) == ["laptop A"] and texts(other) == ["generic B"]


def test_markup_parses_every_instruction() -> None:
    """Each instruction maps to its block, styles apply until @normal."""
    document = parse(
        "@center\n@bold\n@double\nBIG\n@normal\n@right\nr\n@left\n@row a | b\n@rule\n"
        "@barcode ean13 4820000000000\n@qr hello\n@feed 2\n@text @literal\n\n@cut\n"
    )
    assert document.blocks == (
        Text("BIG", True, True, "center"),
        Text("r", align="right"),
        Row("a", "b"),
        Rule(),
        Barcode("4820000000000", "EAN13"),
        QR("hello"),
        Feed(2),
        Text("@literal"),
        Text(""),
        Cut(),
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("@row no bar", "@row needs LEFT | RIGHT"),
        ("@feed lots", "@feed needs a number"),
        ("@barcode QR123 x", "unknown barcode type"),
        ("@qr", "a QR code needs data"),
    ],
)
def test_bad_markup_lines_raise_markup_error(line: str, problem: str) -> None:
    """Malformed instructions are refused with the line number."""
    with pytest.raises(MarkupError, match=f"output line 2: {problem}"):
        parse("fine\n" + line + "\n")


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("{{ 'a' * 10**9 }}", "too large"),
        ("{{ [1] * 10**8 }}", "too large"),
        ("{{ 2 ** 100000 }}", "too large"),
        ("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}", "more than 200000"),
    ],
)
def test_a_template_cannot_build_a_huge_value_or_output(
    tmp_path: Path, body: str, said: str
) -> None:
    """A shop's template that would exhaust memory or hang is refused with the file named."""
    (tmp_path / "sale_receipt.j2").write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError, match=said) as refused:
        render_template("sale_receipt.j2", receipt_context(), templates_dir=tmp_path)
    assert "sale_receipt.j2" in refused.value.message
