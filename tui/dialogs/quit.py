"""Quitting with a sale open: what would be lost, Enter quits, Esc goes back to the sale."""

from __future__ import annotations

from core.drafts.cart import Cart
from tui.dialogs.confirm import ConfirmDialog
from tui.i18n import _, money


class QuitDialog(ConfirmDialog):
    """Asks before the till closes over a sale that has lines but was not paid."""

    def __init__(self, cart: Cart) -> None:
        facts = [
            (_("Lines"), str(len(cart.lines))),
            (_("Total"), money(cart.total)),
        ]
        super().__init__(
            _("Quit the till?"),
            facts,
            [_("The open sale is not posted and will be lost.")],
            _("Enter quits; Esc goes back to the sale."),
        )
