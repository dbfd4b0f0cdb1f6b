"""The transfers screen: open transfers from and to this till's location; sending goods to
another location (F5) and taking in one that arrived here (F6 or Enter)."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap.services import Services
from core.domain.sites import Site
from core.domain.transfers import TransferSummary
from tui.i18n import N_, _
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar
from tui.widgets.transfer_tables import TransferList


class TransfersScreen(TillScreen):
    """The open transfers; F5 sends goods, F6 or Enter takes in the transfer under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "send", N_("Send")),
        Binding("f6", "receive", N_("Receive")),
        Binding("f9", "reload", N_("Refresh")),
    ]

    class Listed(Message):
        """The open transfers, as the core lists them, and the shop's locations."""

        def __init__(self, found: list[TransferSummary], sites: list[Site]) -> None:
            super().__init__()
            self.found = found
            self.sites = sites

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.found: list[TransferSummary] = []
        """The transfers on screen, in the table's order."""
        self.sites: list[Site] = []
        """The shop's locations (this till's too)."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Transfers between locations"), self.services)
        yield Static("", id="here", classes="totals", markup=False)
        yield TransferList(id="transfers")
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TransferList).focus()

    def on_screen_resume(self) -> None:
        """List the transfers each time the screen shows (a send or an arrival changes them)."""
        self.action_reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="transfers-list")
    def action_reload(self) -> None:
        """Read the open transfers and the shop's locations."""
        desk = self.services.transfers
        self.post_message(self.Listed(desk.open_transfers(), desk.sites()))

    @on(Listed)
    def listed(self, message: Listed) -> None:
        """Show the transfers; say so when there are none."""
        self.found, self.sites = message.found, message.sites
        code = self.services.ctx.site
        site = next((s.label() for s in self.sites if s.code == code), code)
        here = _("This till is at {site}. Open transfers from and to it:")
        self.query_one("#here", Static).update(here.format(site=site))
        self.query_one(TransferList).show(self.found)
        none = _("No transfers on the way. F5: send goods to another location.")
        self.query_one(Notice).say("" if self.found else none)

    def action_send(self) -> None:
        """Put together a transfer to another location."""
        from tui.screens.transfer_send import SendScreen

        here = self.services.ctx.site
        others = [site for site in self.sites if site.code != here]
        self.app.push_screen(SendScreen(self.services, others))

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        """Enter on a transfer takes it in."""
        self.action_receive()

    def action_receive(self) -> None:
        """Take in the transfer under the cursor, scanning what came."""
        from tui.screens.transfer_arrival import ArrivalScreen

        row = self.query_one(TransferList).cursor_row
        if not self.found or not 0 <= row < len(self.found):
            self.app.bell()
            return
        self.app.push_screen(ArrivalScreen(self.services, self.found[row]))
