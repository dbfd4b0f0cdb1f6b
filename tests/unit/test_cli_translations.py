"""The command line's Ukrainian catalogue: every marked message translated, compiled, safe."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cli.i18n import LOCALE_DIR

PO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "cli.po"
UPDATE = (
    "run: pybabel extract -k _ -o /tmp/cli.pot cli && pybabel update -i /tmp/cli.pot "
    "-d cli/locale -D cli, translate, then pybabel compile -d cli/locale -D cli"
)


def _fields(text: str) -> set[str]:
    """The ``{name}`` placeholders of a ``str.format`` template."""
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name}


def test_every_cli_message_is_in_the_catalogue_translated_and_compiled() -> None:
    """Marked in code ⇔ in cli.po; each translated with the same placeholders; .mo current."""
    folder = Path(LOCALE_DIR).parent
    in_code = {str(m[2]) for m in extract_from_dir(str(folder), keywords={"_": None})}
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    entries = [m for m in catalogue if m.id]
    assert {str(m.id) for m in entries} == in_code, UPDATE
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in entries:
        assert message.string and not message.fuzzy, message.id
        assert _fields(str(message.id)) == _fields(str(message.string)), message.id
        assert compiled.gettext(str(message.id)) == message.string, UPDATE
