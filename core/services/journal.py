"""The action journal: what the front ends record (sign-outs, refusals, voided lines,
reprints) and what the journal screen and `till journal` read."""

from __future__ import annotations

from datetime import date

from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.views import JournalRow

KINDS = (
    "sign_in",
    "sign_in_failed",
    "locked",
    "sign_out",
    "approval",
    "refusal",
    "void_line",
    "price_override",
    "settings",
    "card_reprint",
    "user_added",
    "user_changed",
)
"""Every kind of entry the till writes."""


def record(
    uow: UnitOfWork,
    ctx: Context,
    kind: str,
    *,
    document: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one entry in its own transaction, stamped with who, where and when."""
    manager = ctx.approval.manager if ctx.approval is not None else None
    with uow:
        uow.journal.add(
            ctx.clock.now(),
            kind,
            ctx.operator,
            ctx.till,
            approver=manager if kind == "approval" else None,
            document=document,
            detail=(detail or "")[:500] or None,
        )


def entries(
    uow: UnitOfWork,
    *,
    user: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    limit: int = 1000,
) -> list[JournalRow]:
    """Entries matching every filter given, oldest first."""
    with uow:
        return uow.journal.find(user=user, kind=kind, since=since, limit=limit)
