"""A serial number's whole life, opened with F12 from anywhere or from a report."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from core.reports import SerialHistory
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.widgets.history_view import HistoryView
from tui.widgets.notice import Notice


class SerialHistoryDialog(Dialog[None]):
    """Scan or type a serial number: its life per product it is known for; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"))]

    class Found(Message):
        """The life of every unit with the serial number asked for."""

        def __init__(self, serial: str, histories: list[SerialHistory]) -> None:
            super().__init__()
            self.serial = serial
            self.histories = histories

    def __init__(self, services: Services, serial: str = "") -> None:
        super().__init__(classes="history-dialog")
        self.services = services
        self.serial = serial
        """The serial number shown (or to look up on opening)."""
        self.histories: list[SerialHistory] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Serial number history")
            yield Input(placeholder=_("scan or type a serial number"), id="scan")
            yield Notice(id="said")
            yield VerticalScroll(id="histories")
            yield Static(_("Enter: look up   Tab: the events   Esc: close"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#scan", Input).focus()
        if self.serial.strip():
            self.look_up(self.serial)

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """Look up the serial number typed or scanned."""
        event.stop()
        event.input.clear()
        if event.value.strip():
            self.look_up(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="serial-history")
    def look_up(self, serial: str) -> None:
        """Read the unit's movements."""
        today = self.services.ctx.clock.today()
        histories = self.services.office.serial_history(serial, today)
        self.post_message(self.Found(serial.strip(), histories))

    @on(Found)
    async def found(self, message: Found) -> None:
        """Show one block per product that knows the serial number."""
        self.serial, self.histories = message.serial, message.histories
        box = self.query_one("#histories", VerticalScroll)
        await box.remove_children()
        await box.mount_all(HistoryView(history) for history in message.histories)
        self._say_found(message.serial, len(message.histories))

    def _say_found(self, serial: str, products: int) -> None:
        notice = self.query_one(Notice)
        if not products:
            notice.say(_("SN {serial} was never recorded here.").format(serial=serial))
            self.app.bell()
        elif products > 1:
            said = _("SN {serial} is known for {count} products: each is shown below.")
            notice.say(said.format(serial=serial, count=products), "warning")
        else:
            notice.say("")

    def action_close(self) -> None:
        """Back to where F12 was pressed."""
        self.dismiss(None)
