"""The goods-in screen: a supplier's invoice, line by line, serial numbers per tracked line."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from bootstrap.services import Services
from core.cart import DraftLine, ReceiptDraft, parse_quantity
from core.domain.catalogue import Product
from core.domain.errors import DomainError, NotFound, TillError
from core.domain.money import parse_money
from core.results import Posted
from core.services import catalogue, receiving
from tui.dialogs.receipt_serials import ReceiptSerials
from tui.dialogs.serial_entry import SerialEntry
from tui.i18n import N_, _, money
from tui.messages import DocumentPosted, Refused
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.receipt_lines import ReceiptLines
from tui.widgets.status_bar import StatusBar

FIELDS = ("supplier", "number", "scan", "qty", "cost")
"""The invoice's fields in the order Enter walks through them."""


class ReceiveScreen(TillScreen):
    """Types in an invoice; posting is refused while a strict line's count does not match."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "serials", N_("Serial numbers")),
        Binding("f8", "remove", N_("Remove")),
        Binding("f9", "new", N_("New invoice")),
        Binding("f10", "post", N_("Post")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    class Found(Message):
        """The scanned code names this product."""

        def __init__(self, product: Product) -> None:
            super().__init__()
            self.product = product

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.draft = ReceiptDraft()
        self.product: Product | None = None
        self.posted: Posted | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Goods in"), self.services)
        with Horizontal(classes="invoice-header"):
            yield Static(_("Supplier"), classes="field-label")
            yield Input(id="supplier", classes="compact-field free-text")
            yield Static(_("Invoice no."), classes="field-label")
            yield Input(id="number", classes="compact-field free-text")
        yield ReceiptLines(id="lines")
        yield Static("", classes="totals", id="summary", markup=False)
        yield Notice(id="notice")
        with Horizontal(classes="line-entry"):
            yield Input(placeholder=_("scan or type a barcode or SKU"), id="scan")
            yield Input("1", id="qty")
            yield Input(placeholder=money(0), id="cost")
        yield KeyFooter()

    def on_mount(self) -> None:
        for field, title in zip(
            ("scan", "qty", "cost"), (_("Product"), _("Qty"), _("Unit cost")), strict=True
        ):
            self.query_one(f"#{field}", Input).border_title = title
        self.show_draft()
        self.query_one("#supplier", Input).focus()

    def show_draft(self, cursor: int | None = None) -> None:
        """Show the invoice lines and totals (or the posted receipt)."""
        self.query_one(ReceiptLines).show(self.draft, cursor)
        summary = _("Units: {units}   Total: {amount}").format(
            units=self.draft.units, amount=money(self.draft.total)
        )
        if self.posted is not None:
            summary += "   " + _("Posted as {number}").format(number=self.posted.number)
        self.query_one("#summary", Static).update(summary)
        for field in FIELDS:
            self.query_one(f"#{field}", Input).disabled = self.posted is not None

    @on(Input.Submitted)
    def walk(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the product it looks the code up."""
        event.stop()
        field = event.input.id or ""
        if field == "scan":
            if event.value.strip():
                self.find(event.value)
        elif field == "cost":
            self.add_line()
        elif field in FIELDS:
            self.query_one(f"#{FIELDS[FIELDS.index(field) + 1]}", Input).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="receive-find")
    def find(self, code: str) -> None:
        """Look the product up by SKU or barcode."""
        product = catalogue.find_product(self.services.uow(), code)
        if product is None:
            message = _("No product has the SKU or barcode {code}.").format(code=code.strip())
            self.post_message(Refused(NotFound(message), "find"))
        else:
            self.post_message(self.Found(product))

    @on(Found)
    def found(self, message: Found) -> None:
        """Name the product and go on to its quantity."""
        self.product = product = message.product
        asks = _("serial numbers asked") if product.tracked else _("no serial numbers")
        self.query_one(Notice).say(f"{product.name} ({product.sku}): {asks}")
        self.query_one("#qty", Input).focus()

    def add_line(self) -> None:
        """Add the typed line; a tracked line opens its serial-number window at once."""
        line = self._typed_line()
        if line is None:
            return
        self.draft, self.product = self.draft.add(line), None
        for field, value in (("scan", ""), ("qty", "1"), ("cost", "")):
            self.query_one(f"#{field}", Input).value = value
        self.query_one("#scan", Input).focus()
        self.show_draft()
        if line.tracked:
            self.action_serials()

    def _typed_line(self) -> DraftLine | None:
        product = self.product
        if product is None:
            self.query_one("#scan", Input).focus()
            return None
        try:
            quantity = parse_quantity(self.query_one("#qty", Input).value)
            cost = parse_money(self.query_one("#cost", Input).value or "0")
        except TillError as error:
            self.refuse(error)
            return None
        return DraftLine(product.sku, product.name, product.tracking.value, quantity, cost)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Posting and removing lines end once the receipt is posted."""
        return not (action in ("post", "remove") and self.posted is not None)

    def _row(self) -> int:
        return self.query_one(ReceiptLines).cursor_row

    def action_cursor(self, step: int) -> None:
        """Move the line cursor."""
        self.query_one(ReceiptLines).put_cursor(max(0, self._row() + step))

    def action_serials(self) -> None:
        """Open the serial numbers of the line under the cursor (to view or correct them)."""
        row = self._row()
        if not self.draft.lines or not self.draft.lines[row].tracked:
            self.query_one(Notice).say(_("This line has no serial numbers."), "warning")
        elif self.posted is not None:
            self.app.push_screen(ReceiptSerials(self.services, self.posted.number, row + 1))
        else:
            draft = self.draft.with_header(*self._header())
            entry = SerialEntry(self.services, draft, row)
            self.app.push_screen(entry, partial(self._serials_entered, row))

    def _serials_entered(self, row: int, serials: tuple[str, ...] | None) -> None:
        if serials is not None:
            self.draft = self.draft.with_serials(row, serials)
            self.show_draft(row)

    def action_remove(self) -> None:
        """Take the line under the cursor off the invoice."""
        if self.draft.lines and self.posted is None:
            self.draft = self.draft.remove(self._row())
            self.show_draft(self._row())

    def action_new(self) -> None:
        """Start a new invoice."""
        self.draft, self.posted, self.product = ReceiptDraft(), None, None
        self.refresh_bindings()
        for field in FIELDS:
            self.query_one(f"#{field}", Input).value = "1" if field == "qty" else ""
        self.show_draft()
        self.query_one(Notice).say("")
        self.query_one("#supplier", Input).focus()

    def _header(self) -> tuple[str, str]:
        return self.query_one("#supplier", Input).value, self.query_one("#number", Input).value

    def action_post(self) -> None:
        """Post the invoice (in a worker, with progress; the screen never freezes)."""
        notice = self.query_one(Notice)
        if self.posted is not None or not self.draft.lines or notice.busy:
            self.app.bell()
            return
        self.draft = self.draft.with_header(*self._header())
        notice.progress(_("Posting {units} units, please wait").format(units=self.draft.units))
        self.post_receipt(self.draft)

    @work(thread=True, exclusive=True, exit_on_error=False, group="receive-post")
    def post_receipt(self, draft: ReceiptDraft) -> None:
        """Post the receipt for real."""
        try:
            posted = receiving.receive(draft.command(), self.services.uow(), self.services.ctx)
        except TillError as error:
            self.post_message(Refused(error, "post"))
        else:
            self.post_message(DocumentPosted(posted))

    @on(DocumentPosted)
    def received(self, message: DocumentPosted) -> None:
        """The receipt is posted: show its number; its serial numbers stay one key away."""
        self.posted = posted = message.posted
        text = _("Receipt {number} posted: {units} units, {amount}.").format(
            number=posted.number, units=self.draft.units, amount=money(posted.total)
        )
        warnings = " ".join(w.message for w in posted.warnings)
        self.query_one(Notice).say(f"{text} ! {warnings}" if warnings else text, "done")
        self.show_draft(self._row())
        self.refresh_bindings()
        self.query_one(ReceiptLines).focus()

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show the refusal; the invoice stays as it was."""
        self.query_one(Notice).say("")
        error = message.error
        mismatch = isinstance(error, DomainError) and error.rule == "quantity_mismatch"
        self.refuse(error, _("Press F5 on the line to enter its serial numbers.") * mismatch)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A crashed post stops the progress (the app shows the error)."""
        if event.state is WorkerState.ERROR:
            self.query_one(Notice).say("")
