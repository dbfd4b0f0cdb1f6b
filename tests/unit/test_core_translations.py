"""The core's Ukrainian catalogue: complete, compiled, placeholder-safe, and used at run time."""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from core.domain.errors import SerialRuleError
from core.domain.warranty import WarrantyPeriod
from core.i18n import LOCALE_DIR, language, set_language
from tests.shop import Shop

ROOT = Path(__file__).resolve().parents[2]
PO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "core.po"
MO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "core.mo"
UPDATE = (
    "run: pybabel extract -k _ -k ngettext:1,2 -o /tmp/core.pot core && "
    "pybabel update -i /tmp/core.pot -d core/locale -D core, translate, then "
    "pybabel compile -d core/locale -D core"
)


def _po() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file)


def _messages(catalog: Catalog) -> list[Message]:
    """Every real entry: not the header, not an obsolete one."""
    return [message for message in catalog if message.id]


def _ids(message: Message) -> tuple[str, ...]:
    """The singular (and plural) source text of an entry."""
    ident = message.id
    return (ident,) if isinstance(ident, str) else tuple(str(part) for part in ident)


def _strings(message: Message) -> tuple[str, ...]:
    """The translation of an entry: one text, or one per plural form."""
    text = message.string
    if text is None or isinstance(text, str):
        return (text or "",)
    return tuple(str(form) for form in text)


def _fields(text: str) -> set[str]:
    """The ``{name}`` placeholders of a ``str.format`` template."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}


def _table(catalog: Catalog) -> dict[object, object]:
    """A catalogue as plain data: translations by id, and the plural rule."""
    table: dict[object, object] = {_ids(m): _strings(m) for m in _messages(catalog)}
    table["plural-forms"] = catalog.plural_forms
    return table


@pytest.fixture
def ukrainian() -> Iterator[None]:
    """The core speaks Ukrainian for one test; English again afterwards, as others expect."""
    set_language("uk")
    try:
        yield
    finally:
        set_language("en")


def test_every_message_is_translated() -> None:
    catalog = _po()
    assert catalog.locale is not None and str(catalog.locale) == "uk"
    assert catalog.num_plurals == 3
    messages = _messages(catalog)
    assert len(messages) > 50
    untranslated = [m.id for m in messages if not all(s.strip() for s in _strings(m))]
    assert not untranslated, untranslated
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not fuzzy, fuzzy
    for message in messages:
        if message.pluralizable:
            assert len(_strings(message)) == catalog.num_plurals, message.id


def test_placeholders_survive_translation() -> None:
    for message in _messages(_po()):
        wanted = set().union(*(_fields(text) for text in _ids(message)))
        for text in _strings(message):
            assert _fields(text) == wanted, (message.id, text)


def test_committed_mo_is_the_compiled_po(tmp_path: Path) -> None:
    compiled = tmp_path / "core.mo"
    with compiled.open("wb") as file:
        write_mo(file, _po())
    with compiled.open("rb") as fresh, MO.open("rb") as committed:
        assert _table(read_mo(committed)) == _table(read_mo(fresh)), UPDATE


def test_catalogue_holds_every_marked_message() -> None:
    keywords = {**DEFAULT_KEYWORDS, "_": None, "ngettext": (1, 2)}
    in_code = {
        message[2] if isinstance(message[2], str) else tuple(message[2])
        for message in extract_from_dir(ROOT / "core", keywords=keywords)
    }
    in_po = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _messages(_po())}
    assert not in_code - in_po, f"{sorted(map(str, in_code - in_po))}: {UPDATE}"


def test_locale_folder_ships_with_the_package() -> None:
    """No ``__init__.py`` in ``core/locale``: found as namespace packages, data by pattern."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    setuptools = config["setuptools"]
    assert setuptools["packages"]["find"].get("namespaces", True) is True
    assert "*.mo" in setuptools["package-data"]["*"]


@pytest.mark.usefixtures("ukrainian")
def test_strict_refusal_in_ukrainian_keeps_its_rule(shop: Shop) -> None:
    with pytest.raises(SerialRuleError) as never:
        shop.sell("PHONE", "SN-NEVER")
    assert never.value.rule == "not_in_stock"
    assert never.value.title == "Серійний номер не прийнято"
    assert never.value.message == (
        "SN SN-NEVER товару Смартфон Ґалакс А15 (PHONE) ніколи не надходив: на складі його немає."
    )
    shop.run("receive PHONE SN-1; sell PHONE SN-1")
    with pytest.raises(SerialRuleError) as sold:
        shop.sell("PHONE", "SN-1")
    assert sold.value.rule == "not_in_stock"
    assert str(sold.value) == (
        "SN SN-1 товару Смартфон Ґалакс А15 (PHONE) уже продано: на складі його немає."
    )


@pytest.mark.usefixtures("ukrainian")
def test_warranty_periods_take_ukrainian_plurals() -> None:
    months = [WarrantyPeriod(months=n).describe() for n in (1, 3, 5, 11, 12, 21, 24)]
    assert months == [
        "1 місяць",
        "3 місяці",
        "5 місяців",
        "11 місяців",
        "12 місяців",
        "21 місяць",
        "24 місяці",
    ]
    assert WarrantyPeriod(days=14).describe() == "14 днів"
    assert WarrantyPeriod(days=2).describe() == "2 дні"


def test_english_is_back_after_ukrainian(shop: Shop) -> None:
    set_language("uk")
    set_language("en")
    assert language() == "en"
    with pytest.raises(SerialRuleError) as refused:
        shop.sell("PHONE", "SN-NEVER")
    assert refused.value.title == "Serial number refused"
    assert "was never received: it is not in stock" in refused.value.message
    assert WarrantyPeriod(months=1).describe() == "1 month"
    assert WarrantyPeriod(days=14).describe() == "14 days"
