"""A user's name and PIN: signing in at the till, or a manager approving one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from core.domain.errors import TillError
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _

Check = Callable[[str, str], object]
"""What the name and PIN are given to; raises TillError when they are refused."""


class PinDialog(Dialog[str | None]):
    """Name, then PIN (hidden); answers the name once ``check`` accepts both.

    A refusal (wrong PIN, user locked) is shown in the dialog and the PIN cleared. A sign-in
    cannot be escaped; an approval can (Esc: no approval)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    class Refused(Message):
        """The name and PIN were refused."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Accepted(Message):
        """The name and PIN were accepted."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.user = name

    def __init__(
        self, title: str, question: str, check: Check, *, can_cancel: bool, name: str = ""
    ) -> None:
        super().__init__(classes="entry-dialog pin-dialog")
        self.heading = title
        self.question = question
        self.check = check
        self.can_cancel = can_cancel
        self.user_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self.question, classes="message", markup=False)
            yield Static(_("User"), classes="label")
            yield Input(self.user_name, id="user", classes="free-text")
            yield Static(_("PIN"), classes="label")
            yield Input(id="pin", password=True, restrict=r"[0-9]*", max_length=12)
            yield Static("", id="said", classes="warning", markup=False)
            keys = _("Enter: next / OK   Esc: back") if self.can_cancel else _("Enter: next / OK")
            yield Static(keys, classes="keys")

    def on_mount(self) -> None:
        if self.user_name:
            self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#user")
    def user_given(self, event: Input.Submitted) -> None:
        """Go on to the PIN."""
        event.stop()
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def pin_given(self, event: Input.Submitted) -> None:
        """Check the name and PIN in a worker."""
        event.stop()
        self.try_pin(self.query_one("#user", Input).value.strip(), event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pin")
    def try_pin(self, name: str, pin: str) -> None:
        """Hand the name and PIN to the check (scrypt takes a moment)."""
        try:
            self.check(name, pin)
        except TillError as error:
            self.post_message(self.Refused(error.message))
        else:
            self.post_message(self.Accepted(name))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Say why, clear the PIN and ask again."""
        self.query_one("#said", Static).update(message.text)
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()
        self.app.bell()

    @on(Accepted)
    def accepted(self, message: Accepted) -> None:
        """Answer the user's name."""
        self.dismiss(message.user)

    def action_cancel(self) -> None:
        """Answer nothing, when the dialog may be left."""
        if self.can_cancel:
            self.dismiss(None)
