"""The command line's own messages: gettext domain "cli", English source, Ukrainian catalogue.

``cli/locale/uk/LC_MESSAGES/cli.po`` holds the Ukrainian; after editing it run
``pybabel compile -d cli/locale -D cli``. ``cli.main`` loads it with the other domains."""

from __future__ import annotations

from pathlib import Path

from core.i18n import translate

DOMAIN = "cli"
LOCALE_DIR = Path(__file__).parent / "locale"


def _(message: str) -> str:
    """``message`` in the chosen language, or as written when it has no translation."""
    return translate(DOMAIN, message)
