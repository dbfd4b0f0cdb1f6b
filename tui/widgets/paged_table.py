"""A report's table: PgDn and PgUp turn the report's pages instead of scrolling the one shown."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.widgets.lines_table import LinesTable


class PagedTable(LinesTable):
    """A page of a report; the screen fetches the next or previous page from the database."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "screen.page(1)", show=False),
        Binding("pageup", "screen.page(-1)", show=False),
    ]
