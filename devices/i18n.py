"""Translations of the device layer's messages: gettext domain "devices", English source.

The front end chooses the language for every domain at once:
``core.i18n.set_language(code, {**tui_domains, **devices.i18n.DOMAINS})``.
Ukrainian lives in ``devices/locale/uk/LC_MESSAGES/devices.po``; after editing it run
``pybabel compile -d devices/locale -D devices``.
"""

from __future__ import annotations

from pathlib import Path

from core.i18n import translate

DOMAIN = "devices"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAINS = {DOMAIN: LOCALE_DIR}
"""The catalogue to pass to core.i18n.set_language so device messages follow the language."""


def _(message: str) -> str:
    """``message`` in the chosen language, or as written when it has no translation."""
    return translate(DOMAIN, message)
