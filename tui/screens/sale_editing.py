"""The sale screen's keys that change lines: quantity, price, removal, customer, loop mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from core.domain.errors import TillError
from core.domain.money import parse_money
from core.drafts.cart import Cart
from core.drafts.entry import Scan, parse_quantity
from tui.i18n import N_, _
from tui.inbox import Inbox
from tui.screens.till_screen import TillScreen
from tui.widgets.sale_lines import SaleLines

if TYPE_CHECKING:
    from core.drafts.cart import CartLine
    from core.drafts.sale import SaleDraft
    from core.views import UnitSummary


@dataclass(frozen=True)
class Edit:
    """A change of the cart that waits its turn behind the scans."""

    change: Callable[[Cart], Cart]


@dataclass(frozen=True)
class Removal:
    """A line taken out of the sale (its unit's hold ends), waiting its turn behind the scans."""

    row: int


if TYPE_CHECKING:
    Entry = Scan | None | Edit | Removal | UnitSummary
    """A scanned or typed code, the end of serial entry (None), an edit, a removed line, or
    a chosen unit."""


class SaleEditing(TillScreen):
    """Line edits of the sale screen; a changed quantity or price is checked like a scan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "quantity", N_("Qty")),
        Binding("f5", "price", N_("Price")),
        Binding("f6", "customer", N_("Customer")),
        Binding("f7", "loop", N_("Loop")),
        Binding("f8", "remove", N_("Remove")),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    draft: SaleDraft | None
    """The sale's draft, once the ledger is open (the screen paints before it is)."""
    early: Cart
    """The (empty) sale shown until the draft is there."""
    inbox: Inbox[Entry]

    @property
    def cart(self) -> Cart:
        """The sale as the draft holds it."""
        return self.early if self.draft is None else self.draft.cart

    @cart.setter
    def cart(self, cart: Cart) -> None:
        if self.draft is None:
            self.early = cart
        else:
            self.draft.cart = cart

    def show_cart(self, cursor: int | None = None) -> None:
        """Show the cart (the sale screen draws it)."""
        raise NotImplementedError

    def _row(self) -> int:
        return self.query_one(SaleLines).cursor_row

    def action_cursor(self, step: int) -> None:
        """Move the line cursor."""
        self.query_one(SaleLines).put_cursor(max(0, self._row() + step))

    def action_loop(self) -> None:
        """Switch scanning serial numbers in a loop on or off."""
        self.cart = self.cart.toggle_loop()
        self.show_cart(self._row())

    def action_remove(self) -> None:
        """Take the line under the cursor out of the sale."""
        if self.cart.lines:
            from tui.app_users import UsersMixin

            line = self.cart.lines[self._row()]
            if isinstance(self.app, UsersMixin):
                self.app.journal("void_line", f"{line.sku} {line.serial or ''} x{line.quantity}")
            self.inbox.put(Removal(self._row()))

    def action_quantity(self) -> None:
        """Change the quantity of the line under the cursor."""
        self._ask_line(_("Quantity"), lambda line: str(line.quantity), self._set_quantity)

    def action_price(self) -> None:
        """Override the unit price of the line under the cursor."""
        self._ask_line(_("Unit price"), lambda line: "", self._set_price)

    def _ask_line(
        self, title: str, now: Callable[[CartLine], str], then: Callable[[int, str], None]
    ) -> None:
        if not self.cart.lines:
            return
        from tui.dialogs.entry import EntryDialog

        row = self._row()
        line = self.cart.lines[row]
        dialog = EntryDialog(title, f"{line.name} {line.serial or ''}", now(line))

        def answered(text: str | None) -> None:
            if text is not None:
                then(row, text)

        self.app.push_screen(dialog, answered)

    def _set_quantity(self, row: int, text: str) -> None:
        self._edit(lambda: parse_quantity(text), lambda cart, qty: cart.with_quantity(row, qty))

    def _set_price(self, row: int, text: str) -> None:
        self._edit(lambda: parse_money(text), lambda cart, price: cart.with_price(row, price))

    def _edit(self, parse: Callable[[], int], change: Callable[[Cart, int], Cart]) -> None:
        try:
            value = parse()
        except TillError as error:
            self.refuse(error)
            return
        self.inbox.put(Edit(lambda cart: change(cart, value)))

    def action_customer(self) -> None:
        """Name the customer (optional)."""
        from tui.dialogs.customer import CustomerDialog

        def named(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.cart = self.cart.with_customer(*answer)
                self.show_cart(self._row())

        self.app.push_screen(CustomerDialog(self.cart.customer, self.cart.phone), named)
