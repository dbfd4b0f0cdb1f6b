"""A customer return being taken: a unit by its serial number, or goods against the sale.

Each answer is rehearsed, so the cashier confirms only a return the core would accept.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.commands import ReturnKit, ReturnQuantity, ReturnUnit
from core.domain.errors import NotFound
from core.domain.movements import DocumentKind
from core.drafts.entry import Scan
from core.drafts.steps import Choose, Refused, refusing
from core.i18n import _
from core.ports import Ledger
from core.results import Posted
from core.services import kit_returns, kits, queries, returns
from core.views import DocumentView, LineRow, UnitSummary

Command = ReturnUnit | ReturnQuantity | ReturnKit
"""A return by serial number, by quantity against a sale, or of a whole kit."""


@dataclass(frozen=True)
class SaleFound:
    """The code is a sale's number: its lines, to pick what comes back."""

    view: DocumentView


@dataclass(frozen=True)
class Preview:
    """A return the core would accept, with what the cashier confirms it on."""

    command: Command
    refund: int
    warnings: tuple[str, ...]
    unit: UnitSummary | None = None
    sale: DocumentView | None = None
    line: LineRow | None = None


@dataclass(frozen=True)
class ScanTheUnit:
    """The chosen line's units come back one by one: the cashier scans the SN of the one."""


ReturnStep = Choose | SaleFound | Preview | Refused | ScanTheUnit
"""What a scan or a chosen line means for the return."""


class ReturnDraft:
    """The return at the till: finds the unit or the sale, previews, posts."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.sale: DocumentView | None = None
        """The sale the goods come back against, once its number was scanned."""

    def take(self, scan: Scan) -> ReturnStep:
        """Decide what a scan means and apply it."""
        return self.apply(self.decide(scan))

    def decide(self, scan: Scan) -> ReturnStep:
        """A unit by serial number (a choice when several products have it), else a sale."""
        return refusing(lambda: self._look_up(scan.text), "look")

    def pick(self, unit: UnitSummary) -> ReturnStep:
        """The return of one unit, rehearsed."""
        return refusing(lambda: self._preview_unit(unit), "look")

    def quantity(self, sale: DocumentView, line: LineRow, quantity: int) -> ReturnStep:
        """The return of a quantity of a sale's line, rehearsed."""
        command = ReturnQuantity(sale.header.ref.number, line.sku, quantity)
        return refusing(lambda: self._preview(command, sale=sale, line=line), "qty")

    def serial_line(
        self, sale: DocumentView, line: LineRow, serials: tuple[str, ...]
    ) -> ReturnStep:
        """A sale's line with SNs chosen: a kit line comes back whole (rehearsed), the units of
        any other line one by one by their SNs."""
        ledger = self.ledger
        if line.id not in kits.line_parts(ledger.uow(), sale.header.ref.number):
            return ScanTheUnit()
        command = ReturnKit(serials[0])
        return refusing(lambda: self._preview(command, sale=sale, line=line), "qty")

    def apply(self, step: ReturnStep) -> ReturnStep:
        """A sale found becomes the one goods come back against."""
        if isinstance(step, SaleFound):
            self.sale = step.view
        return step

    def forget(self) -> None:
        """No sale on hand any more."""
        self.sale = None

    def post(self, command: Command) -> Posted:
        """Post the return for real (a refusal raises and leaves the draft as it was)."""
        ledger = self.ledger
        if isinstance(command, ReturnUnit):
            return returns.return_unit(command, ledger.uow(), ledger.ctx)
        if isinstance(command, ReturnKit):
            return kit_returns.return_kit(command, ledger.uow(), ledger.ctx)
        return returns.return_quantity(command, ledger.uow(), ledger.ctx)

    def _look_up(self, text: str) -> ReturnStep:
        ledger = self.ledger
        units = queries.unit_summaries(ledger.uow(), text, ledger.ctx.clock.today())
        if len(units) > 1:
            return Choose(tuple(units))
        if units:
            return self._preview_unit(units[0])
        try:
            view = queries.document(ledger.uow(), text)
        except NotFound:
            view = None
        if view is None or view.header.ref.kind is not DocumentKind.SALE:
            message = _("No unit has the serial number {code}, and no sale has that number.")
            raise NotFound(message.format(code=text), title=_("Unknown code"))
        return SaleFound(view)

    def _preview_unit(self, unit: UnitSummary) -> Preview:
        return self._preview(ReturnUnit(unit.serial, code=unit.sku), unit=unit)

    def _preview(
        self,
        command: Command,
        *,
        unit: UnitSummary | None = None,
        sale: DocumentView | None = None,
        line: LineRow | None = None,
    ) -> Preview:
        ledger = self.ledger
        if isinstance(command, ReturnUnit):
            posted = returns.return_unit(command, ledger.rehearsal(), ledger.ctx)
        elif isinstance(command, ReturnKit):
            posted = kit_returns.return_kit(command, ledger.rehearsal(), ledger.ctx)
        else:
            posted = returns.return_quantity(command, ledger.rehearsal(), ledger.ctx)
        warnings = tuple(warning.message for warning in posted.warnings)
        return Preview(command, posted.total, warnings, unit=unit, sale=sale, line=line)
