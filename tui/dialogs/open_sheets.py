"""The count sheets still open, to pick one and go on with it instead of typing its number."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bootstrap.services import Services
from core.views import OpenSheet
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _, day
from tui.widgets.notice import Notice


class OpenSheetsDialog(Dialog[str | None]):
    """Answers the chosen sheet's number, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    class Loaded(Message):
        """The open sheets, latest first."""

        def __init__(self, sheets: list[OpenSheet]) -> None:
            super().__init__()
            self.sheets = sheets

    def __init__(self, services: Services) -> None:
        super().__init__(classes="entry-dialog")
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Open counts")
            yield OptionList(id="sheets")
            yield Input(placeholder=_("or scan or type its number"), id="scan")
            yield Notice(id="said")
            yield Static(_("Enter: go on with it   Esc: back"), classes="keys")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-sheets")
    def load(self) -> None:
        """Read the open sheets."""
        self.post_message(self.Loaded(self.services.office.open_sheets()))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """List them, or say there is none."""
        options = self.query_one(OptionList)
        options.add_options(
            Option(f"{s.number}  {s.scope}  {day(s.opened_on)}  {s.operator}", id=s.number)
            for s in message.sheets
        )
        if message.sheets:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one(Notice).say(_("No count is open: type the number of one, or Esc."))
            self.query_one(Input).focus()

    @on(Input.Submitted, "#scan")
    def typed(self, event: Input.Submitted) -> None:
        """A number typed or scanned (a sheet opened elsewhere)."""
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer the chosen sheet."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Answer none."""
        self.dismiss(None)
