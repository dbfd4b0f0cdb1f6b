"""A read-only table whose one flexible column takes the width the others leave."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from tui.plain_text import plain

CELL_PADDING = 1
"""Blank columns on each side of every cell."""


class LinesTable(DataTable[object]):
    """A row-cursor table rebuilt whole on every change (a sale or invoice has few lines)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=CELL_PADDING)
        self.redraw: Callable[[], None] | None = None
        """Draws the table again from what it shows now, after a resize."""

    def add_row(
        self,
        *cells: object,
        height: int | None = 1,
        key: str | None = None,
        label: object = None,
    ) -> RowKey:
        """Add a row whose cells show stored text as written: markup in a product's or a
        customer's name is not interpreted, control characters are escaped."""
        return super().add_row(
            *(plain(cell) for cell in cells),
            height=height,
            key=key,
            label=None if label is None else plain(label),  # type: ignore[arg-type]
        )

    def on_resize(self) -> None:
        """Give the flexible column the new width."""
        if self.redraw is not None:
            self.redraw()

    def set_columns(
        self,
        columns: Sequence[tuple[str, str]],
        widths: Mapping[str, int],
        flexible: str,
        right: Collection[str] = (),
        least: int = 12,
    ) -> None:
        """Clear the table and lay out its columns; ``flexible`` gets the rest of the width,
        and at least ``least`` columns.

        Columns named in ``right`` (amounts, quantities) have their headings on the right."""
        self.clear(columns=True)
        room = (self.scrollable_content_region.width or 76) - 1
        shown = {key for key, _label in columns}
        used = sum(w for key, w in widths.items() if key in shown)
        used += 2 * CELL_PADDING * len(columns)
        for key, label in columns:
            width = widths.get(key, max(least, room - used))
            heading = Text(label, justify="right" if key in right else "left")
            self.add_column(heading, key=key, width=width)

    def put_cursor(self, row: int) -> None:
        """Move the cursor to a row if there is one."""
        if self.row_count and row >= 0:
            self.move_cursor(row=min(row, self.row_count - 1))
