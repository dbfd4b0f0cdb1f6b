"""A unit's repairs as its history shows them: the orders' status changes and the lineage of
units replaced under warranty."""

from __future__ import annotations

from core.domain.repairs import STATUS_EVENT, RepairStatus, status_word
from core.persistence.unit_of_work import UnitOfWork
from core.reports import HistoryEvent
from core.services.repair_ledger import chain

SHOWN_BY_MOVEMENTS = (RepairStatus.ACCEPTED, RepairStatus.HANDED_BACK)
"""Statuses the unit's own movements already show (taken in, handed back)."""


def status_events(uow: UnitOfWork, serials: list[str]) -> list[HistoryEvent]:
    """The dated, signed status changes of every order of these serial numbers."""
    events = []
    for order, change in uow.repairs.changes_of_serials(serials):
        if change.status in SHOWN_BY_MOVEMENTS:
            continue
        word = status_word(change.status)
        events.append(
            HistoryEvent(
                at=change.at,
                on=change.on,
                kind=STATUS_EVENT.code,
                document=order,
                party=None,
                cost=0,
                price=None,
                detail=f"{word}: {change.reason}" if change.reason else word,
                till=change.till,
                operator=change.operator,
            )
        )
    return events


def lineage(uow: UnitOfWork, serial: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """The SN that replaced this unit, the SN it replaced, and the whole chain (empty when
    the unit was never part of a replacement)."""
    links = uow.repairs.links()
    found = chain(links, serial)
    if len(found) == 1:
        return None, None, ()
    at = found.index(serial)
    replaced_by = found[at + 1] if at + 1 < len(found) else None
    replaces = found[at - 1] if at > 0 else None
    return replaced_by, replaces, tuple(found)
