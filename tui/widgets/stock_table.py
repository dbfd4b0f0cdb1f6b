"""The warranty stock report's rows: every tracked unit in stock, marked ones flagged."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from core.reports import StockRow
from tui.i18n import N_, _, day, money
from tui.widgets.paged_table import PagedTable

COLUMNS = (
    ("mark", " "),
    ("serial", N_("Serial number")),
    ("product", N_("Product")),
    ("cost", N_("Cost")),
    ("received", N_("Received")),
    ("supplier", N_("Supplier")),
)
WIDTHS = {"mark": 1, "serial": 16, "cost": 10, "received": 10, "supplier": 13}
LOCATED_WIDTHS = {"mark": 1, "serial": 14, "cost": 9, "received": 10, "supplier": 10, "site": 7}
"""The widths beside a location column: the product keeps its 12 columns at 80."""


class StockTable(PagedTable):
    """Mark, SN, product, cost, date received and supplier of each unit on the page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.mark", N_("Mark"), show=False),
    ]

    def show(
        self,
        rows: tuple[StockRow, ...],
        marked: Collection[int],
        cursor: int = 0,
        *,
        located: bool = False,
    ) -> None:
        """Show a page of units; ``*`` flags those marked for labels. ``located`` adds each
        unit's location (the other columns narrow to leave the product its room)."""
        self.redraw = lambda: self.show(rows, marked, self.cursor_row, located=located)
        columns = [*COLUMNS, *([("site", N_("Location"))] if located else [])]
        self.set_columns(
            [(key, _(title) if title.strip() else title) for key, title in columns],
            LOCATED_WIDTHS if located else WIDTHS,
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
                *([Text(row.site)] if located else []),
            )
        self.put_cursor(cursor)
