"""Replace serial number in case of mismatch: pick the SN found and the SN missing of a product."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from core.domain.limits import escaped
from core.views import ProductCount
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class ReplaceSerialDialog(Dialog[tuple[str, str] | None]):
    """Answers (surplus SN, shortage SN); the core then corrects the document that had it wrong."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, line: ProductCount, unknown: tuple[str, ...]) -> None:
        super().__init__(classes="replace-dialog")
        self.line = line
        self.found = tuple(dict.fromkeys((*line.surplus, *unknown)))
        """Candidates for the unit really there: the product's surplus, then unknown scans."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Replace serial number")
            yield Static(escaped(f"{self.line.name} ({self.line.sku})"), id="product", markup=False)
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Static(_("Found, not expected"), classes="label")
                    yield OptionList(*(Option(s) for s in self.found), id="surplus")
                with Vertical():
                    yield Static(_("Expected, not found"), classes="label")
                    yield OptionList(*(Option(s) for s in self.line.shortage), id="shortage")
            yield Static(
                _(
                    "The latest document that recorded the wrong SN (usually the sale) is "
                    "corrected; both versions stay in the history."
                ),
                classes="hint",
            )
            yield Static(_("Enter: choose   Tab: other list   Esc: back"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#surplus", OptionList).focus()

    @on(OptionList.OptionSelected, "#surplus")
    def surplus_chosen(self, event: OptionList.OptionSelected) -> None:
        """The unit really there is chosen: now the one missing."""
        event.stop()
        self.query_one("#shortage", OptionList).focus()

    @on(OptionList.OptionSelected, "#shortage")
    def shortage_chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer the pair."""
        event.stop()
        found = self.query_one("#surplus", OptionList).highlighted or 0
        self.dismiss((self.found[found], self.line.shortage[event.option_index]))

    def action_cancel(self) -> None:
        """Answer nothing."""
        self.dismiss(None)
