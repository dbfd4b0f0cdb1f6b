"""Supplier returns and write-offs: goods leaving the store other than by sale."""

from __future__ import annotations

from core.commands import ReturnToSupplier, WriteOff
from core.domain.errors import InputError
from core.domain.movements import DocumentKind, Location
from core.domain.tracking import Operation
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.outgoing import group_items, take_out
from core.services.posting import Posting


def return_to_supplier(cmd: ReturnToSupplier, uow: UnitOfWork, ctx: Context) -> Posted:
    """Send goods back to a supplier; tracked units must be in stock."""
    supplier = cmd.supplier.strip()
    if not supplier:
        raise InputError(_("A supplier return needs the supplier's name."))
    return _post(
        uow,
        ctx,
        DocumentKind.SUPPLIER_RETURN,
        Operation.SUPPLIER_RETURN,
        Location.SUPPLIER,
        cmd.items,
        cmd,
        party=supplier,
        reason=cmd.reason,
    )


def write_off(cmd: WriteOff, uow: UnitOfWork, ctx: Context) -> Posted:
    """Write goods off with a reason; tracked units must be in stock."""
    if not cmd.reason.strip():
        raise InputError(_("A write-off needs a reason."))
    return _post(
        uow,
        ctx,
        DocumentKind.WRITE_OFF,
        Operation.WRITE_OFF,
        Location.WRITTEN_OFF,
        cmd.items,
        cmd,
        reason=cmd.reason.strip(),
    )


def _post(
    uow: UnitOfWork,
    ctx: Context,
    kind: DocumentKind,
    operation: Operation,
    target: Location,
    items: tuple,  # type: ignore[type-arg]
    cmd: ReturnToSupplier | WriteOff,
    **header: str | None,
) -> Posted:
    if not items:
        raise InputError(_("Name at least one item."))
    with uow:
        posting = Posting(uow, ctx, kind, cmd.on or ctx.clock.today(), **header)
        with posting.refusals_first():
            for product, _price, group in group_items(uow, items):
                quantity = sum(item.quantity for item in group)
                line_id = posting.add_line(product, quantity, 0)
                take_out(posting, operation, target, product, line_id, group)
        return posting.finish(total=0)
