"""The count screen's keys that settle a sheet: replace a mixed-up SN, post the count."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.message import Message

from core.domain.errors import TillError
from core.domain.movements import DocumentKind
from core.drafts.count import CountDraft
from core.results import Posted
from core.views import ProductCount, SheetView
from tui.dialogs.post_count import PostCountDialog
from tui.dialogs.replace_serial import ReplaceSerialDialog
from tui.i18n import _
from tui.messages import DocumentPosted, Refused
from tui.screens.back_office import BackOfficeScreen
from tui.widgets.count_lines import CountLines
from tui.widgets.notice import Notice

OPEN_ONLY = ("replace", "post", "import_file")
"""Actions that change a sheet, so need an open one."""


class CountSettling(BackOfficeScreen):
    """Resolves a product's surplus/shortage pair (F9); posts the sheet after confirmation (F10)."""

    class Shown(Message):
        """The sheet as it stands now."""

        def __init__(self, sheet: SheetView) -> None:
            super().__init__()
            self.sheet = sheet

    draft: CountDraft

    @property
    def sheet(self) -> SheetView | None:
        """The sheet on screen, as the count's draft holds it."""
        return self.draft.sheet

    @sheet.setter
    def sheet(self, sheet: SheetView | None) -> None:
        self.draft.sheet = sheet

    def line(self) -> ProductCount | None:
        """The product under the cursor."""
        row = self.query_one(CountLines).cursor_row
        products = self.sheet.products if self.sheet is not None else ()
        return products[row] if 0 <= row < len(products) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Changes need an open sheet; replacing is offered only for a fixable pair."""
        if action in OPEN_ONLY and (self.sheet is None or self.sheet.status != "open"):
            return False
        if action == "replace":
            line = self.line()
            return line is not None and line.replaceable
        return True

    def action_replace(self) -> None:
        """Resolve the product's surplus/shortage pair by correcting the document."""
        line = self.line()
        if self.sheet is not None and line is not None and line.replaceable:
            dialog = ReplaceSerialDialog(line, self.sheet.unknown)
            self.app.push_screen(dialog, self._replace)

    def _replace(self, pair: tuple[str, str] | None) -> None:
        if pair is not None and self.sheet is not None:
            self.settle(self.sheet.number, lambda: self.draft.replace(*pair))

    def action_post(self) -> None:
        """Confirm what posting writes off and takes in, then post."""
        if self.sheet is not None:
            self.app.push_screen(PostCountDialog(self.sheet), self._post)

    def _post(self, costs: dict[str, int] | None) -> None:
        if costs is not None and self.sheet is not None:
            self.query_one(Notice).progress(_("Posting the count, please wait"))
            self.settle(self.sheet.number, lambda: self.draft.post(costs))

    @work(thread=True, exclusive=True, exit_on_error=False, group="count-settle")
    def settle(self, number: str, change: Callable[[], Posted]) -> None:
        """Post a correction or the count, then read the sheet again."""
        try:
            self.post_message(DocumentPosted(change()))
            self.post_message(self.Shown(self.draft.resume(number)))
        except TillError as error:
            self.post_message(Refused(error))

    @on(DocumentPosted)
    def posted(self, message: DocumentPosted) -> None:
        """Say what was posted: the count, or the correction whose warranty card may change."""
        posted = message.posted
        if posted.kind is DocumentKind.COUNT:
            said = _("Count {number} posted: the stock now matches it.")
        else:
            said = _(
                "Corrected by {number}: the document now names the right unit. "
                "If it was a sale, its warranty card can be re-printed."
            )
        self.query_one(Notice).say(said.format(number=posted.number), "done")
