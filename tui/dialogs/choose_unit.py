"""Several products know this serial number: the cashier picks the unit meant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from core.views import UnitSummary
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class ChooseUnit(Dialog[UnitSummary | None]):
    """A list of units with the same serial number; Enter picks one, Esc none."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Back"))]

    def __init__(self, units: Sequence[UnitSummary]) -> None:
        super().__init__(classes="entry-dialog")
        self.units = tuple(units)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Which product?")
            yield Static(
                _("Serial number {serial} belongs to several products:").format(
                    serial=self.units[0].serial
                ),
                classes="label",
                markup=False,
            )
            yield OptionList(
                *(
                    Option(f"{unit.sku}  {unit.name}", id=str(i))
                    for i, unit in enumerate(self.units)
                )
            )
            yield Static(_("Enter: choose   Esc: back"), classes="keys")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Answer the chosen unit."""
        event.stop()
        self.dismiss(self.units[event.option_index])

    def action_cancel(self) -> None:
        """Answer none."""
        self.dismiss(None)
