"""The decision panel of the customer-return screen: for a unit brought back, the actions that
apply — refund or exchange inside the return window, warranty service, paid repair, refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from core.domain.repairs import Offer
from core.drafts.customer_return import Command, Preview
from core.drafts.entry import Scan
from core.repair_views import IntakeFacts
from tui.dialogs.decision_panel import DecisionPanel
from tui.dialogs.entry import EntryDialog
from tui.i18n import _
from tui.repair_facts import decision_rows
from tui.unit_facts import unit_facts
from tui.widgets.notice import Notice

if TYPE_CHECKING:
    from bootstrap.services import Services
    from tui.screens.till_screen import TillScreen

    _Base = TillScreen
else:
    _Base = object


class ReturnDecision(_Base):
    """Mix into the return screen (before TillScreen): a unit's preview opens the panel."""

    services: Services
    exchange = False
    """The return being posted is an exchange: the customer takes another unit."""

    if TYPE_CHECKING:

        def post_return(self, command: Command) -> Any: ...

    @work(thread=True, exclusive=True, exit_on_error=False, group="return-ask")
    def weigh(self, preview: Preview) -> None:
        """What the ledger says of the unit: return window, warranty, repairs, the offers."""
        assert preview.unit is not None
        self.post_message(self.Weighed(preview, self.services.desk.facts(preview.unit.serial)))

    class Weighed(Message):
        """A unit's return preview with what can be done with it."""

        def __init__(self, preview: Preview, facts: IntakeFacts) -> None:
            super().__init__()
            self.preview = preview
            self.facts = facts

    def on_return_decision_weighed(self, message: Weighed) -> None:
        """The decision panel: only the actions that apply."""
        preview, facts = message.preview, message.facts
        assert preview.unit is not None
        rows = [*unit_facts(preview.unit), *decision_rows(facts)]
        panel = DecisionPanel(_("Customer return"), rows, preview.warnings, facts.offers)
        self.app.push_screen(panel, lambda yes: self._decided(preview, panel, bool(yes)))

    async def _decided(self, preview: Preview, panel: DecisionPanel, yes: bool) -> None:
        choice = panel.choice if yes else None
        if choice in (Offer.REFUND, Offer.EXCHANGE):
            self.exchange = choice is Offer.EXCHANGE
            self.post_return(preview.command)
        elif choice in (Offer.WARRANTY_SERVICE, Offer.PAID_REPAIR) and preview.unit:
            from tui.screens.service import ServiceScreen

            await self.app.switch_mode("service")
            screen = self.app.screen
            if isinstance(screen, ServiceScreen):
                screen.take_scan(Scan.typed(preview.unit.serial))
        elif choice is Offer.REFUSE:
            dialog = EntryDialog(_("Refuse"), _("Reason"), "")
            self.app.push_screen(dialog, self._refused_with)

    def _refused_with(self, reason: str | None) -> None:
        if reason:
            text = _("Refused: {reason}. Nothing was taken back.").format(reason=reason)
            self.query_one(Notice).say(text, "warning")

    def slip(self, scan: Scan) -> bool:
        """A repair slip scanned here opens its order at the service desk."""
        from tui.screens.service import ORDER_NUMBER

        if not ORDER_NUMBER.fullmatch(scan.text.strip()):
            return False
        self.app.call_later(self._to_service, scan)
        return True

    async def _to_service(self, scan: Scan) -> None:
        from tui.screens.service import ServiceScreen

        await self.app.switch_mode("service")
        screen = self.app.screen
        if isinstance(screen, ServiceScreen):
            screen.take_scan(scan)
