"""The customer-return screen: a unit by its serial number, or goods against the sale."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ContentSwitcher, Input, Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.domain.limits import escaped
from core.drafts.customer_return import (
    Command,
    Preview,
    ReturnDraft,
    ReturnStep,
    SaleFound,
    ScanTheUnit,
)
from core.drafts.entry import Scan, parse_quantity
from core.drafts.steps import Choose, Refused
from core.views import DocumentView, LineRow, UnitSummary
from tui.dialogs.choose_unit import ChooseUnit
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.entry import EntryDialog
from tui.i18n import N_, _, money
from tui.messages import DocumentPosted
from tui.messages import Refused as RefusedMessage
from tui.screens.return_decision import ReturnDecision
from tui.screens.till_screen import TillScreen
from tui.unit_facts import line_facts
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.sold_lines import SoldLines, sale_summary
from tui.widgets.status_bar import StatusBar

IDLE = N_(
    "Scan the serial number of the unit that comes back: its sale, customer and warranty "
    "show before you confirm.\n\nGoods without serial numbers: type the number of the sale, "
    "choose the line and press F10."
)
HINT = N_("Check the serial number on the unit, or type the number of the sale.")


class ReturnScreen(ReturnDecision, TillScreen):
    """Finds what comes back, shows the sale and the warranty, and posts the return on Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "app.switch_mode('service')", N_("Service")),
        Binding("f10", "return_line", N_("Return line")),
        Binding("f9", "clear", N_("Clear")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    class Answered(Message):
        """The core found a unit or a sale, or previewed a return."""

        def __init__(self, found: ReturnStep) -> None:
            super().__init__()
            self.found = found

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.draft = ReturnDraft(services)

    @property
    def sale(self) -> DocumentView | None:
        """The sale the goods come back against, as the draft holds it."""
        return self.draft.sale

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Return"), self.services)
        with ContentSwitcher(initial="idle", id="work"):
            yield Static(_(IDLE), id="idle", classes="sale-done", markup=False)
            yield SoldLines(id="lines")
        yield Static("", classes="totals", id="summary", markup=False)
        yield Notice(id="notice")
        yield Input(placeholder=_("Scan the serial number, or type the sale number"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_sale(None)
        self.query_one(Notice).say(_("Scan the unit's serial number to take it back."))
        self.query_one("#scan", Input).focus()

    @on(Input.Submitted, "#scan")
    def scanned(self, event: Input.Submitted) -> None:
        """A typed code: a unit, else a sale."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """Look the code up: a repair slip, a unit, else a sale."""
        if self.slip(scan):
            return True
        if scan.text:
            self.ask(lambda: self.draft.decide(scan))
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="return-ask")
    def ask(self, question: Callable[[], ReturnStep]) -> None:
        """Ask the draft (reads and rehearsals only)."""
        self.post_message(self.Answered(question()))

    @on(Answered)
    def answered(self, message: Answered) -> None:
        """Pick among several units, show a sale, confirm a return, or show a refusal."""
        found = message.found
        if isinstance(found, Choose):
            self.app.push_screen(ChooseUnit(found.units), self._chosen)
        elif isinstance(found, SaleFound):
            self.show_sale(found.view)
            self.query_one(Notice).say(_("Choose the line that comes back and press F10."))
        elif isinstance(found, Refused):
            self.refused(RefusedMessage(found.error, found.about))
        elif isinstance(found, ScanTheUnit):
            self.query_one(Notice).say(_("Scan the serial number of the unit that comes back."))
            self.query_one("#scan", Input).focus()
        else:
            self.confirm(found)

    def _chosen(self, unit: UnitSummary | None) -> None:
        if unit is not None:
            self.ask(lambda: self.draft.pick(unit))

    def show_sale(self, view: DocumentView | None) -> None:
        """Show a sale's lines and customer (or the idle hint)."""
        if view is None:
            self.draft.forget()
        else:
            self.draft.apply(SaleFound(view))
        self.refresh_bindings()
        self.query_one("#work", ContentSwitcher).current = "idle" if view is None else "lines"
        self.query_one(SoldLines).show(view)
        today = self.services.ctx.clock.today()
        summary = "" if view is None else sale_summary(view, today)
        self.query_one("#summary", Static).update(escaped(summary))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Returning a line and clearing apply only while a sale is shown."""
        return self.sale is not None or action not in ("return_line", "clear")

    def action_cursor(self, step: int) -> None:
        """Move the line cursor."""
        table = self.query_one(SoldLines)
        table.put_cursor(max(0, table.cursor_row + step))

    def action_return_line(self) -> None:
        """Return from the sale's line under the cursor: a unit by SN, else a quantity."""
        if self.sale is None or not self.sale.lines:
            self.app.bell()
            return
        sale = self.sale
        line, serials = sale.lines[self.query_one(SoldLines).cursor_row]
        if serials:
            self.ask(lambda: self.draft.serial_line(sale, line, serials))
            return
        dialog = EntryDialog(_("Return quantity"), f"{line.name} ({line.sku})", "1")
        self.app.push_screen(dialog, partial(self._counted, self.sale, line))

    def _counted(self, sale: DocumentView, line: LineRow, text: str | None) -> None:
        if text is None:
            return
        try:
            quantity = parse_quantity(text)
        except TillError as error:
            self.refuse(error)
            return
        self.ask(lambda: self.draft.quantity(sale, line, quantity))

    def confirm(self, preview: Preview) -> None:
        """Show the facts of the return and post it on Enter; a unit gets the decision panel."""
        if preview.unit is not None:
            self.weigh(preview)
            return
        assert preview.sale is not None and preview.line is not None
        today = self.services.ctx.clock.today()
        facts = line_facts(preview.sale, preview.line, preview.refund, today)
        dialog = ConfirmDialog(_("Customer return"), facts, preview.warnings, _("Take it back?"))
        self.app.push_screen(dialog, lambda yes: self._confirmed(preview.command, bool(yes)))

    def _confirmed(self, command: Command, yes: bool) -> None:
        if yes:
            self.post_return(command)

    @work(thread=True, exclusive=True, exit_on_error=False, group="return-post")
    def post_return(self, command: Command) -> None:
        """Post the return for real."""
        try:
            posted = self.draft.post(command)
        except TillError as error:
            self.post_message(RefusedMessage(error, "post"))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def returned(self, message: DocumentPosted) -> None:
        """Say what was taken back and how much to refund."""
        posted = message.posted
        text = _("Return {number} posted: refund {amount}.").format(
            number=posted.number, amount=money(posted.total)
        )
        if self.exchange:
            text += " " + _("Sell the unit they take instead (F1).")
            self.exchange = False
        self.query_one(Notice).say(text, "done")
        self.show_sale(None)

    @on(RefusedMessage)
    def refused(self, message: RefusedMessage) -> None:
        """Show the refusal; nothing was taken back."""
        self.refuse(message.error, _(HINT) if message.about == "look" else "")

    def action_clear(self) -> None:
        """Forget the sale on screen."""
        self.show_sale(None)
        self.query_one(Notice).say(_("Scan the unit's serial number to take it back."))
