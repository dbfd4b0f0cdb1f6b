"""Translations of the command line's own messages: gettext domain "cli", English source.

Ukrainian lives in ``cli/locale/uk/LC_MESSAGES/cli.po``; after editing it run
``pybabel compile -d cli/locale -D cli``.
"""

from __future__ import annotations

from pathlib import Path

from core.i18n import translate

DOMAIN = "cli"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAINS = {DOMAIN: LOCALE_DIR}
"""The catalogue to pass to core.i18n.set_language so command-line messages follow it."""


def _(message: str) -> str:
    """``message`` in the chosen language, or as written when it has no translation."""
    return translate(DOMAIN, message)
