"""A few labelled fields in one window: Enter walks through them, F10 gives them all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.widgets.notice import Notice


@dataclass(frozen=True)
class Field:
    """One field of a form: its key in the answer, label, current text and a note beside it."""

    key: str
    label: str
    value: str = ""
    note: str = ""
    placeholder: str = ""


Answer = dict[str, str]
"""Every field's text by its key."""


class FormDialog(Dialog[Answer | None]):
    """Answers every field's text by key, or None on Esc; ``check`` may refuse an answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "done", N_("OK")),
        Binding("escape", "cancel", N_("Back")),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        hint: str = "",
        check: Callable[[Answer], str | None] | None = None,
    ) -> None:
        super().__init__(classes="form-dialog")
        self.heading = title
        self.fields = tuple(fields)
        self.hint = hint
        self.check = check
        """Says what is wrong with an answer (the form stays open), or None to take it."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            for field in self.fields:
                with Horizontal(classes="form-row"):
                    yield Static(field.label, classes="form-label", markup=False)
                    yield Input(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.key}",
                        classes="compact-field free-text",
                    )
                    yield Static(field.note, classes="form-note", markup=False)
            if self.hint:
                yield Static(self.hint, classes="hint", markup=False)
            yield Notice(id="said")
            yield Static(_("Enter: next field   F10: OK   Esc: back"), classes="keys")

    @on(Input.Submitted)
    def walk(self, event: Input.Submitted) -> None:
        """Enter goes to the next field; on the last one it gives the answer."""
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_done()

    def action_done(self) -> None:
        """Give every field's text, unless the check finds something wrong."""
        answer = {f.key: self.query_one(f"#field-{f.key}", Input).value for f in self.fields}
        problem = self.check(answer) if self.check is not None else None
        if problem is None:
            self.dismiss(answer)
        else:
            self.query_one(Notice).say(problem, "error")
            self.app.bell()

    def action_cancel(self) -> None:
        """Give nothing."""
        self.dismiss(None)
