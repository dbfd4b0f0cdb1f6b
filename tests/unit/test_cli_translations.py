"""The command line's Ukrainian catalogue: complete, compiled, covering every marked string."""

from __future__ import annotations

import gettext

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cli.i18n import LOCALE_DIR

PO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "cli.po"
MO = PO.with_suffix(".mo")


def cli_msgids() -> set[str]:
    """Every string the command line's modules mark with ``_()``."""
    found = extract_from_dir(str(LOCALE_DIR.parent), keywords={"_": None, "N_": None})
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in found
    }


def test_the_cli_catalogue_holds_every_marked_string_translated() -> None:
    """Each ``_()`` string of cli/ is in cli.po with a translation, and nothing stale is."""
    catalog = read_po(PO.open("rb"), locale="uk", domain="cli")
    messages = {m.id: m for m in catalog if m.id}
    assert set(messages) == cli_msgids()
    assert [m.id for m in messages.values() if not m.string or m.fuzzy] == []


def test_the_committed_cli_mo_holds_every_translation_of_the_po() -> None:
    """cli.mo gives each message of cli.po its translation (messages compared, not bytes)."""
    catalog = read_po(PO.open("rb"), locale="uk", domain="cli")
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [m.id for m in catalog if m.id and compiled.gettext(str(m.id)) != m.string]
    assert stale == [], "run: pybabel compile -d cli/locale -D cli"
