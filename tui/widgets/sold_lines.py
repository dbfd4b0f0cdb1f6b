"""A posted sale's lines as the return screen lists them, and the line about the sale."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from core.views import DocumentView
from tui.i18n import _, day, money
from tui.widgets.lines_table import LinesTable


def sale_summary(view: DocumentView, today: date) -> str:
    """The sale's number, date, age in days and customer, in one line."""
    ref = view.header.ref
    return _("Sale {number} of {date}, {days} days ago   Customer: {customer}").format(
        number=ref.number,
        date=day(ref.date),
        days=(today - ref.date).days,
        customer=ref.party or "-",
    )


class SoldLines(LinesTable):
    """The lines of a sale: product, quantity, price and the serial numbers sold."""

    def show(self, view: DocumentView | None) -> None:
        """Show a sale's lines (or only the headings)."""
        self.redraw = lambda: self.show(view)
        columns = [("product", _("Product")), ("qty", _("Qty")), ("price", _("Price"))]
        widths = {"qty": 4, "price": 10, "sn": 26}
        self.set_columns(
            [*columns, ("sn", _("Serial numbers"))], widths, "product", ("qty", "price")
        )
        for line, serials in view.lines if view is not None else ():
            quantity = Text(str(line.quantity), justify="right")
            price = Text(money(line.unit_amount), justify="right")
            self.add_row(line.name, quantity, price, " ".join(serials))
