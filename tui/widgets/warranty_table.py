"""The warranty tracking report's rows: active warranties green, expired ones dimmed."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text

from core.domain.warranty import WarrantyPeriod
from core.i18n import language
from core.reports import WarrantyRow
from tui.i18n import _
from tui.widgets.paged_table import PagedTable


def short_day(value: date | None) -> str:
    """A date in eight columns: ``02.03.26`` in Ukrainian, ``26-03-02`` otherwise."""
    if value is None:
        return "-"
    return value.strftime("%d.%m.%y") if language() == "uk" else value.isoformat()[2:]


def period(sold: date | None, end: date | None) -> str:
    """The warranty period a sale gave, read back from its dates: ``12m`` or ``14d``."""
    if sold is None or end is None:
        return "-"
    months = (end.year - sold.year) * 12 + end.month - sold.month
    if months > 0 and WarrantyPeriod(months=months).end(sold) == end:
        return _("{count}m").format(count=months)
    return _("{count}d").format(count=(end - sold).days)


class WarrantyTable(PagedTable):
    """SN, product, sale date, customer, period, end date and days left of each sold unit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"warranty--active", "warranty--expired"}

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._recolour)

    def _recolour(self) -> None:
        if self.redraw is not None:
            self.redraw()

    def row_style(self, row: WarrantyRow) -> Style:
        """Green for an active warranty, dimmed for an expired one (from the theme's CSS)."""
        name = "warranty--active" if row.active else "warranty--expired"
        return self.get_component_rich_style(name, partial=True)

    def show(self, rows: tuple[WarrantyRow, ...], cursor: int = 0) -> None:
        """Show a page of sold units."""
        self.redraw = lambda: self.show(rows, self.cursor_row)
        self.set_columns(
            [
                ("serial", _("SN")),
                ("product", _("Product")),
                ("sold", _("Sold")),
                ("customer", _("Customer")),
                ("period", _("Term")),
                ("end", _("Ends")),
                ("left", _("Left")),
            ],
            {"serial": 15, "sold": 8, "customer": 9, "period": 5, "end": 8, "left": 5},
            flexible="product",
            right=("left",),
        )
        for row in rows:
            style = self.row_style(row)
            left = "-" if row.days_left is None else str(row.days_left)
            cells = (
                row.serial,
                row.name,
                short_day(row.sold_on),
                row.customer or row.phone or "-",
                period(row.sold_on, row.warranty_end),
                short_day(row.warranty_end),
            )
            self.add_row(
                *(Text(cell, style=style) for cell in cells), Text(left, style, justify="right")
            )
        self.put_cursor(cursor)
