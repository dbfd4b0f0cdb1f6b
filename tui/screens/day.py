"""The day of this till: sales and refunds by payment, cash paid in and out, the cash the
drawer should hold; F8/F9 pay cash in or out, F10 closes the day and prints its Z summary.
In a shop of several locations Ctrl+W shows this location's tills together, then the shop's."""

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
from tui.screens.location_filter import LocationScreen
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

SCOPES = ("till", "site", "shop")
"""Whose day the screen shows, in the order Ctrl+W steps through them: this till's, this
location's tills together, the whole shop's."""


def summary_text(found: DaySummary, who: str = "") -> str:
    """The summary as the screen (and the X/Z report) lists it; ``who`` names the tills
    added together (a single till's summary names its till)."""
    state = (
        _("closed by {operator}").format(operator=found.closed_by) if found.closed else _("open")
    )
    lines = [
        _("{day}, {till}: {state}").format(day=day(found.day), till=who or found.till, state=state)
    ]
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


class DayScreen(LocationScreen):
    """This till's day as it stands (or its location's, or the shop's), and the keys that
    cash up."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "pay('in')", N_("Pay in")),
        Binding("f9", "pay('out')", N_("Pay out")),
        Binding("f10", "close_day", N_("Close day")),
        Binding("ctrl+w", "scope", N_("Whose day"), key_display="Ctrl+W"),
    ]
    FOOTER_SPARE_KEYS: ClassVar[tuple[str, ...]] = ("f3", "f2")
    """Left out of the footer when Ctrl+W (a shop of several locations) leaves no room."""

    class Loaded(Message):
        """The day as it stands now, whose tills it adds up, and what was just done."""

        def __init__(self, found: DaySummary, said: str = "", who: str = "") -> None:
            super().__init__()
            self.found, self.said, self.who = found, said, who

    scope = "till"
    """Whose day is shown: one of ``SCOPES``."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Day"), self.services)
        yield BackOfficeTabs("day")
        with VerticalScroll(id="day"):
            yield Static("", id="day-summary", classes="day-summary", markup=False)
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_day()

    def show_day(self) -> None:
        """Read the day of the tills the scope names."""
        office, scope, site = self.services.office, self.scope, self.services.ctx.site
        who = self.scope_words()
        here = site if scope == "site" else None
        self.run(lambda: self.Loaded(office.day(shop=scope == "shop", site=here), who=who))

    def scope_words(self) -> str:
        """The tills added together, in words (empty for this till alone)."""
        if self.scope == "shop":
            return _("the whole shop")
        if self.scope == "site":
            here = next((s for s in self.sites if s.code == self.services.ctx.site), None)
            label = here.label() if here is not None else self.services.ctx.site
            return _("every till at {location}").format(location=label)
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whose day to show is a choice in a shop of several locations only."""
        return action != "scope" or self.several_sites

    def show_locations(self) -> None:
        self.refresh_bindings()

    def action_scope(self) -> None:
        """This till's day, then this location's tills together, then the whole shop's."""
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.show_day()

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
        summary = summary_text(message.found, message.who)
        self.query_one("#day-summary", Static).update(summary)
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
            said, self.scope = _("Cash recorded."), "till"
            self.run(lambda: self.Loaded(self.services.office.move_cash(command), said))

    def action_close_day(self) -> None:
        """Close the day after a yes: its summary is stored and printed."""
        question = _("Close the day? Its summary will not change afterwards.")
        self.app.push_screen(ConfirmDialog(_("Close day"), (), question=question), self._answered)

    def _answered(self, yes: bool | None) -> None:
        if yes:
            said, self.scope = _("The day is closed."), "till"
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
