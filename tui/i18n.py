"""The app's translations: ``_()`` for every user-facing string, ``install()`` to pick a language.

English is the source language; ``tui/locale/uk/LC_MESSAGES/tui.po`` holds the Ukrainian.
This module imports no Textual, so the headless commands may use it too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from core.domain.money import format_money
from core.i18n import language, set_language, translate
from devices.i18n import DOMAINS as DEVICE_DOMAINS

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

DOMAIN = "tui"
"""The gettext domain of the app's catalogues."""

LOCALE_DIR = Path(__file__).parent / "locale"
"""Where ``uk/LC_MESSAGES/tui.mo`` lives."""


def _(message: str) -> str:
    """``message`` in the chosen language (an empty string stays empty)."""
    return translate(DOMAIN, message) if message else message


def N_(message: str) -> str:
    """Mark a string for the catalogue where it must stay untranslated until shown."""
    return message


def install(language_code: str) -> None:
    """Choose the language of the app, of the core's and of the devices' messages."""
    set_language(language_code, {DOMAIN: LOCALE_DIR, **DEVICE_DOMAINS})


def money(minor: int) -> str:
    """An amount as the cashier reads it: ``1 299.50``, or ``1 299,50`` in Ukrainian."""
    return format_money(minor, grouped=True, comma=language() == "uk")


def day(value: date | None) -> str:
    """A date as the cashier reads it: ``02.03.2026`` in Ukrainian, ISO otherwise."""
    if value is None:
        return "-"
    return value.strftime("%d.%m.%Y") if language() == "uk" else value.isoformat()


def localise_bindings(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active key bindings with their descriptions and tooltips in the chosen language."""
    return {
        key: entry._replace(
            binding=replace(
                entry.binding,
                description=_(entry.binding.description),
                tooltip=_(entry.binding.tooltip),
            ),
            tooltip=_(entry.tooltip),
        )
        for key, entry in active.items()
    }
