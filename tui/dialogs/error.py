"""A refusal or failure the cashier must see: title, what happened, what to do; with a bell."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from core.domain.errors import TillError
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class ErrorDialog(Dialog[None]):
    """Shows ``title`` and ``message`` until Enter or Esc; nothing else goes on meanwhile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,space", "close", N_("OK")),
    ]

    def __init__(self, title: str, message: str, hint: str = "") -> None:
        super().__init__(classes="error-dialog")
        self.heading = title
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, error: TillError, hint: str = "") -> ErrorDialog:
        """The dialog for an error raised by the core."""
        return cls(error.title, error.message, hint)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self.message, classes="message", markup=False)
            if self.hint:
                yield Static(self.hint, classes="hint", markup=False)
            yield Static(_("Enter: OK"), classes="keys")

    def on_mount(self) -> None:
        self.app.bell()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
