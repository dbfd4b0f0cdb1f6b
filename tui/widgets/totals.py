"""Under the sale lines: customer, loop setting, units, and the total to pay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from core.domain.limits import escaped
from tui.i18n import _, money

if TYPE_CHECKING:
    from core.drafts.cart import Cart


class Totals(Horizontal):
    """The sale's customer and loop state on the left, its total on the right."""

    def __init__(self) -> None:
        super().__init__(classes="totals")

    def compose(self) -> ComposeResult:
        yield Static("", classes="about", markup=False)
        yield Static("", classes="total", markup=False)

    def show(self, cart: Cart) -> None:
        """Show a cart's customer, loop setting, units and total."""
        customer = " ".join(part for part in (cart.customer, cart.phone) if part) or "-"
        loop = _("Loop: on") if cart.loop else _("Loop: off")
        about = _("Customer: {customer}   {loop}   Units: {units}").format(
            customer=customer, loop=loop, units=cart.units
        )
        self.query_one(".about", Static).update(escaped(about))
        self.query_one(".total", Static).update(
            _("TOTAL {amount}").format(amount=money(cart.total))
        )
