"""What the sale screen shows between customers: the last sale's number, total and change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.i18n import _, money

if TYPE_CHECKING:
    from core.results import Posted


class SaleDone(Static):
    """The hint to start scanning, and the completion of the last sale once there is one."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes="sale-done")

    def on_mount(self) -> None:
        self.watch(self.app, "last_sale", self.show)

    def show(self, posted: Posted | None) -> None:
        """Show the completion of a sale (or only the hint before the first one)."""
        hint = Text(_("Scan a product barcode, SKU or serial number to start a sale."))
        if posted is None:
            self.update(hint)
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column(justify="right")
        grid.add_row(_("Sale complete"), Text(posted.number, style="bold"))
        grid.add_row(_("Total"), money(posted.total))
        if posted.payment == "card":
            grid.add_row(_("Paid by card"), money(posted.total))
        else:
            tendered = posted.tendered if posted.tendered is not None else posted.total
            grid.add_row(_("Cash received"), money(tendered))
            grid.add_row(Text(_("CHANGE"), style="bold"), Text(money(posted.change or 0), "bold"))
        if posted.party:
            grid.add_row(_("Customer"), posted.party)
        outer = Table.grid()
        outer.add_row(grid)
        outer.add_row(Text(""))
        outer.add_row(hint)
        self.update(outer)
