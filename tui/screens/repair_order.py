"""One repair order: its status changes, parts and labour; change its status, add a part or
labour, give a replacement, hand the unit back, or write off the unit a replacement left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from bootstrap.services import Services
from core.commands import Payment
from core.domain.errors import InputError, TillError
from core.domain.money import parse_money
from core.domain.repairs import SET_BY_HAND, RepairStatus
from core.printing import JobKind, PrintJob
from core.repair_commands import (
    AddLabour,
    AddPart,
    ChangeStatus,
    HandBack,
    ReplaceUnit,
    WriteOffUnit,
)
from core.repair_views import HandedBack, OrderView
from core.results import Posted
from tui.dialogs.form import Answer, Field, FormDialog
from tui.i18n import N_, _, money
from tui.messages import Refused
from tui.repair_facts import facts_table, order_lines, order_rows
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

StepResult = OrderView | Posted | HandedBack
"""What a step on the order gives back."""


class RepairOrderScreen(TillScreen):
    """The order's header, history, parts and labour; one key per step."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "status", N_("Status")),
        Binding("f6", "part", N_("Part")),
        Binding("f7", "labour", N_("Labour")),
        Binding("f8", "replace", N_("Replace")),
        Binding("f9", "write_off", N_("Write off")),
        Binding("f10", "hand_back", N_("Hand back")),
        Binding("escape", "back", N_("Back")),
    ]

    class Done(Message):
        """A step was taken on the order."""

        def __init__(self, done: StepResult) -> None:
            super().__init__()
            self.done = done

    class Reloaded(Message):
        """The order read again after a step that closed it."""

        def __init__(self, view: OrderView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, services: Services, view: OrderView) -> None:
        super().__init__(services)
        self.view = view

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Repair order"), self.services)
        yield Static("", id="header", classes="service-facts", markup=False)
        yield Static("", id="history", classes="repair-history", markup=False)
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show(self.view)

    def show(self, view: OrderView) -> None:
        """Draw the order as it is now."""
        self.view = view
        self.query_one("#header", Static).update(facts_table(order_rows(view)))
        self.query_one("#history", Static).update("\n".join(order_lines(view)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A closed order takes no more steps, but the old unit of a replacement can be
        written off; a replacement only under warranty."""
        order = self.view.order
        if action == "back":
            return True
        if action == "write_off":
            return order.status is RepairStatus.REPLACED
        if not order.status.is_open:
            return False
        if action == "replace":
            return order.warranty
        if action == "hand_back":
            return order.status is not RepairStatus.AT_SUPPLIER
        return True

    def _form(self, title: str, fields: list[Field], then: Callable[[Answer], Any]) -> None:
        def answered(answer: Answer | None) -> None:
            if answer is not None:
                self.run(lambda: then(answer))

        self.app.push_screen(FormDialog(title, fields), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="repair-step")
    def run(self, step: Callable[[], StepResult]) -> None:
        """Take the step in the core; a refusal comes back as a message."""
        try:
            self.post_message(self.Done(step()))
        except TillError as error:
            self.post_message(Refused(error, "step"))

    def action_status(self) -> None:
        """Set the status: at_supplier, back_from_supplier, in_repair, ready, refused."""
        names = ", ".join(s.value for s in SET_BY_HAND)
        fields = [Field("status", _("Status"), note=names), Field("reason", _("Reason"))]
        self._form(
            _("Status of {order}").format(order=self.view.order.number), fields, self._status
        )

    def _status(self, answer: Answer) -> OrderView:
        text = answer["status"].strip().lower()
        if text not in {s.value for s in SET_BY_HAND}:
            raise InputError(
                _("The status is one of: {names}.").format(
                    names=", ".join(s.value for s in SET_BY_HAND)
                )
            )
        command = ChangeStatus(self.view.order.number, RepairStatus(text), answer["reason"] or None)
        return self.services.desk.change_status(command)

    def action_part(self) -> None:
        """A part from stock: its code and the SN of a tracked one."""
        fields = [
            Field("code", _("Product code")),
            Field("serial", _("Serial number")),
            Field("quantity", _("Quantity"), "1"),
        ]
        self._form(_("Part for {order}").format(order=self.view.order.number), fields, self._part)

    def _part(self, answer: Answer) -> OrderView:
        quantity = answer["quantity"].strip() or "1"
        if not quantity.isdigit():
            raise InputError(_("The quantity is a whole number."))
        command = AddPart(
            self.view.order.number, answer["code"], answer["serial"] or None, int(quantity)
        )
        return self.services.desk.add_part(command)

    def action_labour(self) -> None:
        """A labour line with its price."""
        fields = [Field("text", _("Labour")), Field("price", _("Price"))]
        self._form(
            _("Labour on {order}").format(order=self.view.order.number),
            fields,
            lambda a: self.services.desk.add_labour(
                AddLabour(self.view.order.number, a["text"], parse_money(a["price"]))
            ),
        )

    def action_replace(self) -> None:
        """Another unit from stock: its SN; a fresh warranty needs a reason."""
        fields = [
            Field("serial", _("New SN")),
            Field("product", _("Product code")),
            Field("fresh", _("Fresh warranty: reason")),
        ]
        self._form(
            _("Replace on {order}").format(order=self.view.order.number), fields, self._replace
        )

    def _replace(self, answer: Answer) -> Posted:
        reason = answer["fresh"].strip() or None
        command = ReplaceUnit(
            self.view.order.number,
            answer["serial"],
            answer["product"] or None,
            reason is not None,
            reason,
        )
        return self.services.desk.replace(command)

    def action_hand_back(self) -> None:
        """Give the unit back; a paid repair is paid now, cash or card."""
        total = self.view.charges.customer_total
        fields = [
            Field("payment", _("Payment"), "cash", note="cash / card"),
            Field("cash", _("Cash handed over")),
        ]
        title = _("Hand back {order}: {total} to pay").format(
            order=self.view.order.number, total=money(total)
        )
        self._form(title, fields if total else [], self._hand_back)

    def _hand_back(self, answer: Answer) -> HandedBack:
        payment = (answer.get("payment") or "cash").strip().lower()
        if payment not in {p.value for p in Payment}:
            raise InputError(_("The payment is cash or card."))
        cash = (answer.get("cash") or "").strip()
        command = HandBack(
            self.view.order.number, Payment(payment), parse_money(cash) if cash else None
        )
        return self.services.desk.hand_back(command)

    def action_write_off(self) -> None:
        """Write off the unit the replacement left in repair (a manager's action): a reason."""
        fields = [Field("reason", _("Reason"))]
        self._form(
            _("Write off the unit of {order}").format(order=self.view.order.number),
            fields,
            self._write_off,
        )

    def _write_off(self, answer: Answer) -> OrderView:
        command = WriteOffUnit(self.view.order.number, answer["reason"])
        return self.services.desk.write_off(command)

    @on(Done)
    def done(self, message: Done) -> None:
        """Show the order as it is now, and what was printed or paid."""
        done = message.done
        if isinstance(done, OrderView):
            self.show(done)
            self.query_one(Notice).say(_("Saved."), "done")
            return
        if isinstance(done, Posted):
            self._print_card(done)
            text = _("Replacement given on {number}: the warranty card prints.")
            self.query_one(Notice).say(text.format(number=done.number), "done")
        else:
            self._print([PrintJob(JobKind.REPAIR_SLIP, self._now(), document=done.order)])
            change = f"  {_('Change')}: {money(done.change)}" if done.change else ""
            self.query_one(Notice).say(
                _("Handed back on {number}.").format(number=done.document) + change, "done"
            )
        self.reload()

    def _now(self) -> datetime:
        return self.services.ctx.clock.now()

    def _print(self, jobs: list[PrintJob]) -> None:
        """Print through the app's queue when a printer is there."""
        app: Any = self.app
        if getattr(app, "printer", None) is not None and jobs:
            app.print_jobs(jobs)

    def _print_card(self, posted: Posted) -> None:
        now = self._now()
        jobs = [
            PrintJob(JobKind.WARRANTY_CARD, now, document=posted.number, serial=serial)
            for line in posted.lines
            for serial in line.serials
        ]
        self._print(jobs)

    @work(thread=True, exclusive=True, exit_on_error=False, group="repair-step")
    def reload(self) -> None:
        """Read the order again after a replacement or a hand-back."""
        self.post_message(self.Reloaded(self.services.desk.order(self.view.order.number)))

    @on(Reloaded)
    def reloaded(self, message: Reloaded) -> None:
        """Draw the order as the step left it."""
        self.show(message.view)

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show a refusal; nothing was written."""
        self.refuse(message.error)

    def action_back(self) -> None:
        """Back to the service desk."""
        self.dismiss(None)
