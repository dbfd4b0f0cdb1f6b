"""The serial numbers of a posted receipt's line as they stand now, corrected while in stock."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap.services import Services
from core.commands import CorrectReceiptSerials
from core.domain.errors import DomainError, TillError
from core.domain.limits import escaped
from core.views import DocumentView
from tui.app_users import UsersMixin
from tui.dialogs.dialog import Dialog
from tui.dialogs.entry import EntryDialog
from tui.i18n import N_, _
from tui.messages import DocumentPosted, Refused
from tui.widgets.notice import Notice


class ReceiptSerials(Dialog[None]):
    """Lists one line's serial numbers; Enter on one replaces it through a correction."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"))]

    class Loaded(Message):
        """The receipt as it stands now."""

        def __init__(self, view: DocumentView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, services: Services, number: str, position: int) -> None:
        super().__init__(classes="serial-entry")
        self.services = services
        self.number = number
        self.position = position
        """The line's position on the receipt, from 1."""
        self.serials: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Serial numbers of {number}").format(number=self.number)
            yield Static("", id="product", markup=False)
            yield Static("", id="count")
            yield Notice(id="said")
            yield DataTable(id="serials", cursor_type="row")
            yield Static(_("Enter: correct the selected SN   Esc: close"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#serials", DataTable).add_columns("#", _("Serial number"))
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="receipt-serials")
    def load(self) -> None:
        """Read the receipt with its current serial numbers."""
        try:
            view = self.services.office.document(self.number)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(self.Loaded(view))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the line's serial numbers."""
        line, serials = next(
            (row, found) for row, found in message.view.lines if row.position == self.position
        )
        self.serials = serials
        self.query_one("#product", Static).update(escaped(f"{line.name} ({line.sku})"))
        count = _("{count} of {quantity}").format(count=len(serials), quantity=line.quantity)
        self.query_one("#count", Static).update(count)
        table = self.query_one("#serials", DataTable)
        table.clear()
        for number, serial in enumerate(serials, start=1):
            table.add_row(str(number), serial)
        table.focus()

    @on(DataTable.RowSelected, "#serials")
    def chosen(self, event: DataTable.RowSelected) -> None:
        """Ask for the right serial number in place of the selected one."""
        event.stop()
        old = self.serials[event.cursor_row]
        dialog = EntryDialog(
            _("Correct serial number"), _("Replace {serial} with:").format(serial=old)
        )

        def corrected(new: str | None) -> None:
            if new and new.strip():
                self.correct(old, new)

        self.app.push_screen(dialog, corrected)

    @work(thread=True, exclusive=True, exit_on_error=False, group="receipt-serials")
    def correct(self, old: str, new: str) -> None:
        """Post a correction replacing one serial number of the receipt."""
        command = CorrectReceiptSerials(self.number, ((old, new),))
        try:
            posted = self.services.office.correct_receipt_serials(command)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def done(self, message: DocumentPosted) -> None:
        """Say what the correction did and show the serial numbers again."""
        said = _("Corrected by {number}.").format(number=message.posted.number)
        self.query_one(Notice).say(said, "done")
        self.load()

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show the refusal in red, with a bell; for want of a manager, ask for their PIN."""
        self.query_one(Notice).say(f"{message.error.title}: {message.error.message}", "error")
        error, app = message.error, self.app
        if isinstance(error, DomainError) and error.rule == "needs_manager":
            if isinstance(app, UsersMixin):
                app.ask_approval(error)
                return
        app.bell()

    def action_close(self) -> None:
        """Back to the receipt."""
        self.dismiss(None)
