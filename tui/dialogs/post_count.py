"""Posting a count: what is written off and taken in, and the unit cost of goods taken in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from core.domain.errors import InputError
from core.domain.money import parse_money
from core.views import ProductCount, SheetView
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.widgets.notice import Notice

Entry = tuple[ProductCount, str | None, int]
"""A product, the SN (None for goods counted by quantity) and how many units."""


@dataclass(frozen=True)
class Settlement:
    """What posting a sheet writes off and takes in, as the manager confirms it."""

    write_off: tuple[Entry, ...]
    """Each missing SN, and each product counted by quantity that is short."""
    take_in: tuple[Entry, ...]
    """Each surplus SN, and each product counted by quantity that is over."""
    costs_asked: tuple[ProductCount, ...]
    """Goods counted by quantity that are over: their unit cost must be confirmed."""

    def units(self, entries: tuple[Entry, ...]) -> int:
        """How many units the entries move."""
        return sum(quantity for _line, _serial, quantity in entries)


def settlement(sheet: SheetView) -> Settlement:
    """The write-offs and take-ins that posting the sheet would make."""
    out: list[Entry] = []
    into: list[Entry] = []
    asked: list[ProductCount] = []
    for line in sheet.products:
        out.extend((line, serial, 1) for serial in line.shortage)
        into.extend((line, serial, 1) for serial in line.surplus)
        difference = line.balance.quantity_difference if line.tracking == "none" else 0
        if difference < 0:
            out.append((line, None, -difference))
        elif difference > 0:
            into.append((line, None, difference))
            asked.append(line)
    return Settlement(tuple(out), tuple(into), tuple(asked))


def shown(entry: Entry) -> str:
    """An entry as the list shows it: the SN, or ``x3`` for goods counted by quantity."""
    _line, serial, quantity = entry
    return serial if serial is not None else f"x{quantity}"


def settlement_table(settlement: Settlement) -> Table:
    """What goes out of stock and what comes in, a line per SN or per quantity."""
    sections = ((_("Write off"), settlement.write_off), (_("Take in"), settlement.take_in))
    widest = max((len(shown(e)) for _label, entries in sections for e in entries), default=1)
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(no_wrap=True, min_width=widest)
    table.add_column(no_wrap=True, overflow="ellipsis")
    for label, entries in sections:
        for entry in entries:
            line = entry[0]
            table.add_row(label, Text(shown(entry)), Text(f"{line.name} ({line.sku})"))
            label = ""
        if not entries:
            table.add_row(label, "-", "")
    return table


class PostCountDialog(Dialog[dict[str, int] | None]):
    """Answers the confirmed unit costs by SKU (empty when none are asked), or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10,enter", "post", N_("Post")),
        Binding("escape", "cancel", N_("Back")),
    ]

    def __init__(self, sheet: SheetView) -> None:
        super().__init__(classes="post-count-dialog")
        self.sheet = sheet
        self.settlement = settlement(sheet)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Post count {number}").format(number=self.sheet.number)
            units = _("Units to write off: {out}   to take in: {into}").format(
                out=self.settlement.units(self.settlement.write_off),
                into=self.settlement.units(self.settlement.take_in),
            )
            yield Static(units, classes="summary", markup=False)
            with VerticalScroll(classes="settlement"):
                yield Static(settlement_table(self.settlement))
            for index, line in enumerate(self.settlement.costs_asked):
                yield from self._cost_row(index, line)
            if self.sheet.unknown:
                unknown = _("Unknown scans: {count}. They name no product and are not taken in.")
                yield Static(unknown.format(count=len(self.sheet.unknown)), classes="warning")
            yield Notice(id="said")
            yield Static(_("Post the count? It cannot change afterwards."), classes="question")
            yield Static(_("F10 or Enter: post   Esc: back"), classes="keys")

    def _cost_row(self, index: int, line: ProductCount) -> ComposeResult:
        with Horizontal(classes="form-row"):
            label = _("Unit cost of {sku}").format(sku=line.sku)
            yield Static(label, classes="form-label", markup=False)
            yield Input(id=f"cost-{index}", classes="compact-field")

    def on_mount(self) -> None:
        fields = list(self.query(Input))
        if fields:
            fields[0].focus()

    @on(Input.Submitted)
    def walk(self, event: Input.Submitted) -> None:
        """Enter goes to the next cost; on the last one it posts."""
        event.stop()
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.action_post()

    def action_post(self) -> None:
        """Answer the costs, once each one asked reads as an amount."""
        costs = {}
        try:
            for index, line in enumerate(self.settlement.costs_asked):
                text = self.query_one(f"#cost-{index}", Input).value
                if not text.strip():
                    raise InputError(_("Type the unit cost of {sku}.").format(sku=line.sku))
                costs[line.sku] = parse_money(text)
        except InputError as error:
            self.query_one(Notice).say(error.message, "error")
            self.app.bell()
            return
        self.dismiss(costs)

    def action_cancel(self) -> None:
        """Back to the count; nothing is posted."""
        self.dismiss(None)
