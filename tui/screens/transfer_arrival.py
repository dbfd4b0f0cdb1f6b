"""Taking in a transfer that arrived here: scan what came and see, live, what arrived, what is
missing and what is not on it; posting asks what became of anything missing."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from bootstrap.transfers import Arrival
from core.commands import ReceiveTransfer
from core.domain.errors import TillError
from core.domain.transfers import ArrivalCheck, Missing, TransferSummary
from core.drafts.entry import Scan, parse_quantity
from core.results import Posted
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.entry import EntryDialog
from tui.i18n import N_, _, day
from tui.messages import DocumentPosted
from tui.messages import Refused as RefusedMessage
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar
from tui.widgets.transfer_tables import ArrivalLines


class ArrivalScreen(TillScreen):
    """The scans of one transfer compared after each scan; F10 takes in what arrived."""

    FOOTER_SPARE_KEYS: ClassVar[tuple[str, ...]] = ("f3", "f1")
    """The mode keys are left out of a full footer before the screen's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f7", "count", N_("Quantity")),
        Binding("f8", "remove", N_("Remove")),
        Binding("f10", "post", N_("Post")),
        Binding("escape", "back", N_("Back")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    class Compared(Message):
        """The scans as the core compared them."""

        def __init__(self, codes: tuple[str, ...], arrival: Arrival) -> None:
            super().__init__()
            self.codes = codes
            self.arrival = arrival

    def __init__(self, services: Services, transfer: TransferSummary) -> None:
        super().__init__(services)
        self.transfer = transfer
        self.codes: tuple[str, ...] = ()
        """Every code scanned, in order."""
        self.typed: dict[str, int] = {}
        """Counts typed with F7, by SKU: they replace the product's barcode scans."""
        self.arrival: Arrival | None = None
        """The last comparison of ``codes``; None until the first is in."""
        self.posted: Posted | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Transfer arrival"), self.services)
        yield Static("", id="transfer", classes="totals", markup=False)
        yield ArrivalLines(id="lines")
        yield Static("", id="summary", classes="totals", markup=False)
        yield Notice(id="notice")
        yield Input(placeholder=_("scan the SN of each unit that came"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        t = self.transfer
        header = _("{number} of {on}: {site} -> {to}, {left} on the way")
        self.query_one("#transfer", Static).update(
            header.format(number=t.number, on=day(t.on), site=t.site, to=t.to_site, left=t.left)
        )
        self.query_one("#scan", Input).focus()
        self.compare()

    def compare(self) -> None:
        """Compare the scans as they are now with what is on the way."""
        self.compare_scans(self.codes, dict(self.typed))

    @work(thread=True, exclusive=True, exit_on_error=False, group="arrival-check")
    def compare_scans(self, codes: tuple[str, ...], typed: dict[str, int]) -> None:
        """Ask the core (reads only) how the scans compare."""
        try:
            arrival = self.services.transfers.arrival(self.transfer.number, codes, typed)
        except TillError as error:
            self.post_message(RefusedMessage(error, "check"))
        else:
            self.post_message(self.Compared(codes, arrival))

    @on(Compared)
    def compared(self, message: Compared) -> None:
        """Show the groups (a comparison of scans since superseded is dropped)."""
        if message.codes != self.codes or self.posted is not None:
            return
        self.arrival = message.arrival
        self.show_groups()

    def show_groups(self, cursor: int | None = None) -> None:
        """Show arrived, missing and extra, and how many of each."""
        if self.arrival is None:
            return
        check = self.arrival.check
        table = self.query_one(ArrivalLines)
        table.show(check, table.cursor_row if cursor is None else cursor)
        extra = len(check.extra) + sum(n for _sku, n in check.extra_quantities)
        summary = _("Arrived {arrived} · Missing {missing} · Extra {extra}").format(
            arrived=sum(i.quantity for i in check.arrived),
            missing=sum(i.quantity for i in check.missing),
            extra=extra,
        )
        if self.posted is not None:
            summary += "   " + _("Taken in as {number}").format(number=self.posted.number)
        self.query_one("#summary", Static).update(summary)
        if extra and self.posted is None:
            hint = _("Not on this transfer: set it aside and take it off the list with F8.")
            self.query_one(Notice).say(hint, "error")

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A code typed into the scan field."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """Each scan goes on the list and the whole list is compared again."""
        if self.posted is not None:
            self.app.bell()
        elif scan.text:
            self.codes = (*self.codes, scan.text)
            self.query_one(Notice).say(_("Scanned: {code}").format(code=scan.text))
            self.compare()
        return True

    def action_cursor(self, step: int) -> None:
        """Move the row cursor."""
        table = self.query_one(ArrivalLines)
        table.put_cursor(max(0, table.cursor_row + step))

    def action_remove(self) -> None:
        """Take the scan under the cursor off the list (a product's counted goods all)."""
        row = self.query_one(ArrivalLines).current()
        if row is None or self.arrival is None or row.group == "missing":
            self.app.bell()
            return
        barcodes = self.arrival.barcodes
        if row.code is not None:
            self.codes = tuple(code for code in self.codes if code != row.code)
        elif row.sku is not None:
            self.codes = tuple(code for code in self.codes if barcodes.get(code) != row.sku)
            self.typed.pop(row.sku, None)
        self.query_one(Notice).say("")
        self.compare()

    def action_count(self) -> None:
        """Type how many came of the goods without serial numbers under the cursor."""
        row = self.query_one(ArrivalLines).current()
        if row is None or row.code is not None or row.sku is None or self.posted is not None:
            self.app.bell()
            return
        ask = EntryDialog(_("Counted"), _("How many of {sku} came?").format(sku=row.sku))
        self.app.push_screen(ask, partial(self._counted, row.sku))

    def _counted(self, sku: str, typed: str | None) -> None:
        if typed is None:
            return
        try:
            self.typed[sku] = parse_quantity(typed) if typed.strip() != "0" else 0
        except TillError as error:
            self.refuse(error)
            return
        self.compare()

    def action_post(self) -> None:
        """Take in what arrived; when something is missing, ask what became of it first."""
        arrival = self.arrival
        if arrival is None or self.posted is not None or self.query_one(Notice).busy:
            self.app.bell()
            return
        check = arrival.check
        if check.missing and not (check.extra or check.extra_quantities):
            self.app.push_screen(missing_dialog(check), self._post_with)
        else:
            self._post_with(Missing.ASK.value)

    def _post_with(self, missing: str | None) -> None:
        if missing is None or self.arrival is None:
            return
        command = self.arrival.command
        self.query_one(Notice).progress(_("Taking in, please wait"))
        self.post_arrival(replace(command, missing=missing))

    @work(thread=True, exclusive=True, exit_on_error=False, group="arrival-post")
    def post_arrival(self, command: ReceiveTransfer) -> None:
        """Post the arrival for real."""
        try:
            posted = self.services.transfers.receive(command)
        except TillError as error:
            self.post_message(RefusedMessage(error, "post"))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def received(self, message: DocumentPosted) -> None:
        """The arrival is posted: show its number."""
        self.posted = message.posted
        text = _("Arrival {number} posted.").format(number=self.posted.number)
        self.query_one(Notice).say(text, "done")
        self.query_one("#scan", Input).disabled = True
        self.show_groups()
        self.refresh_bindings()

    @on(RefusedMessage)
    def refused(self, message: RefusedMessage) -> None:
        """Show the refusal, changing nothing; a transfer this till cannot take in closes."""
        self.query_one(Notice).say("")
        if self.arrival is None:
            self.dismiss()
        self.refuse(message.error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Counting, removing and posting end once the arrival is posted."""
        return not (action in ("post", "remove", "count") and self.posted is not None)

    def action_back(self) -> None:
        """Back to the list of transfers (scans not taken in are dropped)."""
        self.dismiss()


def missing_dialog(check: ArrivalCheck) -> ChoiceDialog:
    """Asks what became of what was sent and not scanned: on its way still, or lost."""
    answers = [
        (Missing.LATER.value, _("It arrives later: the transfer stays open")),
        (Missing.LOST.value, _("Lost in transit: write it off")),
    ]
    question = _("{count} sent were not scanned. What became of them?").format(
        count=sum(i.quantity for i in check.missing)
    )
    return ChoiceDialog(_("Missing goods"), question, answers)
