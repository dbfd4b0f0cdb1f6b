"""A count sheet compared: per product expected, found, surplus and shortage, with totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from core.views import ProductCount, SheetView
from tui.i18n import _
from tui.widgets.lines_table import LinesTable


def counts(line: ProductCount) -> tuple[int, int, int, int]:
    """Expected, found, surplus and shortage of one product, in units."""
    balance = line.balance
    if line.tracking == "none":
        difference = balance.quantity_difference
        return (
            balance.expected_quantity,
            balance.counted_quantity,
            max(difference, 0),
            max(-difference, 0),
        )
    return len(balance.expected), len(balance.found), len(line.surplus), len(line.shortage)


def totals_text(sheet: SheetView) -> tuple[str, str]:
    """The running totals of the whole sheet, and the scans that count for no product."""
    expected = found = surplus = short = 0
    for line in sheet.products:
        e, f, s, h = counts(line)
        expected, found, surplus, short = expected + e, found + f, surplus + s, short + h
    units = _("Exp. {expected}  Found {found}  Surplus {surplus}  Short {short}").format(
        expected=expected, found=found, surplus=surplus, short=short
    )
    others = _("repeat {duplicates} · unknown {unknown} · other {outside} · box {boxes}")
    return units, others.format(
        duplicates=len(sheet.duplicates),
        unknown=len(sheet.unknown),
        outside=len(sheet.outside),
        boxes=len(sheet.product_barcodes),
    )


class CountTotals(Horizontal):
    """Under the products: the sheet's totals on the left, the other scans on the right."""

    def __init__(self) -> None:
        super().__init__(classes="totals count-totals")

    def compose(self) -> ComposeResult:
        yield Static("", classes="units", markup=False)
        yield Static("", classes="others", markup=False)

    def show(self, sheet: SheetView | None) -> None:
        """Show the totals of a sheet (nothing without one)."""
        units, others = totals_text(sheet) if sheet is not None else ("", "")
        self.query_one(".units", Static).update(units)
        self.query_one(".others", Static).update(others)


def serial_changes(line: ProductCount) -> str:
    """The product's surplus SNs with ``+`` and missing ones with ``-``."""
    return " ".join([*(f"+{s}" for s in line.surplus), *(f"-{s}" for s in line.shortage)])


class CountLines(LinesTable):
    """One row per product; ``*`` marks a surplus/shortage pair that F9 can resolve."""

    def show(self, sheet: SheetView, cursor: int = 0) -> None:
        """Show the sheet's products, discrepancies in bold."""
        self.redraw = lambda: self.show(sheet, self.cursor_row)
        self.set_columns(
            [
                ("mark", " "),
                ("product", _("Product")),
                ("expected", _("Exp.")),
                ("found", _("Found")),
                ("surplus", "+"),
                ("short", "-"),
                ("serials", _("Serial numbers off")),
            ],
            {"mark": 1, "expected": 6, "found": 6, "surplus": 4, "short": 4, "serials": 26},
            flexible="product",
            right=("expected", "found", "surplus", "short"),
        )
        for line in sheet.products:
            numbers = counts(line)
            style = "bold" if numbers[2] or numbers[3] else ""
            self.add_row(
                "*" if line.replaceable and sheet.status == "open" else " ",
                Text(f"{line.name} ({line.sku})", style=style),
                *(Text(str(n), style=style, justify="right") for n in numbers),
                Text(serial_changes(line), style=style),
            )
        self.put_cursor(cursor)


def sheet_title(sheet: SheetView | None) -> str:
    """The sheet's number, what it covers and whether it can still change."""
    if sheet is None:
        return _("No count open: F8 starts one (or goes on with an open one).")
    kind, _colon, what = sheet.scope.partition(":")
    scope = {
        "type": _("type {what}"),
        "products": _("products {what}"),
    }.get(kind, _("whole stock")).format(what=what)
    status = _("open") if sheet.status == "open" else _("posted, read only")
    return _("Count {number}   {scope}   {status}").format(
        number=sheet.number, scope=scope, status=status
    )
