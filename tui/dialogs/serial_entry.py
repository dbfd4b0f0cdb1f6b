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

from core.drafts.entry import Scan
from core.drafts.goods_in import (
    Accepted,
    Ignored,
    LineFull,
    LineSerials,
    SerialStep,
    UnitClosed,
)
from core.drafts.steps import Refused
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.inbox import Inbox
from tui.widgets.notice import Notice


class SerialEntry(Dialog[tuple[str, ...] | None]):
    """Collects exactly the line's quantity of serial numbers; answers them on Enter or Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "finish", N_("Done")),
        Binding("f8", "remove", N_("Remove SN")),
    ]

    class Stepped(Message):
        """The line's draft answered a serial number."""

        def __init__(self, step: SerialStep) -> None:
            super().__init__()
            self.step = step

    def __init__(self, entry: LineSerials) -> None:
        super().__init__(classes="serial-entry")
        self.entry = entry
        self.line = entry.line
        self.serials = entry.serials
        """The line's serial numbers so far (the draft's own list)."""
        self.inbox: Inbox[Scan] = Inbox(self.check)

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
        return f"{position + 1:>4}  {serial.replace('|', ' | ')}"

    def _show_count(self) -> None:
        count, quantity = len(self.serials), self.line.quantity
        text = _("{count} of {quantity}").format(count=count, quantity=quantity)
        if count == quantity:
            text += "  " + _("complete: press Enter")
        elif self.entry.asking:
            text += "  " + _("scan {identifier} of unit {number}").format(
                identifier=self.entry.asking, number=count + 1
            )
        self.query_one("#count", Static).update(text)
        self.query_one("#count", Static).set_class(count == quantity, "-complete")

    @on(Input.Submitted, "#scan")
    def entered(self, event: Input.Submitted) -> None:
        """A typed serial number goes to the line's draft."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """Queue a serial number for its check; an empty one finishes."""
        if not scan.text and not self.entry.unit:
            if not self.inbox.busy:
                self.action_finish()
        else:
            self.inbox.put(scan)
        return True

    def check(self, scan: Scan) -> None:
        """Check a serial number now, unless the line is already complete."""
        if self.entry.complete:
            self.stepped(self.Stepped(self.entry.decide(scan)))
            self.inbox.done()
        else:
            self.rehearse(scan)

    @work(thread=True, exclusive=True, exit_on_error=False, group="serial-check")
    def rehearse(self, scan: Scan) -> None:
        """Rehearse the receipt of the line with this serial number after the others."""
        self.post_message(self.Stepped(self.entry.decide(scan)))

    @on(Stepped)
    def stepped(self, message: Stepped) -> None:
        """Show what the draft answered: accepted, the line full, or a refusal."""
        step = self.entry.apply(message.step)
        if isinstance(step, Accepted):
            self.accepted(step)
        elif isinstance(step, LineFull):
            self._refuse(step.message)
        elif isinstance(step, Refused):
            self._refuse(f"{step.error.title}: {step.error.message}")
            self.inbox.drop_waiting()
        elif isinstance(step, Ignored):
            self.query_one(Notice).say(
                _("{code} is already on this unit: scan the next label.").format(code=step.code)
            )
        elif isinstance(step, UnitClosed):
            self._show_units()
            self.query_one(Notice).say(_("Unit complete: {unit}").format(unit=step.unit))

    def _show_units(self) -> None:
        """Redraw the units of a line whose units carry several identifiers."""
        serials = self.query_one("#serials", OptionList)
        serials.clear_options()
        units = self.entry.finished()
        serials.add_options([self._entry(i, s) for i, s in enumerate(units)])
        if units:
            serials.highlighted = len(units) - 1
        self._show_count()

    def accepted(self, step: Accepted) -> None:
        """Show the serial number the line took."""
        if self.line.identifiers:
            self._show_units()
            self.query_one(Notice).say(_("Accepted: {serial}").format(serial=step.serial))
            return
        serials = self.query_one("#serials", OptionList)
        serials.add_option(self._entry(len(self.serials) - 1, step.serial))
        serials.highlighted = len(self.serials) - 1
        notice = self.query_one(Notice)
        if step.warnings:
            notice.say("! " + " ".join(step.warnings), "warning")
        else:
            notice.say(_("Accepted: {serial}").format(serial=step.serial))
        self._show_count()

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
        removed = self.entry.remove(serials.highlighted)
        serials.clear_options()
        serials.add_options([self._entry(i, s) for i, s in enumerate(self.entry.finished())])
        self.query_one(Notice).say(_("Removed: {serial}").format(serial=removed))
        self._show_count()

    def action_finish(self) -> None:
        """Answer the serial numbers entered so far."""
        self.dismiss(self.entry.finished())
