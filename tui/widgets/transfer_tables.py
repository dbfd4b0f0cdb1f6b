"""The transfers screen's tables: open transfers, the lines being sent, an arrival's groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text

from bootstrap.transfers import SendLine
from core.domain.transfers import ArrivalCheck, Sent, TransferSummary
from tui.i18n import N_, _, day
from tui.widgets.lines_table import LinesTable


class TransferList(LinesTable):
    """Number, date, from → to, sent and still on the way of each open transfer."""

    def show(self, found: Sequence[TransferSummary], cursor: int = 0) -> None:
        """Show the transfers, newest first."""
        self.redraw = lambda: self.show(found, self.cursor_row)
        self.set_columns(
            [
                ("number", _("Number")),
                ("on", _("Date")),
                ("route", _("Route")),
                ("sent", _("Sent")),
                ("left", _("On the way")),
            ],
            {"number": 10, "on": 10, "sent": 7, "left": 10},
            flexible="route",
            right=("sent", "left"),
        )
        for summary in found:
            self.add_row(
                summary.number,
                day(summary.on),
                f"{summary.site} -> {summary.to_site}",
                Text(str(summary.sent), justify="right"),
                Text(str(summary.left), justify="right"),
            )
        self.put_cursor(cursor)


class SendLines(LinesTable):
    """The lines of a transfer being put together: product, SN, quantity."""

    def show(self, lines: Sequence[SendLine], cursor: int | None = None) -> None:
        """Show the lines, the cursor on the last one by default."""
        self.redraw = lambda: self.show(lines, self.cursor_row)
        self.set_columns(
            [("no", "#"), ("product", _("Product")), ("sn", _("SN")), ("qty", _("Qty"))],
            {"no": 3, "sn": 20, "qty": 5},
            flexible="product",
            right=("qty",),
        )
        for number, line in enumerate(lines, start=1):
            self.add_row(
                str(number),
                f"{line.name} ({line.sku})",
                line.serial or "-",
                Text(str(line.quantity), justify="right"),
            )
        self.put_cursor(len(lines) - 1 if cursor is None else cursor)


@dataclass(frozen=True)
class ArrivalRow:
    """One row of an arrival: its group, and the scanned code it came from, if any."""

    group: str
    """``extra``, ``missing`` or ``arrived``."""
    code: str | None = None
    """The scanned SN (an extra or arrived unit), which F8 takes off the list."""
    sku: str | None = None
    """The product of a quantity row, whose count F7 types."""


def arrival_rows(check: ArrivalCheck) -> list[tuple[ArrivalRow, Sent | None, str]]:
    """The rows in the order shown: extra scans first, then missing, then arrived."""
    rows: list[tuple[ArrivalRow, Sent | None, str]] = [
        (ArrivalRow("extra", code), None, code) for code in check.extra
    ]
    rows += [(ArrivalRow("extra", sku=sku), None, f"+{n}") for sku, n in check.extra_quantities]
    for group, items in (("missing", check.missing), ("arrived", check.arrived)):
        for item in items:
            rows.append((ArrivalRow(group, item.serial, item.sku), item, item.serial or ""))
    return rows


class ArrivalLines(LinesTable):
    """An arrival's scans in three groups; extra scans marked ``!`` in the error colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"arrival--extra", "arrival--arrived"}

    GROUPS: ClassVar[dict[str, str]] = {
        "extra": N_("Extra"),
        "missing": N_("Missing"),
        "arrived": N_("Arrived"),
    }

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.shown: list[ArrivalRow] = []
        """What each row shows, for the keys acting on the row under the cursor."""

    def show(self, check: ArrivalCheck, cursor: int = 0) -> None:
        """Show the groups of an arrival."""
        self.redraw = lambda: self.show(check, self.cursor_row)
        self.set_columns(
            [("group", ""), ("product", _("Product")), ("sn", _("SN")), ("qty", _("Qty"))],
            {"group": 10, "sn": 20, "qty": 5},
            flexible="product",
            right=("qty",),
        )
        self.shown = []
        for row, item, shown in arrival_rows(check):
            style = self._style(row.group)
            product = (
                f"{item.name} ({item.sku})" if item else (row.sku or _("not on this transfer"))
            )
            quantity = str(item.quantity) if item else "1" if row.code else shown
            self.add_row(
                Text(
                    ("! " if row.group == "extra" else "  ") + _(self.GROUPS[row.group]),
                    style=style,
                ),
                Text(product, style=style),
                Text(row.code or "-", style=style),
                Text(quantity, justify="right", style=style),
            )
            self.shown.append(row)
        self.put_cursor(cursor)

    def current(self) -> ArrivalRow | None:
        """The row under the cursor, if any."""
        row = self.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _style(self, group: str) -> Style:
        if group == "missing":
            return Style()
        return self.get_component_rich_style(f"arrival--{group}", partial=True)
