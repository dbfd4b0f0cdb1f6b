"""One unit's life on screen: product, state and warranty, then every movement in order."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from core.domain.kinds import event_word
from core.domain.units import state_name
from core.reports import HistoryEvent, SerialHistory
from tui.i18n import _, day, money
from tui.widgets.lines_table import LinesTable


def warranty_words(history: SerialHistory) -> str:
    """Days of warranty left, or when it expired, or none (a unit not sold has none running)."""
    if history.warranty_end is None:
        return _("not running")
    if history.warranty_active:
        return _("{days} days left (until {end})").format(
            days=history.days_left, end=day(history.warranty_end)
        )
    return _("expired on {end}").format(end=day(history.warranty_end))


def event_facts(event: HistoryEvent, *, site: bool = False) -> str:
    """Everything about one event in a line: who, where (the location too, when the unit has
    been at more than one), cost, price and what it changed."""
    parts = [event.till, event.operator, _("cost {amount}").format(amount=money(event.cost))]
    if site:
        parts.insert(0, event.site)
    if event.price is not None:
        parts.append(_("price {amount}").format(amount=money(event.price)))
    if event.detail:
        parts.append(event.detail)
    return " · ".join(parts)


class HistoryTable(LinesTable):
    """A unit's events: date, what happened, document, from or to whom, and the amount."""

    def show(self, events: tuple[HistoryEvent, ...]) -> None:
        """Show the events, oldest first, with the cursor on the latest."""
        self.redraw = lambda: self.show(events)
        columns = [
            ("date", _("Date")),
            ("event", _("Event")),
            ("doc", _("Document")),
            ("party", _("From / to")),
            ("amount", _("Amount")),
        ]
        widths = {"date": 10, "event": 16, "doc": 10, "amount": 10}
        self.set_columns(columns, widths, "party", right=("amount",))
        for event in events:
            amount = event.price if event.price is not None else event.cost
            self.add_row(
                day(event.on),
                event_word(event.kind),
                event.document,
                event.party or "-",
                Text(money(amount), justify="right"),
            )
        self.put_cursor(len(events) - 1)


class HistoryView(Vertical):
    """One product's unit with this serial number: header, events, and the chosen event's facts."""

    def __init__(self, history: SerialHistory) -> None:
        super().__init__(classes="history-view")
        self.history = history

    def compose(self) -> ComposeResult:
        history = self.history
        yield Static(
            f"{history.serial} · {history.name} ({history.sku})", classes="title", markup=False
        )
        state = _("State: {state}   Warranty: {warranty}").format(
            state=state_name(history.state), warranty=warranty_words(history)
        )
        if history.several_sites:
            state += "   " + _("Location: {site}").format(site=history.site)
        yield Static(state, classes="state", markup=False)
        yield HistoryTable()
        yield Static("", classes="facts", markup=False)

    def on_mount(self) -> None:
        self.query_one(HistoryTable).show(self.history.events)

    @on(DataTable.RowHighlighted)
    def chosen(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted event's till, cashier, cost, price and detail."""
        event.stop()
        if 0 <= event.cursor_row < len(self.history.events):
            facts = event_facts(
                self.history.events[event.cursor_row], site=self.history.several_sites
            )
            self.query_one(".facts", Static).update(facts)
