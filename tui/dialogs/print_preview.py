"""A document as the printer would print it, in plain text, before it is printed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class PrintPreview(Dialog[bool]):
    """The text of a receipt, card or label; True on Enter (print it), False on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f10", "answer(True)", N_("Print")),
        Binding("escape", "answer(False)", N_("Back")),
    ]

    def __init__(self, title: str, text: str, *, can_print: bool = True) -> None:
        super().__init__(classes="print-preview")
        self.heading = title
        self.text = text
        self.can_print = can_print

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            with VerticalScroll(id="paper"):
                yield Static(self.text.rstrip("\n"), markup=False)
            keys = _("Enter: print   Esc: back   ↑↓: scroll")
            yield Static(keys if self.can_print else _("Esc: back"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#paper").focus()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer (never True without a printer)."""
        if yes and not self.can_print:
            self.app.bell()
            return
        self.dismiss(yes)
