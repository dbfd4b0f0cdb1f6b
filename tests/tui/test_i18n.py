"""The app's Ukrainian catalogue: complete, compiled, and covering every string the app shows."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from textual.widgets._footer import FooterKey

from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, settle
from tui.app import make_app
from tui.i18n import LOCALE_DIR, _, install, money

PO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "tui.po"
MO = PO.with_suffix(".mo")


def app_msgids() -> set[str]:
    """Every string the app's modules mark for translation."""
    tui = LOCALE_DIR.parent
    files = sorted(tui.glob("*.py"))
    for folder in ("screens", "dialogs", "widgets"):
        files += sorted((tui / folder).glob("*.py"))
    found = set()
    for file in files:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(file), keywords={"_": None, "N_": None}
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_of_the_catalogue_is_translated() -> None:
    """No empty or fuzzy translation in tui.po."""
    catalog = read_po(PO.open("rb"), locale="uk", domain="tui")
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


def test_the_catalogue_holds_every_string_the_app_marks() -> None:
    """Each ``_()``/``N_()`` string of the app's modules is in tui.po, and nothing stale is."""
    catalog = read_po(PO.open("rb"), locale="uk", domain="tui")
    ids = {m.id for m in catalog if m.id}
    assert app_msgids() - ids == set()
    assert ids - app_msgids() == set()


def test_the_committed_mo_holds_every_translation_of_the_po() -> None:
    """The committed tui.mo gives every message of tui.po its translation (compare messages,
    not bytes: the header a compiler writes changes with its version)."""
    catalog = read_po(PO.open("rb"), locale="uk", domain="tui")
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [m.id for m in catalog if m.id and compiled.gettext(str(m.id)) != m.string]
    assert stale == [], "run: pybabel compile -d tui/locale -D tui"


def test_install_switches_the_app_and_money_to_ukrainian() -> None:
    """Ukrainian words, and amounts with a comma."""
    install("uk")
    assert _("Sale") == "Продаж" and money(129950) == "1 299,50"
    install("en")
    assert _("Sale") == "Sale" and money(129950) == "1 299.50"


@pytest.mark.parametrize("language", ["en", "uk"])
async def test_every_footer_fits_80_columns(tmp_path: Path, language: str) -> None:
    """All F-keys of the sale, goods-in and return screens are visible at 80×24."""
    services = make_services(tmp_path, language=language)
    stock(services)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("f1", "f2", "f3"):
            await press(pilot, key)
            await settle(pilot)
            keys = list(app.screen.query(FooterKey))
            assert keys and all(k.region.right <= 80 and k.region.width for k in keys), [
                (k.key_display, k.region) for k in keys
            ]
