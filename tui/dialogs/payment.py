"""Taking payment: the total, cash handed over with the change, or card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from core.commands import Payment
from core.domain.errors import InputError
from core.domain.money import parse_money
from core.drafts.cart import Cart
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _, money


@dataclass(frozen=True)
class PaymentChoice:
    """How the customer pays: by card, or in cash with the amount handed over (None: exact)."""

    payment: Payment
    tendered: int | None = None


class PaymentDialog(Dialog[PaymentChoice | None]):
    """Enter takes cash (an empty field means the exact amount), F5 takes a card, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "card", N_("Card")),
        Binding("escape", "cancel", N_("Back")),
    ]

    def __init__(self, cart: Cart) -> None:
        super().__init__(classes="entry-dialog")
        self.cart = cart

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Payment")
            yield Static(_("To pay: {amount}").format(amount=money(self.cart.total)), id="due")
            yield Static(_("Cash received (empty: exact amount)"), classes="label")
            yield Input(id="tendered")
            yield Static("", id="change")
            yield Static(_("Enter: cash   F5: card   Esc: back"), classes="keys")

    @on(Input.Changed, "#tendered")
    def show_change(self, event: Input.Changed) -> None:
        """Show the change for the amount typed so far."""
        text = ""
        try:
            tendered = parse_money(event.value) if event.value.strip() else None
        except InputError:
            tendered = None
        if tendered is not None:
            change = self.cart.change(tendered)
            text = (
                _("Change: {amount}").format(amount=money(change))
                if change >= 0
                else _("Short by {amount}").format(amount=money(-change))
            )
        self.query_one("#change", Static).update(text)

    @on(Input.Submitted, "#tendered")
    def cash(self, event: Input.Submitted) -> None:
        """Pay in cash."""
        event.stop()
        try:
            tendered = parse_money(event.value) if event.value.strip() else None
        except InputError as error:
            self.query_one("#change", Static).update(error.message)
            self.app.bell()
            return
        self.dismiss(PaymentChoice(Payment.CASH, tendered))

    def action_card(self) -> None:
        """Pay by card."""
        self.dismiss(PaymentChoice(Payment.CARD))

    def action_cancel(self) -> None:
        """Back to the sale."""
        self.dismiss(None)
