"""The permission check every managed action passes, and the journal entry of an approval."""

from __future__ import annotations

from core.domain.permissions import NeedsManager, Right, may
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context


def require(ctx: Context, right: Right) -> None:
    """Refuse (rule ``needs_manager``) unless the user may act alone or a manager approved."""
    if may(ctx.role, right):
        return
    if ctx.approval is not None and ctx.approval.covers(right):
        return
    raise NeedsManager(right, ctx.operator)


def approved_by(ctx: Context, right: Right) -> str | None:
    """The manager whose approval this action rests on, if the user could not act alone."""
    if may(ctx.role, right) or ctx.approval is None:
        return None
    return ctx.approval.manager


def spend_approval(uow: UnitOfWork, ctx: Context, right: Right, document: str | None) -> None:
    """Record who approved an action (both names) and use the approval up; inside the
    action's own transaction, so an action refused later leaves no approval behind."""
    manager = approved_by(ctx, right)
    if manager is None or ctx.approval is None or uow.checking:
        return
    uow.journal.add(
        ctx.clock.now(),
        "approval",
        ctx.operator,
        ctx.till,
        approver=manager,
        document=document,
        detail=right.value,
    )
    ctx.approval.used = True
