"""Sending goods to another location: choose it, scan the units and goods, post a transfer."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from bootstrap.transfers import SendLine, SendStep, Taken, Unknown
from core.commands import SendTransfer
from core.domain.errors import TillError
from core.domain.sites import Site
from core.drafts.entry import Scan
from core.drafts.steps import Choose, Refused
from core.results import Posted
from core.views import UnitSummary
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.choose_unit import ChooseUnit
from tui.i18n import N_, _
from tui.inbox import Inbox
from tui.messages import DocumentPosted
from tui.messages import Refused as RefusedMessage
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar
from tui.widgets.transfer_tables import SendLines


class SendScreen(TillScreen):
    """Lines of a transfer, each checked by the core as it is scanned; F10 sends them."""

    FOOTER_SPARE_KEYS: ClassVar[tuple[str, ...]] = ("f3", "f1")
    """The mode keys are left out of a full footer before the screen's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "destination", N_("Destination")),
        Binding("f8", "remove", N_("Remove")),
        Binding("f10", "post", N_("Send")),
        Binding("escape", "back", N_("Back")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    class Stepped(Message):
        """What the core made of a scan."""

        def __init__(self, step: SendStep) -> None:
            super().__init__()
            self.step = step

    def __init__(self, services: Services, others: list[Site]) -> None:
        super().__init__(services)
        self.to: Site | None = None
        """Where the goods go, once chosen."""
        self.others = others
        """The shop's locations other than this till's."""
        self.lines: tuple[SendLine, ...] = ()
        self.posted: Posted | None = None
        self.inbox: Inbox[Scan | UnitSummary] = Inbox(self._start)

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Send goods"), self.services)
        yield Static("", id="to", classes="totals", markup=False)
        yield SendLines(id="lines")
        yield Static("", id="summary", classes="totals", markup=False)
        yield Notice(id="notice")
        with Horizontal(classes="send-entry"):
            yield Input(placeholder=_("scan an SN or a barcode"), id="scan")
            yield Input(placeholder=_("note (optional)"), id="note", classes="free-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#scan", Input).border_title = _("Scan")
        self.query_one("#note", Input).border_title = _("Note")
        self.show_lines()
        self.query_one("#scan", Input).focus()
        if len(self.others) == 1:  # chosen at once; with several, the cashier picks
            self.chosen(self.others[0].code)
        else:
            self.action_destination()

    def action_destination(self) -> None:
        """Choose where the goods go (the lines stay)."""
        if not self.others:
            self.query_one(Notice).say(_("The shop has no other location to send to."), "error")
            return
        if self.posted is None:
            answers = [(site.code, site.label()) for site in self.others]
            dialog = ChoiceDialog(_("Send to"), _("Where do the goods go?"), answers)
            self.app.push_screen(dialog, self.chosen)

    def chosen(self, code: str | None) -> None:
        """The destination the cashier chose."""
        self.to = next((site for site in self.others if site.code == code), self.to)
        self.show_lines()

    def show_lines(self, cursor: int | None = None) -> None:
        """Show the destination, the lines and how many units go."""
        to = self.to.label() if self.to else _("not chosen (F4)")
        self.query_one("#to", Static).update(_("To: {site}").format(site=to))
        self.query_one(SendLines).show(self.lines, cursor)
        units = sum(line.quantity for line in self.lines)
        summary = _("Units: {units}").format(units=units)
        if self.posted is not None:
            summary += "   " + _("Sent as {number}").format(number=self.posted.number)
        self.query_one("#summary", Static).update(summary)

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A code typed into the scan field."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    @on(Input.Submitted, "#note")
    def noted(self, event: Input.Submitted) -> None:
        """Enter in the note goes back to scanning."""
        event.stop()
        self.query_one("#scan", Input).focus()

    def take_scan(self, scan: Scan) -> bool:
        """A scan becomes a line once the core accepts it; the note takes what is typed."""
        if isinstance(self.focused, Input) and self.focused.has_class("free-text"):
            return False
        if self.posted is not None or self.to is None:
            self.app.bell()
            return True
        if scan.text:
            self.inbox.put(scan)
        return True

    def _start(self, entry: Scan | UnitSummary) -> None:
        assert self.to is not None
        desk, to, lines = self.services.transfers, self.to.code, self.lines
        if isinstance(entry, Scan):
            self.check(lambda: desk.take(entry.text, to, lines))
        else:
            self.check(lambda: desk.pick(entry, to, lines))

    @work(thread=True, exclusive=True, exit_on_error=False, group="send-check")
    def check(self, ask: Callable[[], SendStep]) -> None:
        """Ask the core (reads and a rehearsal only) what a scan adds to the transfer."""
        self.post_message(self.Stepped(ask()))

    @on(Stepped)
    def stepped(self, message: Stepped) -> None:
        """Add the line, offer a choice of units, or show why the scan is refused."""
        step = message.step
        if isinstance(step, Choose):
            self.app.push_screen(ChooseUnit(step.units), self._picked)
            return
        self.inbox.done()
        if isinstance(step, Taken):
            self.lines = step.lines
            line = step.line
            added = f"{line.name} {line.serial or ''}".strip()
            self.query_one(Notice).say(_("Added: {line}").format(line=added))
            self.show_lines(self.lines.index(line) if line in self.lines else None)
        elif isinstance(step, Unknown):
            self.inbox.drop_waiting()
            unknown = _('"{code}" is neither a product code nor a serial number this shop knows.')
            self.query_one(Notice).say(unknown.format(code=step.code), "error")
            self.app.bell()
        elif isinstance(step, Refused):
            self.inbox.drop_waiting()
            self.refuse(step.error)

    def _picked(self, unit: UnitSummary | None) -> None:
        self.inbox.done()
        if unit is not None:
            self.inbox.put(unit)

    def action_cursor(self, step: int) -> None:
        """Move the line cursor."""
        table = self.query_one(SendLines)
        table.put_cursor(max(0, table.cursor_row + step))

    def action_remove(self) -> None:
        """Take the line under the cursor off the transfer."""
        row = self.query_one(SendLines).cursor_row
        if self.posted is None and 0 <= row < len(self.lines):
            self.lines = (*self.lines[:row], *self.lines[row + 1 :])
            self.show_lines(max(0, row - 1))

    def action_post(self) -> None:
        """Send the goods (in a worker; the screen never freezes)."""
        notice = self.query_one(Notice)
        if self.posted is not None or self.to is None or not self.lines or self.inbox.busy:
            self.app.bell()
            return
        note = self.query_one("#note", Input).value
        try:
            command = SendTransfer(self.to.code, tuple(line.item() for line in self.lines), note)
        except TillError as error:
            self.refuse(error)
            return
        notice.progress(_("Sending, please wait"))
        self.post_transfer(command)

    @work(thread=True, exclusive=True, exit_on_error=False, group="send-post")
    def post_transfer(self, command: SendTransfer) -> None:
        """Post the transfer for real."""
        try:
            posted = self.services.transfers.send(command)
        except TillError as error:
            self.post_message(RefusedMessage(error, "post"))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def sent(self, message: DocumentPosted) -> None:
        """The transfer is posted: show its number; the goods are on the way."""
        self.posted = message.posted
        assert self.to is not None
        text = _("Transfer {number} posted: the goods are on the way to {site}.")
        done = text.format(number=self.posted.number, site=self.to.label())
        self.query_one(Notice).say(done, "done")
        for field in self.query(Input):
            field.disabled = True
        self.show_lines()
        self.refresh_bindings()

    @on(RefusedMessage)
    def refused(self, message: RefusedMessage) -> None:
        """Show the refusal; the lines stay as they were."""
        self.query_one(Notice).say("")
        self.refuse(message.error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Posting, removing and choosing where end once the transfer is sent."""
        return not (action in ("post", "remove", "destination") and self.posted is not None)

    def action_back(self) -> None:
        """Back to the list of transfers (lines not sent are dropped)."""
        self.dismiss()
