"""The decision on a unit brought back: its sale, return window, warranty and repairs, and one
key for each action that applies — refund or exchange inside the window, warranty service,
paid repair, refusal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from core.domain.repairs import Offer, offer_word
from tui.dialogs.confirm import ConfirmDialog
from tui.i18n import N_, _

KEYS: dict[Offer, str] = {
    Offer.REFUND: "Enter",
    Offer.EXCHANGE: "F5",
    Offer.WARRANTY_SERVICE: "F6",
    Offer.PAID_REPAIR: "F7",
    Offer.REFUSE: "F8",
}
"""The key of each action, as the panel lists them."""


class DecisionPanel(ConfirmDialog):
    """Answers True with ``choice`` set to the action taken, False on Esc; only the actions
    that apply have a key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f10", "choose('refund')", N_("Refund")),
        Binding("f5", "choose('exchange')", N_("Exchange")),
        Binding("f6", "choose('warranty_service')", N_("Warranty service")),
        Binding("f7", "choose('paid_repair')", N_("Paid repair")),
        Binding("f8", "choose('refuse')", N_("Refuse")),
        Binding("escape", "answer(False)", N_("Back")),
    ]

    def __init__(
        self,
        title: str,
        facts: Sequence[tuple[str, str]],
        warnings: Sequence[str],
        offers: Sequence[Offer],
    ) -> None:
        super().__init__(title, facts, warnings)
        self.offers = tuple(offers)
        self.choice: Offer | None = None
        """The action the cashier took."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self._facts(), classes="facts")
            for warning in self.warnings:
                yield Static(f"! {warning}", classes="warning", markup=False)
            keys = "   ".join(f"{KEYS[o]}: {offer_word(o)}" for o in self.offers)
            yield Static(f"{keys}   Esc: {_('back')}", classes="keys", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the actions that apply."""
        if action == "choose":
            return Offer(str(parameters[0])) in self.offers
        return True

    def action_choose(self, offer: str) -> None:
        """Close with the action taken."""
        self.choice = Offer(offer)
        self.dismiss(True)
