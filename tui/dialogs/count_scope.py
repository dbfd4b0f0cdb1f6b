"""What a new count covers: the whole stock, one product type, chosen products, or an open sheet."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _

SCOPES = (
    ("all", N_("The whole stock")),
    ("type", N_("One product type...")),
    ("products", N_("Chosen products...")),
    ("resume", N_("Go on with an open count...")),
)
"""The choices, by the key the dialog answers."""


class CountScopeDialog(Dialog[str | None]):
    """Answers ``all``, ``type``, ``products`` or ``resume``; None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self) -> None:
        super().__init__(classes="entry-dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("New count")
            yield Static(_("What does the count cover?"), classes="label")
            yield OptionList(*(Option(_(title), id=key) for key, title in SCOPES))
            yield Static(_("Enter: choose   Esc: back"), classes="keys")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer the chosen scope."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Answer none."""
        self.dismiss(None)
