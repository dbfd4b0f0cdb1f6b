"""The line under the status bar of the manager's screens: their keys, the one in use marked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.i18n import N_, _

TABS = (
    ("stock", "F4", N_("In stock")),
    ("warranty", "F5", N_("Warranties")),
    ("count", "F6", N_("Count")),
    ("settings", "F7", N_("Settings")),
)
"""The manager's modes: the app mode, its key and its name."""


class BackOfficeTabs(Horizontal):
    """Stock report, warranty report, count and settings, one key each; the current is marked."""

    def __init__(self, current: str) -> None:
        super().__init__(classes="back-office-tabs")
        self.current = current

    def compose(self) -> ComposeResult:
        for mode, key, title in TABS:
            classes = "tab -current" if mode == self.current else "tab"
            yield Static(f" {key} {_(title)} ", classes=classes, markup=False)
