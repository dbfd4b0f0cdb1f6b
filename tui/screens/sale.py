"""The sale screen: scan products and serial numbers, edit lines, take payment, post the sale."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ContentSwitcher, Input
from textual.worker import Worker, WorkerState

from core.domain.errors import TillError
from core.drafts.cart import Cart
from core.drafts.entry import Scan
from tui.i18n import N_, _
from tui.inbox import Inbox
from tui.messages import DocumentPosted
from tui.messages import Refused as RefusedMessage
from tui.screens.sale_editing import Edit, Removal
from tui.screens.sale_keeping import SaleKeeping
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Kind, Notice
from tui.widgets.sale_done import SaleDone
from tui.widgets.sale_lines import SaleLines
from tui.widgets.status_bar import StatusBar
from tui.widgets.totals import Totals

if TYPE_CHECKING:
    from bootstrap.services import Services
    from core.drafts.kit_sale import KitSerial
    from core.drafts.sale import Added, SaleStep
    from core.results import Posted
    from core.views import UnitSummary
    from tui.dialogs.kit_prompt import KitPrompt
    from tui.dialogs.payment import PaymentChoice
    from tui.dialogs.serial_prompt import SerialPrompt
    from tui.screens.sale_editing import Entry

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
"""Worker states after which the next scan may be checked."""

HINTS = {
    "serial": N_(
        "Check the SN on the unit's label and scan it again; Esc in the SN window skips it."
    ),
    "code": N_("Check the code and scan it again; for a unit, scan the product barcode first."),
    "pay": N_("The sale is kept as it was: correct it and take payment again."),
}


class SaleScreen(SaleKeeping):
    """Rings up a sale; every scan is checked by the core before its line appears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f10", "pay", N_("Pay")),
        Binding("f9", "price_check", N_("Price check"), show=False),
    ]

    class Stepped(Message):
        """The core answered a scan or an edit."""

        def __init__(self, step: SaleStep) -> None:
            super().__init__()
            self.step = step

    def __init__(self, services: Services, on_sale: Callable[[Posted], None]) -> None:
        super().__init__(services)
        self.on_sale = on_sale
        """Called with every posted sale (the app shows it and prints)."""
        self.draft = None
        self.early = Cart(loop=services.config.sale.loop_scan)
        self.inbox: Inbox[Entry] = Inbox(self._start)
        self.inbox.busy = True
        """Scans wait until the ledger is open (right after the first paint)."""
        self.prompt: SerialPrompt | None = None
        self.kit_prompt: KitPrompt | None = None
        self.choosing = False
        """True while the cashier picks among units with the same serial number."""
        self.checking_price = False
        """True after F9: the next scan is looked up, not sold."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Sale"), self.services)
        with ContentSwitcher(initial="idle", id="work"):
            yield SaleDone(id="idle")
            yield SaleLines(id="lines")
        yield Totals()
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan a barcode, SKU or serial number"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_cart()
        self.query_one("#scan", Input).focus()
        self.call_after_refresh(self.open_ledger)

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A code typed into the scan field."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """A scanner's code goes to the sale as it came, never through the field (after F9,
        to the price check instead)."""
        if self.checking_price:
            from tui.dialogs.price_check import PriceCheckDialog

            self.checking_price = False
            self.say("")
            self.app.push_screen(PriceCheckDialog(self.services, scan.code))
        else:
            self.inbox.put(scan)
        return True

    def action_price_check(self) -> None:
        """F9: the next scan shows the item's price and stock and leaves the sale as it is."""
        self.checking_price = True
        self.say(_("Price check: scan the item (it is not added to the sale)."))

    def entered(self, scan: Scan | None) -> None:
        """A code from the serial-number prompt; None when the cashier is done."""
        self.inbox.put(scan)

    def _start(self, entry: Entry) -> None:
        from core.views import UnitSummary

        draft = self.draft
        assert draft is not None, "scans wait in the inbox until the draft is there"
        if isinstance(entry, Edit):
            self.check(lambda: draft.edit(entry.change))
        elif isinstance(entry, Removal):
            self.check(lambda: draft.remove(entry.row))
        elif isinstance(entry, UnitSummary):
            self.check(lambda: draft.pick(entry))
        elif entry is None:
            self.apply(draft.decide(None))
            self.inbox.done()
        else:
            self.check(lambda: draft.decide(entry))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-check")
    def check(self, ask: Callable[[], SaleStep]) -> None:
        """Ask the draft (reads and rehearsals only) what a scan or an edit does to the sale."""
        self.post_message(self.Stepped(ask()))

    @on(Stepped)
    def stepped(self, message: Stepped) -> None:
        """Apply the core's answer; a choice holds the scans back until it is made."""
        from core.drafts.steps import Choose, Refused
        from tui.dialogs.choose_unit import ChooseUnit

        step = message.step
        if isinstance(step, Choose):
            self.choosing = True
            self.app.push_screen(ChooseUnit(step.units), self._chosen)
        elif isinstance(step, Refused):
            self.refused(RefusedMessage(step.error, step.about))
        else:
            self.apply(step)

    def _chosen(self, unit: UnitSummary | None) -> None:
        self.choosing = False
        self.inbox.done()
        if unit is not None:
            self.inbox.put(unit)

    def apply(self, step: SaleStep) -> None:
        """Change the sale as the step says and show it."""
        from core.drafts.kit_sale import KitSerial
        from core.drafts.sale import Added

        assert self.draft is not None
        self.draft.apply(step)
        if isinstance(step, Added):
            self._say_added(step)
        elif isinstance(step, KitSerial):
            self._say_kit_serial(step)
        cursor = self.cart.index_of(step.line) if isinstance(step, Added) else self._row()
        self.show_cart(cursor)

    def _say_added(self, step: Added) -> None:
        line = step.line
        if line.warnings:
            self.say("! " + " ".join(w.message for w in line.warnings), "warning")
        else:
            self.say(_("Added: {line}").format(line=f"{line.name} {line.serial or ''}".strip()))

    def _say_kit_serial(self, step: KitSerial) -> None:
        if step.warnings:
            self.say("! " + " ".join(step.warnings), "warning")
        else:
            text = _("{serial}: {component}").format(serial=step.serial, component=step.component)
            self.say(text)

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show feedback under the lines, and in the serial-number prompt when it is open."""
        self.query_one(Notice).say(text, kind)
        if self.prompt is not None:
            self.prompt.say(text, kind)
        if self.kit_prompt is not None:
            self.kit_prompt.say(text, kind)

    def show_cart(self, cursor: int | None = None) -> None:
        """Show the cart, and open or close the serial-number prompt to match it."""
        cart = self.cart
        self.query_one("#work", ContentSwitcher).current = "lines" if cart.lines else "idle"
        self.query_one(SaleLines).show(cart, cursor)
        self.query_one(Totals).show(cart)
        if cart.pending is not None and self.prompt is None:
            from tui.dialogs.serial_prompt import SerialPrompt

            self.prompt = SerialPrompt(cart, self.entered, self.action_loop, self.pay_after_serials)
            self.app.push_screen(self.prompt)
        elif cart.pending is not None and self.prompt is not None:
            self.prompt.show(cart)
        elif self.prompt is not None and self.app.screen is self.prompt:
            self.prompt.dismiss(None)
            self.prompt = None
        self.keep_cart()
        self._show_kit()

    def _show_kit(self) -> None:
        """Open, update or close the kit prompt to match the kit being rung up."""
        kit = self.draft.kit if self.draft is not None else None
        if kit is not None and self.kit_prompt is None:
            from tui.dialogs.kit_prompt import KitPrompt

            self.kit_prompt = KitPrompt(kit, self.entered)
            self.app.push_screen(self.kit_prompt)
        elif kit is not None and self.kit_prompt is not None:
            self.kit_prompt.show(kit)
        elif self.kit_prompt is not None:
            if self.app.screen is self.kit_prompt:
                self.kit_prompt.dismiss(None)
            self.kit_prompt = None

    @on(RefusedMessage)
    def refused(self, message: RefusedMessage) -> None:
        """Show the refusal; the sale stays as it was and scans sent after it are dropped."""
        self.inbox.drop_waiting()
        self.refuse(message.error, _(HINTS.get(message.about, "")))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A finished check lets the next scan in; one that crashed drops the waiting ones."""
        if not event.worker.group.startswith("sale-") or event.state not in FINISHED:
            return
        if event.state is not WorkerState.SUCCESS:
            self.inbox.drop_waiting()
        if not self.choosing:
            self.inbox.done()

    def pay_after_serials(self) -> None:
        """F10 in the SN prompt: end serial entry, then take payment."""
        self.inbox.put(None)
        self.call_after_refresh(self.action_pay)

    def action_pay(self) -> None:
        """Take payment and post the sale."""
        if not self.cart.lines or self.inbox.busy:
            self.app.bell()
            self.say(_("Scan something to sell first."), "warning")
            return
        from tui.dialogs.payment import PaymentDialog

        cart = self.cart
        self.app.push_screen(PaymentDialog(cart), lambda choice: self._pay(cart, choice))

    def _pay(self, cart: Cart, choice: PaymentChoice | None) -> None:
        if choice is not None:
            self.inbox.busy = True
            self.say(_("Posting the sale..."))
            self.post_sale(cart, choice)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-post")
    def post_sale(self, cart: Cart, choice: PaymentChoice) -> None:
        """Post the sale for real."""
        assert self.draft is not None
        try:
            posted = self.draft.post(choice.payment, choice.tendered, cart)
        except TillError as error:
            self.post_message(RefusedMessage(error, "pay"))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def sold(self, message: DocumentPosted) -> None:
        """The sale is posted: start the next one and show the completion."""
        assert self.draft is not None
        self.draft.clear()
        self.say("")
        self.show_cart()
        self.on_sale(message.posted)
