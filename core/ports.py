"""Interfaces the core needs from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from core.domain.permissions import Approval
    from core.persistence.unit_of_work import UnitOfWork


class Clock(Protocol):
    """Tells the time; injected so tests and demos can fix it."""

    def now(self) -> datetime:
        """The current UTC time."""
        ...

    def today(self) -> date:
        """Today's date in the shop's local time."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today's date in the machine's local time zone."""
        return date.today()


@dataclass(frozen=True)
class Context:
    """Who is working, where, and when: recorded with every document."""

    clock: Clock
    till: str = "till-1"
    operator: str = "cashier"
    hold_minutes: int = 30
    """How long a unit in this till's open sale stays held after the till's last scan."""
    role: str | None = None
    """The signed-in user's role (``core.domain.permissions.Role``); None when the shop has
    no till users, and every action is allowed as before."""
    approval: Approval | None = None
    """A manager's approval of the next action that needs one."""
    price_limit: int = 0
    """How far (percent) a cashier may move a price from the catalogue's alone."""
    site: str = "main"
    """The shop location this till belongs to (``[till] location``; ``core.domain.sites``):
    its documents post there and it sells only what is in stock there."""


class Ledger(Protocol):
    """The shop's books as a draft reaches them: who is working, a write and a rehearsal.

    The composition root's service object satisfies it; the drafts in ``core.drafts``
    take it so the core never imports the front ends' wiring."""

    @property
    def ctx(self) -> Context:
        """Who is working, where, and the clock."""
        ...

    def uow(self) -> UnitOfWork:
        """A new unit of work that posts for real."""
        ...

    def rehearsal(self) -> UnitOfWork:
        """A unit of work that runs every check of a post and writes nothing."""
        ...
