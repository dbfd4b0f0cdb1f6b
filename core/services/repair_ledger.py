"""What every repair workflow shares: finding an order, numbering its steps, recording a status
change, and following a unit's replacement lineage."""

from __future__ import annotations

from datetime import date

from core.domain.errors import NotFound
from core.domain.kinds import DocumentKind
from core.domain.repairs import RepairStatus
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.repair_views import OrderRow, SerialLinkRow
from core.services.posting import Posting


def require_order(uow: UnitOfWork, number: str, *, lock: bool = True) -> OrderRow:
    """The order with this number, or a clear NotFound."""
    order = uow.repairs.order(number, lock=lock)
    if order is None:
        raise NotFound(
            _("There is no repair order numbered {number}.").format(number=number.strip())
        )
    return order


def step_posting(
    uow: UnitOfWork,
    ctx: Context,
    kind: DocumentKind,
    parent: tuple[int, str],
    on: date,
    *,
    party: str | None = None,
    phone: str | None = None,
) -> Posting:
    """A document for one step of an order or an RMA, numbered after it (RP-000001-2) and
    dated the day the step is taken."""
    parent_id, parent_number = parent
    number = f"{parent_number}-{uow.repairs.step_count(parent_id) + 1}"
    return Posting(uow, ctx, kind, on, party=party, phone=phone, ref_id=parent_id, number=number)


def record_status(
    uow: UnitOfWork,
    ctx: Context,
    order: OrderRow,
    status: RepairStatus,
    on: date,
    reason: str | None = None,
) -> None:
    """Set the order's status and append the dated change with who made it."""
    closed = on if not status.is_open else None
    uow.repairs.set_status(order.id, status, reason, closed)
    uow.repairs.add_change(order.id, status, reason, on, ctx.clock.now(), ctx.till, ctx.operator)


def chain(links: list[SerialLinkRow], serial: str) -> list[str]:
    """The serial numbers of a unit's lineage in order: the first unit, its replacement, the
    replacement's replacement…"""
    earlier = {link.new_serial: link.old_serial for link in links}
    later = {link.old_serial: link.new_serial for link in links}
    first, seen = serial, {serial}
    while first in earlier and earlier[first] not in seen:
        first = earlier[first]
        seen.add(first)
    found, seen = [first], {first}
    while found[-1] in later and later[found[-1]] not in seen:
        found.append(later[found[-1]])
        seen.add(found[-1])
    return found
