"""Translations: English source strings, Ukrainian catalogue, language chosen in the config."""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the core's compiled catalogues live (``uk/LC_MESSAGES/core.mo``)."""

_catalogues: dict[str, _gettext.NullTranslations] = {}
_language = "en"


def set_language(language: str, domains: dict[str, Path] | None = None) -> None:
    """Choose the language for every domain: the core's own and those the front ends add."""
    global _language
    _language = language
    wanted = {"core": LOCALE_DIR, **(domains or {})}
    for domain, folder in wanted.items():
        _catalogues[domain] = _gettext.translation(
            domain, folder, languages=[language], fallback=True
        )


def language() -> str:
    """The language chosen last (``en`` until one is chosen)."""
    return _language


def translate(domain: str, message: str) -> str:
    """``message`` in the chosen language, or as written when there is no translation."""
    catalogue = _catalogues.get(domain)
    return message if catalogue is None else catalogue.gettext(message)


def translate_plural(domain: str, singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` that suits ``count`` in the chosen language."""
    catalogue = _catalogues.get(domain)
    if catalogue is None:
        return singular if count == 1 else plural
    return catalogue.ngettext(singular, plural, count)


def _(message: str) -> str:
    """The core's translation function: mark a string and translate it at call time."""
    return translate("core", message)


def N_(message: str) -> str:
    """Mark a message for the core's catalogue where it is kept as data, translated when shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The core's plural translation: Ukrainian picks one of three forms by ``count``."""
    return translate_plural("core", singular, plural, count)
