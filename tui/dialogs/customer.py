"""The customer's name and phone for the sale (both optional)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class CustomerDialog(Dialog[tuple[str, str] | None]):
    """Name, then phone; Enter on the phone answers both, Esc keeps the sale as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, name: str = "", phone: str = "") -> None:
        super().__init__(classes="entry-dialog")
        self.customer = name
        self.phone = phone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Customer")
            yield Static(_("Name"), classes="label")
            yield Input(self.customer, id="name", classes="free-text")
            yield Static(_("Phone"), classes="label")
            yield Input(self.phone, id="phone", classes="free-text")
            yield Static(_("Enter: next / OK   Esc: back"), classes="keys")

    @on(Input.Submitted, "#name")
    def name_given(self, event: Input.Submitted) -> None:
        """Go on to the phone."""
        event.stop()
        self.query_one("#phone", Input).focus()

    @on(Input.Submitted, "#phone")
    def phone_given(self, event: Input.Submitted) -> None:
        """Answer the name and the phone."""
        event.stop()
        self.dismiss((self.query_one("#name", Input).value, event.value))

    def action_cancel(self) -> None:
        """Answer nothing."""
        self.dismiss(None)
