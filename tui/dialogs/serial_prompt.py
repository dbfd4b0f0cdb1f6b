"""The sale asks for a tracked product's serial number, again and again in loop mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from core.domain.limits import escaped
from core.drafts.cart import Cart, Pending
from core.drafts.entry import Scan
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.widgets.notice import Kind, Notice

Entry = Callable[[Scan | None], None]
"""Receives each typed or scanned code; None when the cashier is done (Esc)."""


class SerialPrompt(Dialog[None]):
    """A view of the sale's pending product; the sale screen checks codes and closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", N_("Done")),
        Binding("f7", "loop", N_("Loop")),
        Binding("f10", "pay", N_("Pay")),
    ]

    def __init__(
        self,
        cart: Cart,
        on_entry: Entry,
        on_loop: Callable[[], None],
        on_pay: Callable[[], None],
    ) -> None:
        super().__init__(classes="prompt-dialog")
        self.cart = cart
        self.on_entry = on_entry
        self.on_loop = on_loop
        self.on_pay = on_pay

    def compose(self) -> ComposeResult:
        product, state, hint = self._texts(self.cart)
        with Vertical(classes="dialog") as box:
            box.border_title = _("Serial number")
            yield Static(product, id="product", markup=False)
            yield Static(state, id="state", markup=False)
            yield Input(placeholder=_("scan or type the serial number"), id="scan")
            yield Notice(id="said")
            yield Static(hint, classes="hint", id="hint", markup=False)

    def show(self, cart: Cart) -> None:
        """Show the pending product, the loop setting and how many units went in."""
        self.cart = cart
        for widget_id, text in zip(("#product", "#state", "#hint"), self._texts(cart), strict=True):
            self.query_one(widget_id, Static).update(text)

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show what became of the last code: added, or added with a warning."""
        self.query_one(Notice).say(text, kind)

    def _texts(self, cart: Cart) -> tuple[str, str, str]:
        pending = cart.pending
        if pending is None:
            return "", "", ""
        mode = _("strict tracking") if pending.tracking == "strict" else _("soft tracking")
        loop = _("loop: on") if cart.loop else _("loop: off")
        added = _("added: {count}").format(count=pending.added)
        product = escaped(f"{pending.name} ({pending.sku})")
        return product, f"{mode}   {loop}   {added}", self._hint(pending)

    @staticmethod
    def _hint(pending: Pending) -> str:
        if pending.added:
            return _("Scan the next unit's SN, or the next product. Enter or Esc: done. F10: pay.")
        if pending.tracking == "soft":
            return _("Scan the serial number; Enter without one sells it without. Esc: leave out.")
        return _("Scan the serial number from the unit's label. Esc: leave this product out.")

    @on(Input.Submitted, "#scan")
    def entered(self, event: Input.Submitted) -> None:
        """Hand the code to the sale and clear the field for the next one."""
        event.stop()
        event.input.clear()
        self.on_entry(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """A scanner's code goes to the sale as it came, never through the field."""
        self.on_entry(scan)
        return True

    def action_done(self) -> None:
        """No more serial numbers of this product."""
        self.on_entry(None)

    def action_loop(self) -> None:
        """Switch loop mode on or off."""
        self.on_loop()

    def action_pay(self) -> None:
        """No more serial numbers: go straight on to payment."""
        self.on_pay()
