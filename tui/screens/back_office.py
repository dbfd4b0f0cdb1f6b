"""The base of the manager's screens: the keys between reports, count and settings."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.screens.till_screen import TillScreen
from tui.widgets.back_office_tabs import TABS

BACK_OFFICE_MODES = tuple(mode for mode, _key, _title in TABS)
"""The app modes of the manager's screens."""


class BackOfficeScreen(TillScreen):
    """A manager's screen: F4-F7 switch between the four, shown on the line under the title."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key.lower(), f"app.switch_mode('{mode}')", title, show=False)
        for mode, key, title in TABS
    ]
