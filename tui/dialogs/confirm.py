"""A yes/no question with the facts to decide on: Enter confirms, Esc goes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class ConfirmDialog(Dialog[bool]):
    """Shows label/value facts and warnings; answers True on Enter, False on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f10", "answer(True)", N_("Confirm")),
        Binding("escape", "answer(False)", N_("Back")),
    ]

    def __init__(
        self,
        title: str,
        facts: Sequence[tuple[str, str]],
        warnings: Sequence[str] = (),
        question: str = "",
    ) -> None:
        super().__init__(classes="confirm-dialog")
        self.heading = title
        self.facts = tuple(facts)
        self.warnings = tuple(warnings)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self._facts(), classes="facts")
            for warning in self.warnings:
                yield Static(f"! {warning}", classes="warning", markup=False)
            if self.question:
                yield Static(self.question, classes="question", markup=False)
            yield Static(_("Enter: confirm   Esc: back"), classes="keys")

    def _facts(self) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, value in self.facts:
            table.add_row(Text(label), Text(value))
        return table

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
