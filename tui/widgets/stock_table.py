"""The warranty stock report's rows: every tracked unit in stock, marked ones flagged."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from core.reports import StockRow
from tui.i18n import N_, _, day, money
from tui.widgets.paged_table import PagedTable


class StockTable(PagedTable):
    """Mark, SN, product, cost, date received and supplier of each unit on the page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.mark", N_("Mark"), show=False),
    ]

    def show(self, rows: tuple[StockRow, ...], marked: Collection[int], cursor: int = 0) -> None:
        """Show a page of units; ``*`` flags those marked for labels."""
        self.redraw = lambda: self.show(rows, marked, self.cursor_row)
        self.set_columns(
            [
                ("mark", " "),
                ("serial", _("Serial number")),
                ("product", _("Product")),
                ("cost", _("Cost")),
                ("received", _("Received")),
                ("supplier", _("Supplier")),
            ],
            {"mark": 1, "serial": 16, "cost": 10, "received": 10, "supplier": 13},
            flexible="product",
            right=("cost",),
        )
        for row in rows:
            self.add_row(
                "*" if row.id in marked else " ",
                Text(row.serial),
                Text(row.name),
                Text(money(row.cost), justify="right"),
                day(row.received_on),
                Text(row.supplier or "-"),
            )
        self.put_cursor(cursor)
