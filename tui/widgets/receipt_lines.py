"""The lines of a supplier invoice: product, quantity, unit cost, sum and serial-number count."""

from __future__ import annotations

from rich.text import Text

from core.drafts.goods_in import ReceiptDraft
from tui.i18n import _, money
from tui.widgets.lines_table import LinesTable


class ReceiptLines(LinesTable):
    """A table of an invoice's lines; the serial numbers themselves are behind F5, not here."""

    def show(self, draft: ReceiptDraft, cursor: int | None = None) -> None:
        """Show the invoice's lines, with the cursor on a line (the last one by default)."""
        self.redraw = lambda: self.show(draft, self.cursor_row)
        self.set_columns(
            [
                ("no", "#"),
                ("product", _("Product")),
                ("qty", _("Qty")),
                ("cost", _("Unit cost")),
                ("sum", _("Sum")),
                ("sn", _("SN")),
            ],
            {"no": 3, "qty": 5, "cost": 11, "sum": 12, "sn": 9},
            flexible="product",
            right=("qty", "price", "cost", "sum", "sn"),
        )
        for number, line in enumerate(draft.lines, start=1):
            counted = f"{len(line.serials)}/{line.quantity}" if line.tracked else "-"
            short = line.tracked and len(line.serials) != line.quantity
            self.add_row(
                f"{number}{'!' if short else ' '}",
                f"{line.name} ({line.sku})",
                Text(str(line.quantity), justify="right"),
                Text(money(line.unit_cost), justify="right"),
                Text(money(line.total), justify="right"),
                Text(counted, justify="right", style="bold" if short else ""),
            )
        self.put_cursor(len(draft.lines) - 1 if cursor is None else cursor)
