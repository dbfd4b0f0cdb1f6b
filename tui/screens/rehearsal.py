"""A unit of work that runs a service's every check and write, then rolls the lot back.

``Services.rehearsal()`` is meant for this, but with peewee 4.5 it rolls back and then lets
the transaction commit, which fails with "cannot rollback - no transaction is active". This
one hands the transaction an exception instead, so peewee itself rolls back once.
"""

from __future__ import annotations

from types import TracebackType

from core.persistence.unit_of_work import UnitOfWork
from tui.bootstrap import Services


class RehearsalOver(Exception):
    """Handed to the transaction so that it rolls back; never raised to a caller."""


class Rehearsal(UnitOfWork):
    """``with uow:`` that always rolls back, reporting the service's errors as they are."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            exc_type, exc = RehearsalOver, RehearsalOver()
        super().__exit__(exc_type, exc, traceback)


def rehearsal(services: Services) -> UnitOfWork:
    """A unit of work on the till's database that rolls back whatever a service did."""
    return Rehearsal(services.db)
