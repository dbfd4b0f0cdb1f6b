"""One question with a few answers to choose from: Enter picks one, Esc none."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class ChoiceDialog(Dialog[str | None]):
    """Answers the key of the chosen answer, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, title: str, question: str, answers: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="entry-dialog")
        self.heading = title
        self.question = question
        self.answers = tuple(answers)
        """(key, words) of each answer, in the order shown."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self.question, classes="label", markup=False)
            yield OptionList(*(Option(words, id=key) for key, words in self.answers))
            yield Static(_("Enter: choose   Esc: back"), classes="keys")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer the chosen key."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Answer none."""
        self.dismiss(None)
