"""The serial numbers of one invoice line, typed or scanned until the count matches the quantity.

Each number is checked by the core as it comes, on a rehearsal of the receipt: a duplicate in
the invoice or a unit already in stock is refused at once, with a bell.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.worker import Worker, WorkerState

from bootstrap.services import Services
from core.cart import ReceiptDraft
from core.domain.errors import TillError
from core.services import receiving
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.messages import Refused
from tui.screens.inbox import Inbox
from tui.widgets.notice import Notice


class SerialEntry(Dialog[tuple[str, ...] | None]):
    """Collects exactly the line's quantity of serial numbers; answers them on Enter or Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "finish", N_("Done")),
        Binding("f8", "remove", N_("Remove SN")),
    ]

    class Accepted(Message):
        """The core accepted a serial number (normalised as it will be stored)."""

        def __init__(self, serial: str, warnings: tuple[str, ...]) -> None:
            super().__init__()
            self.serial = serial
            self.warnings = warnings

    def __init__(self, services: Services, draft: ReceiptDraft, index: int) -> None:
        super().__init__(classes="serial-entry")
        self.services = services
        self.draft = draft
        self.index = index
        self.line = draft.lines[index]
        self.serials: list[str] = list(self.line.serials)
        self.inbox: Inbox[str] = Inbox(self._check)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Serial numbers")
            yield Static(f"{self.line.name} ({self.line.sku})", id="product", markup=False)
            yield Static("", id="count")
            yield Input(placeholder=_("scan or type a serial number"), id="scan")
            yield Notice(id="said")
            yield OptionList(id="serials")
            yield Static(_("Enter on empty: done   F8: remove SN   Esc: done"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#serials", OptionList).add_options(
            [self._entry(i, s) for i, s in enumerate(self.serials)]
        )
        self._show_count()

    @staticmethod
    def _entry(position: int, serial: str) -> str:
        return f"{position + 1:>4}  {serial}"

    def _show_count(self) -> None:
        count, quantity = len(self.serials), self.line.quantity
        text = _("{count} of {quantity}").format(count=count, quantity=quantity)
        if count == quantity:
            text += "  " + _("complete: press Enter")
        self.query_one("#count", Static).update(text)
        self.query_one("#count", Static).set_class(count == quantity, "-complete")

    @on(Input.Submitted, "#scan")
    def entered(self, event: Input.Submitted) -> None:
        """Queue a serial number for its check; an empty Enter finishes."""
        event.stop()
        event.input.clear()
        if not event.value.strip():
            if not self.inbox.busy:
                self.action_finish()
            return
        self.inbox.put(event.value)

    def _check(self, raw: str) -> None:
        if len(self.serials) >= self.line.quantity:
            full = _("All {quantity} are in: Enter finishes; for more, raise the quantity.")
            self._refuse(full.format(quantity=self.line.quantity))
            self.inbox.done()
            return
        self.check(self.draft, (*self.serials, raw))

    @work(thread=True, exclusive=True, exit_on_error=False, group="serial-check")
    def check(self, draft: ReceiptDraft, serials: tuple[str, ...]) -> None:
        """Rehearse the receipt of the line with these serial numbers."""
        command = draft.serial_check(self.index, serials)
        try:
            posted = receiving.receive(command, self.services.rehearsal(), self.services.ctx)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            warnings = tuple(w.message for w in posted.warnings if w.serial)
            self.post_message(self.Accepted(posted.lines[-1].serials[-1], warnings))

    @on(Accepted)
    def accepted(self, message: Accepted) -> None:
        """Add the serial number to the line."""
        self.serials.append(message.serial)
        serials = self.query_one("#serials", OptionList)
        serials.add_option(self._entry(len(self.serials) - 1, message.serial))
        serials.highlighted = len(self.serials) - 1
        notice = self.query_one(Notice)
        if message.warnings:
            notice.say("! " + " ".join(message.warnings), "warning")
        else:
            notice.say(_("Accepted: {serial}").format(serial=message.serial))
        self._show_count()

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Refuse the serial number on the spot; the next scan may follow at once."""
        self._refuse(f"{message.error.title}: {message.error.message}")
        self.inbox.drop_waiting()

    def _refuse(self, text: str) -> None:
        self.query_one(Notice).say(text, "error")
        self.app.bell()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A finished check lets the next one in; one that crashed drops the waiting ones."""
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            if event.state is not WorkerState.SUCCESS:
                self.inbox.drop_waiting()
            self.inbox.done()

    def action_remove(self) -> None:
        """Take the highlighted serial number off the line."""
        serials = self.query_one("#serials", OptionList)
        if serials.highlighted is None or self.inbox.busy:
            return
        removed = self.serials.pop(serials.highlighted)
        serials.clear_options()
        serials.add_options([self._entry(i, s) for i, s in enumerate(self.serials)])
        self.query_one(Notice).say(_("Removed: {serial}").format(serial=removed))
        self._show_count()

    def action_finish(self) -> None:
        """Answer the serial numbers entered so far."""
        self.dismiss(tuple(self.serials))
