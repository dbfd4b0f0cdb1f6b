"""The verdict on a scanned warranty card: genuine or not, and whether it still matches."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from core.views import CardCheck
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class CardCheckDialog(Dialog[None]):
    """Shows what the card's code proves until Enter or Esc; rings when it proves nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,space", "close", N_("OK")),
    ]

    def __init__(self, check: CardCheck) -> None:
        good = check.genuine and check.current
        super().__init__(classes="card-dialog" if good else "error-dialog")
        self.check = check

    def compose(self) -> ComposeResult:
        check = self.check
        if check.genuine:
            heading = _("Genuine warranty card") if check.current else _("Card out of date")
        else:
            heading = _("Card NOT genuine")
        with Vertical(classes="dialog") as box:
            box.border_title = heading
            yield Static(check.message, classes="message", markup=False)
            yield Static(_("Enter: OK"), classes="keys")

    def on_mount(self) -> None:
        if not (self.check.genuine and self.check.current):
            self.app.bell()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
