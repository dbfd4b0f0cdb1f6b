"""Ask for one value (a quantity, a price, a serial number): Enter gives it, Esc gives nothing."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class EntryDialog(Dialog[str | None]):
    """One labelled field; answers the typed text, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, title: str, label: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="entry-dialog")
        self.heading = title
        self.label = label
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self.label, classes="label", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="value")
            yield Static(_("Enter: OK   Esc: back"), classes="keys")

    @on(Input.Submitted, "#value")
    def submitted(self, event: Input.Submitted) -> None:
        """Give the typed value."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Give nothing."""
        self.dismiss(None)
