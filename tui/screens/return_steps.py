"""What a scan on the return screen finds, and the return it would post; run in a worker."""

from __future__ import annotations

from dataclasses import dataclass

from bootstrap.services import Services
from core.commands import ReturnQuantity, ReturnUnit
from core.domain.errors import NotFound
from core.domain.movements import DocumentKind
from core.persistence.documents_repo import LineRow
from core.results import Posted
from core.services import queries, returns
from core.services.queries import DocumentView, UnitSummary
from tui.i18n import _

Command = ReturnUnit | ReturnQuantity


@dataclass(frozen=True)
class Several:
    """The serial number is known for several products: the cashier picks one."""

    units: tuple[UnitSummary, ...]


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


Found = Several | SaleFound | Preview


def look_up(services: Services, code: str) -> Found:
    """A unit by serial number, else a sale by number."""
    text = code.strip()
    units = queries.unit_summaries(services.uow(), text, services.ctx.clock.today())
    if len(units) > 1:
        return Several(tuple(units))
    if units:
        return preview_unit(services, units[0])
    try:
        view = queries.document(services.uow(), text)
    except NotFound:
        view = None
    if view is None or view.header.ref.kind is not DocumentKind.SALE:
        message = _("No unit has the serial number {code}, and no sale has that number.")
        raise NotFound(message.format(code=text), title=_("Unknown code"))
    return SaleFound(view)


def preview_unit(services: Services, unit: UnitSummary) -> Preview:
    """The return of one unit, rehearsed: refused here when the core would refuse it."""
    command = ReturnUnit(unit.serial, code=unit.sku)
    posted = returns.return_unit(command, services.rehearsal(), services.ctx)
    return Preview(command, posted.total, _warnings(posted), unit=unit)


def preview_quantity(
    services: Services, sale: DocumentView, line: LineRow, quantity: int
) -> Preview:
    """The return of a quantity of a sale's line, rehearsed."""
    command = ReturnQuantity(sale.header.ref.number, line.sku, quantity)
    posted = returns.return_quantity(command, services.rehearsal(), services.ctx)
    return Preview(command, posted.total, _warnings(posted), sale=sale, line=line)


def post(services: Services, command: Command) -> Posted:
    """Post the return for real."""
    if isinstance(command, ReturnUnit):
        return returns.return_unit(command, services.uow(), services.ctx)
    return returns.return_quantity(command, services.uow(), services.ctx)


def _warnings(posted: Posted) -> tuple[str, ...]:
    return tuple(warning.message for warning in posted.warnings)
