"""The lines of the sale being rung up: product, serial number, quantity, price, sum."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui.i18n import _, money
from tui.widgets.lines_table import LinesTable

if TYPE_CHECKING:
    from core.drafts.cart import Cart


class SaleLines(LinesTable):
    """A table of the cart's lines; ``!`` marks a line that went in with a soft warning."""

    def show(self, cart: Cart, cursor: int | None = None) -> None:
        """Show the cart's lines, with the cursor on a line (the last one by default)."""
        self.redraw = lambda: self.show(cart, self.cursor_row)
        fixed = {"no": 3, "serial": 16, "qty": 4, "price": 10, "sum": 11}
        self.set_columns(
            [
                ("no", "#"),
                ("product", _("Product")),
                ("serial", _("Serial number")),
                ("qty", _("Qty")),
                ("price", _("Price")),
                ("sum", _("Sum")),
            ],
            fixed,
            flexible="product",
            right=("qty", "price", "cost", "sum", "sn"),
        )
        for number, line in enumerate(cart.lines, start=1):
            flag = "!" if line.warnings else " "
            price = money(line.unit_price) + ("*" if line.price_override else " ")
            self.add_row(
                f"{number}{flag}",
                line.name,
                line.serial or "",
                Text(str(line.quantity), justify="right"),
                Text(price, justify="right"),
                Text(money(line.total), justify="right"),
            )
        self.put_cursor(len(cart.lines) - 1 if cursor is None else cursor)
