"""The goods-in screen's line keys: cursor, a line's serial numbers (F5), removal (F8)."""

from __future__ import annotations

from functools import partial

from textual.widgets import Input

from core.drafts.goods_in import GoodsInDraft, ReceiptDraft
from core.results import Posted
from tui.dialogs.receipt_serials import ReceiptSerials
from tui.dialogs.serial_entry import SerialEntry
from tui.i18n import _
from tui.screens.till_screen import TillScreen
from tui.widgets.notice import Notice
from tui.widgets.receipt_lines import ReceiptLines


class InvoiceLines(TillScreen):
    """Line keys of the goods-in screen; serial numbers are checked by the line's draft."""

    goods_in: GoodsInDraft
    posted: Posted | None

    def show_draft(self, cursor: int | None = None) -> None:
        """Show the invoice (the goods-in screen draws it)."""
        raise NotImplementedError

    @property
    def draft(self) -> ReceiptDraft:
        """The invoice as the goods-in draft holds it."""
        return self.goods_in.receipt

    @draft.setter
    def draft(self, receipt: ReceiptDraft) -> None:
        self.goods_in.receipt = receipt

    def _row(self) -> int:
        return self.query_one(ReceiptLines).cursor_row

    def action_cursor(self, step: int) -> None:
        """Move the line cursor."""
        self.query_one(ReceiptLines).put_cursor(max(0, self._row() + step))

    def action_serials(self) -> None:
        """Open the serial numbers of the line under the cursor (to view or correct them)."""
        row = self._row()
        if not self.draft.lines or not self.draft.lines[row].tracked:
            self.query_one(Notice).say(_("This line has no serial numbers."), "warning")
        elif self.posted is not None:
            self.app.push_screen(ReceiptSerials(self.services, self.posted.number, row + 1))
        else:
            self.draft = self.draft.with_header(*self._header())
            entry = SerialEntry(self.goods_in.serials(row))
            self.app.push_screen(entry, partial(self._serials_entered, row))

    def _serials_entered(self, row: int, serials: tuple[str, ...] | None) -> None:
        if serials is not None:
            self.draft = self.draft.with_serials(row, serials)
            self.show_draft(row)

    def action_remove(self) -> None:
        """Take the line under the cursor off the invoice."""
        if self.draft.lines and self.posted is None:
            self.draft = self.draft.remove(self._row())
            self.show_draft(self._row())

    def _header(self) -> tuple[str, str]:
        return self.query_one("#supplier", Input).value, self.query_one("#number", Input).value
