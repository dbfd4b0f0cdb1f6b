"""Test doubles: a clock that stands still until told to move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


class FakeClock:
    """A clock fixed at a given moment; ``advance`` moves it."""

    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The fixed UTC time."""
        return self.at

    def today(self) -> date:
        """The fixed date."""
        return self.at.date()

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta's keyword arguments."""
        self.at += timedelta(**delta)
