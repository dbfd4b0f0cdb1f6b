"""Warranty periods: when a warranty ends and how many days are left."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from core.domain.errors import InputError
from core.i18n import _, ngettext

MAX_MONTHS = 1200
"""The longest warranty in months (a hundred years: its end stays a date either engine holds)."""
MAX_DAYS = 36_600
"""The longest warranty in days."""


@dataclass(frozen=True)
class WarrantyPeriod:
    """A warranty length in calendar months or in days (exactly one is set)."""

    months: int = 0
    """Calendar months; the end day is clamped to the last day of a shorter month."""
    days: int = 0
    """Days, used when the period is not a whole number of months."""

    def __post_init__(self) -> None:
        if self.months < 0 or self.days < 0:
            raise InputError(_("A warranty period cannot be negative."))
        if self.months and self.days:
            raise InputError(_("Give the warranty in months or in days, not both."))
        if self.months > MAX_MONTHS or self.days > MAX_DAYS:
            raise InputError(
                _("A warranty runs {most_months} months or {most_days} days at most.").format(
                    most_months=MAX_MONTHS, most_days=MAX_DAYS
                )
            )

    @property
    def is_zero(self) -> bool:
        """True when the goods carry no warranty."""
        return not self.months and not self.days

    def end(self, start: date) -> date:
        """The last day the warranty is active for goods sold on ``start``."""
        if self.days:
            return start + timedelta(days=self.days)
        month_index = start.month - 1 + self.months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return date(year, month, day)

    def describe(self) -> str:
        """A short text such as ``12 months`` or ``14 days``, in the chosen language."""
        if self.days:
            return ngettext("{count} day", "{count} days", self.days).format(count=self.days)
        return ngettext("{count} month", "{count} months", self.months).format(count=self.months)


def days_left(warranty_end: date | None, as_of: date) -> int | None:
    """Days from ``as_of`` to the warranty's end; negative once it has expired."""
    if warranty_end is None:
        return None
    return (warranty_end - as_of).days


def is_active(warranty_end: date | None, as_of: date) -> bool:
    """A warranty is active through its end date inclusive."""
    return warranty_end is not None and as_of <= warranty_end
