"""The goods-in screen: a supplier's invoice, line by line, serial numbers per tracked line."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from bootstrap.services import Services
from core.domain.catalogue import Product
from core.domain.errors import DomainError, TillError
from core.domain.money import parse_money
from core.drafts import goods_in
from core.drafts.entry import Scan, parse_quantity
from core.drafts.goods_in import GoodsInDraft
from core.results import Posted
from tui.i18n import N_, _, money
from tui.messages import DocumentPosted, Refused
from tui.screens.receive_lines import InvoiceLines
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.receipt_lines import ReceiptLines
from tui.widgets.status_bar import StatusBar

FIELDS = ("supplier", "number", "scan", "qty", "cost")
"""The invoice's fields in the order Enter walks through them."""


class ReceiveScreen(InvoiceLines):
    """Types in an invoice; posting is refused while a strict line's count does not match."""

    FOOTER_SPARE_KEYS: ClassVar[tuple[str, ...]] = ("f3",)
    """F3 (returns) is left out of a full footer before F2 (transfers)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "app.switch_mode('transfers')", N_("Transfers")),
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
        self.goods_in = GoodsInDraft(services)
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
                self.find(Scan.typed(event.value))
        elif field == "cost":
            self.add_line()
        elif field in FIELDS:
            self.query_one(f"#{FIELDS[FIELDS.index(field) + 1]}", Input).focus()

    def take_scan(self, scan: Scan) -> bool:
        """A product scan goes to the draft; the header's text fields take what is scanned."""
        field = self.focused
        if self.posted is not None or (isinstance(field, Input) and field.has_class("free-text")):
            return False
        if scan.text:
            self.find(scan)
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="receive-find")
    def find(self, scan: Scan) -> None:
        """Look the product up by SKU or barcode."""
        step = self.goods_in.find(scan)
        if isinstance(step, goods_in.Found):
            self.post_message(self.Found(step.product))
        else:
            self.post_message(Refused(step.error, step.about))

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
        self.product = None
        for field, value in (("scan", ""), ("qty", "1"), ("cost", "")):
            self.query_one(f"#{field}", Input).value = value
        self.query_one("#scan", Input).focus()
        self.show_draft()
        if line.tracked:
            self.action_serials()

    def _typed_line(self) -> goods_in.DraftLine | None:
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
        return self.goods_in.add(product, quantity, cost)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Posting and removing lines end once the receipt is posted."""
        return not (action in ("post", "remove") and self.posted is not None)

    def action_new(self) -> None:
        """Start a new invoice."""
        self.goods_in.clear()
        self.posted, self.product = None, None
        self.refresh_bindings()
        for field in FIELDS:
            self.query_one(f"#{field}", Input).value = "1" if field == "qty" else ""
        self.show_draft()
        self.query_one(Notice).say("")
        self.query_one("#supplier", Input).focus()

    def action_post(self) -> None:
        """Post the invoice (in a worker, with progress; the screen never freezes)."""
        notice = self.query_one(Notice)
        if self.posted is not None or not self.draft.lines or notice.busy:
            self.app.bell()
            return
        self.draft = self.draft.with_header(*self._header())
        notice.progress(_("Posting {units} units, please wait").format(units=self.draft.units))
        self.post_receipt()

    @work(thread=True, exclusive=True, exit_on_error=False, group="receive-post")
    def post_receipt(self) -> None:
        """Post the receipt for real."""
        try:
            posted = self.goods_in.post()
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
