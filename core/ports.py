"""Interfaces the core needs from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol


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
