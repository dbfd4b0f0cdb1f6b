"""The day of this till: sales and refunds by payment, cash paid in and out, the cash the
drawer should hold; F8/F9 pay cash in or out, F10 closes the day and prints its Z summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from core.commands import MoveCash
from core.domain.day_summary import CashDirection, DaySummary
from core.domain.errors import TillError
from core.domain.money import parse_money
from tui.app_printing import PrintingMixin
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import Answer, Field, FormDialog
from tui.document_words import kind_word, payment_word
from tui.i18n import N_, _, day, money
from tui.messages import Refused
from tui.screens.back_office import BackOfficeScreen
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar


def summary_text(found: DaySummary) -> str:
    """The summary as the screen (and the X/Z report) lists it."""
    state = (
        _("closed by {operator}").format(operator=found.closed_by) if found.closed else _("open")
    )
    lines = [_("{day}, {till}: {state}").format(day=day(found.day), till=found.till, state=state)]
    for method in sorted({*found.sales, *found.refunds}):
        lines.append(
            _("{method}: sales {sales}, refunds {refunds}").format(
                method=payment_word(method),
                sales=money(found.sales.get(method, 0)),
                refunds=money(found.refunds.get(method, 0)),
            )
        )
    counts = ", ".join(f"{kind_word(kind)} {n}" for kind, n in found.documents.items())
    lines.append(_("Documents: {counts}").format(counts=counts or "-"))
    lines += [
        _("Price changed: {document} {sku} {old} → {new} by {operator}").format(
            document=o.document,
            sku=o.sku,
            old=money(o.list_price),
            new=money(o.sold_price),
            operator=o.operator,
        )
        for o in found.overrides
    ]
    lines += [
        f"{e.at:%H:%M} {'+' if e.direction is CashDirection.IN else '-'}{money(e.amount)} "
        f"{e.reason} ({e.operator})"
        for e in found.cash
    ]
    lines.append(
        _("Paid in {paid_in}, paid out {paid_out}. Cash in the drawer: {cash}").format(
            paid_in=money(found.paid_in),
            paid_out=money(found.paid_out),
            cash=money(found.cash_expected),
        )
    )
    return "\n".join(lines)


class DayScreen(BackOfficeScreen):
    """This till's day as it stands, and the keys that cash up."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "pay('in')", N_("Pay in")),
        Binding("f9", "pay('out')", N_("Pay out")),
        Binding("f10", "close_day", N_("Close day")),
    ]

    class Loaded(Message):
        """The day as it stands now, and what was just done."""

        def __init__(self, found: DaySummary, said: str = "") -> None:
            super().__init__()
            self.found, self.said = found, said

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Day"), self.services)
        yield BackOfficeTabs("day")
        with VerticalScroll(id="day"):
            yield Static("", id="day-summary", classes="day-summary", markup=False)
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.run(lambda: self.Loaded(self.services.office.day()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="day")
    def run(self, ask: Callable[[], Loaded]) -> None:
        """Read or change the day in a worker."""
        try:
            self.post_message(ask())
        except TillError as error:
            self.post_message(Refused(error))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the day; print its summary once it is closed."""
        self.query_one("#day-summary", Static).update(summary_text(message.found))
        if message.said:
            self.query_one(Notice).say(message.said, "done")
        if message.found.closed and message.said:
            app = self.app
            assert isinstance(app, PrintingMixin)
            if app.printer is not None:
                app.print_jobs([self.services.office.queue_day_summary(message.found)])

    def action_pay(self, way: str) -> None:
        """Ask for the amount and the reason of cash paid in or out."""
        fields = [Field("amount", _("Amount")), Field("reason", _("Reason"))]
        title = _("Pay cash in") if way == "in" else _("Pay cash out")
        direction = CashDirection.IN if way == "in" else CashDirection.OUT
        self.app.push_screen(
            FormDialog(title, fields, check=lambda a: _problem(direction, a)),
            lambda answer: self._paid(direction, answer),
        )

    def _paid(self, direction: CashDirection, answer: Answer | None) -> None:
        if answer is not None:
            command = _command(direction, answer)
            said = _("Cash recorded.")
            self.run(lambda: self.Loaded(self.services.office.move_cash(command), said))

    def action_close_day(self) -> None:
        """Close the day after a yes: its summary is stored and printed."""
        question = _("Close the day? Its summary will not change afterwards.")
        self.app.push_screen(ConfirmDialog(_("Close day"), (), question=question), self._answered)

    def _answered(self, yes: bool | None) -> None:
        if yes:
            said = _("The day is closed.")
            self.run(lambda: self.Loaded(self.services.office.close_day(), said))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused; nothing changed."""
        self.refuse(message.error)


def _command(direction: CashDirection, answer: Answer) -> MoveCash:
    return MoveCash(direction, parse_money(answer["amount"] or "0"), answer["reason"])


def _problem(direction: CashDirection, answer: Answer) -> str | None:
    """What is wrong with the typed amount or reason, or None."""
    try:
        _command(direction, answer)
    except TillError as error:
        return error.message
    return None
