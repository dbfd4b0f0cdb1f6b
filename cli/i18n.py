"""The command line's own messages: gettext domain "cli", English source, Ukrainian catalogue.

``cli/locale/uk/LC_MESSAGES/cli.po`` holds the Ukrainian; after editing it run
``pybabel compile -d cli/locale -D cli``. ``cli.main`` loads it with the other domains before
it builds the parser, so help texts are translated too; argparse's own words ("usage:",
"options", its error messages) come from the same catalogue (``cli/argparse_words.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.i18n import translate

DOMAIN = "cli"
LOCALE_DIR = Path(__file__).parent / "locale"


def _(message: str) -> str:
    """``message`` in the chosen language, or as written when it has no translation."""
    return translate(DOMAIN, message)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is kept as data, translated when shown."""
    return message


def _argparse_gettext(message: str | None) -> str | None:
    """argparse's own words through the command line's catalogue (it also passes None)."""
    return message if message is None else translate(DOMAIN, message)


def translate_argparse() -> None:
    """Have argparse look its words ("usage:", "options", errors) up in this catalogue.

    argparse calls the module-level ``_`` it imported from gettext each time it needs a word,
    so replacing that name is the one seam it offers for a catalogue of our own."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
