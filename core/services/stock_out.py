"""Supplier returns and write-offs: goods leaving the store other than by sale."""

from __future__ import annotations

from core.commands import MoveGoods, ReturnToSupplier, WriteOff
from core.domain.errors import InputError
from core.domain.movements import DocumentKind
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.moving import post_goods


def return_to_supplier(cmd: ReturnToSupplier, uow: UnitOfWork, ctx: Context) -> Posted:
    """Send goods back to a supplier; tracked units must be in stock."""
    goods = MoveGoods(DocumentKind.SUPPLIER_RETURN, cmd.items, cmd.supplier, cmd.reason, cmd.on)
    return post_supplier_return(goods, uow, ctx)


def write_off(cmd: WriteOff, uow: UnitOfWork, ctx: Context) -> Posted:
    """Write goods off with a reason; tracked units must be in stock."""
    goods = MoveGoods(DocumentKind.WRITE_OFF, cmd.items, reason=cmd.reason, on=cmd.on)
    return post_write_off(goods, uow, ctx)


def post_supplier_return(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """The supplier-return kind's service: the supplier's name, then the declared move."""
    if not (cmd.party or "").strip():
        raise InputError(_("A supplier return needs the supplier's name."))
    return post_goods(cmd, uow, ctx)


def post_write_off(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """The write-off kind's service: a reason, then the declared move."""
    if not (cmd.reason or "").strip():
        raise InputError(_("A write-off needs a reason."))
    return post_goods(cmd, uow, ctx)
