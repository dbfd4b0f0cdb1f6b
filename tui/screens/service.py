"""The service desk: scan a unit's SN and see at once whether the shop sold it, its warranty
and its repairs so far; take it in for repair; scan a repair slip to open its order."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.domain.money import parse_money
from core.domain.repairs import Offer
from core.drafts.entry import Scan
from core.printing import JobKind, PrintJob
from core.repair_commands import AcceptRepair
from core.repair_views import IntakeFacts, OrderView, RepairAccepted
from tui.dialogs.form import Answer, Field, FormDialog
from tui.i18n import N_, _
from tui.messages import Refused
from tui.repair_facts import facts_table, intake_rows
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

ORDER_NUMBER = re.compile(r"RP-\d{6}", re.IGNORECASE)
"""A repair slip's barcode: the order's number."""

IDLE = N_(
    "Scan the serial number of the unit brought in: whether the shop sold it, its warranty "
    "and its repairs show at once. Scan a repair slip to open its order."
)


class ServiceScreen(TillScreen):
    """Facts of a scanned unit, the intake form on F10, open orders and reports on F9."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "accept", N_("Accept for repair")),
        Binding("f9", "orders", N_("Orders")),
    ]

    class Answered(Message):
        """The core's answer to a scan: a unit's facts, an order, or an order just taken."""

        def __init__(self, found: IntakeFacts | OrderView | RepairAccepted) -> None:
            super().__init__()
            self.found = found

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.facts: IntakeFacts | None = None
        """The unit on screen, if any."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Service"), self.services)
        yield Static(_(IDLE), id="facts", classes="service-facts", markup=False)
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan the SN, or a repair slip"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#scan", Input).focus()

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A typed SN or order number."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """An order's number opens the order; anything else is looked up as a unit's SN."""
        text = scan.text.strip()
        if ORDER_NUMBER.fullmatch(text):
            self.ask(lambda: self.services.desk.order(text))
        elif text:
            self.ask(lambda: self.services.desk.facts(text))
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="service-ask")
    def ask(self, question: Callable[[], IntakeFacts | OrderView | RepairAccepted]) -> None:
        """Ask the service desk; a refusal comes back as a message."""
        try:
            self.post_message(self.Answered(question()))
        except TillError as error:
            self.post_message(Refused(error, "look"))

    @on(Answered)
    def answered(self, message: Answered) -> None:
        """Show a unit's facts, open an order, or say an order was taken."""
        found = message.found
        if isinstance(found, IntakeFacts):
            self.show_facts(found)
        elif isinstance(found, OrderView):
            self.open_order(found)
        else:
            self.taken(found)

    def show_facts(self, facts: IntakeFacts) -> None:
        """The unit's facts at once, before anything is typed."""
        self.facts = facts
        self.query_one("#facts", Static).update(facts_table(intake_rows(facts)))
        notice = self.query_one(Notice)
        if facts.open_order:
            notice.say(
                _("In repair on {order}: scan its slip or type the number.").format(
                    order=facts.open_order
                ),
                "warning",
            )
        elif facts.state == "in_stock":
            notice.say(
                _("The shop's own unit: write it off or return it to the supplier."), "warning"
            )
        else:
            notice.say(_("F10: take it in for repair."))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Taking in applies to a unit a customer can bring."""
        if action != "accept":
            return True
        facts = self.facts
        wanted = (Offer.WARRANTY_SERVICE, Offer.PAID_REPAIR)
        return facts is not None and any(offer in facts.offers for offer in wanted)

    def action_accept(self, paid: bool = False) -> None:
        """The intake form: complaint, customer, what came with it, condition."""
        facts = self.facts
        if facts is None:
            return
        fields = [
            Field("complaint", _("Complaint")),
            Field("customer", _("Customer"), facts.customer or ""),
            Field("phone", _("Phone"), facts.phone or ""),
            Field("with", _("With"), placeholder=_("box, charger, cable…")),
            Field("condition", _("Condition")),
            Field("estimate", _("Estimate")),
        ]
        # The manager's override of the ledger's decision: its reason is the switch.
        if facts.warranty_active or not facts.sold_by_us:
            fields.append(Field("paid", _("Paid: reason"), note=_("only to override the warranty")))
        else:
            fields.append(
                Field(
                    "warranty",
                    _("Warranty: reason"),
                    note=_("only to take a paid repair under warranty"),
                )
            )
        if not facts.known:
            fields.insert(1, Field("device", _("Device")))
        title = _("Take in {serial}").format(serial=facts.serial)
        dialog = FormDialog(title, fields, check=_intake_problem)
        self.app.push_screen(dialog, lambda answer: self._intake(facts, answer))

    def _intake(self, facts: IntakeFacts, answer: Answer | None) -> None:
        if answer is None:
            return
        paid = answer.get("paid", "").strip() or None
        warranty = answer.get("warranty", "").strip() or None
        reason = paid or warranty
        command = AcceptRepair(
            serial=facts.serial,
            complaint=answer["complaint"],
            customer=answer["customer"] or None,
            phone=answer["phone"] or None,
            accessories=answer["with"] or None,
            condition=answer["condition"] or None,
            device=answer.get("device") or None,
            estimate=parse_money(answer["estimate"]) if answer["estimate"].strip() else None,
            paid=bool(paid) and facts.warranty_active,
            warranty=bool(warranty),
            reason=reason,
        )
        self.ask(lambda: self.services.desk.accept(command))

    def taken(self, done: RepairAccepted) -> None:
        """Say the order's number and print the customer's slip."""
        kind = _("warranty") if done.warranty else _("paid")
        text = _("Order {order} taken ({kind}): give the customer the slip.").format(
            order=done.order, kind=kind
        )
        self.query_one(Notice).say(text, "done")
        self.facts = None
        self.query_one("#facts", Static).update(_(IDLE))
        self.refresh_bindings()
        app: Any = self.app
        if getattr(app, "printer", None) is not None:
            now = self.services.ctx.clock.now()
            app.print_jobs([PrintJob(JobKind.REPAIR_SLIP, now, document=done.order)])

    def open_order(self, view: OrderView) -> None:
        """The order's own screen."""
        from tui.screens.repair_order import RepairOrderScreen

        self.app.push_screen(RepairOrderScreen(self.services, view))

    def action_orders(self) -> None:
        """Open orders and the repair reports."""
        from tui.screens.repair_reports import RepairReportsScreen

        self.app.push_screen(RepairReportsScreen(self.services))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show a refusal; nothing was written."""
        self.refuse(message.error)


def _intake_problem(answer: Answer) -> str | None:
    """What is missing from an intake form."""
    if not answer["complaint"].strip():
        return _("Write the customer's complaint.")
    if "device" in answer and not answer["device"].strip():
        return _("Describe the device: the shop never sold it.")
    if answer["estimate"].strip():
        try:
            parse_money(answer["estimate"])
        except TillError as error:
            return error.message
    return None
