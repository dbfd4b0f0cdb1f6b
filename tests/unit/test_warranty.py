"""Warranty periods: end dates, clamping, active through the end date, days left."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain.errors import InputError
from core.domain.warranty import WarrantyPeriod, days_left, is_active


def test_months_end_on_the_same_day_of_a_later_month() -> None:
    """12 months from 15 March ends on 15 March next year."""
    assert WarrantyPeriod(months=12).end(date(2026, 3, 15)) == date(2027, 3, 15)


def test_months_clamp_to_the_last_day_of_a_shorter_month() -> None:
    """A month after 31 January is the last day of February."""
    assert WarrantyPeriod(months=1).end(date(2026, 1, 31)) == date(2026, 2, 28)
    assert WarrantyPeriod(months=1).end(date(2028, 1, 31)) == date(2028, 2, 29)
    assert WarrantyPeriod(months=13).end(date(2026, 12, 31)) == date(2028, 1, 31)


def test_days_are_added_as_calendar_days() -> None:
    """14 days from 25 December ends on 8 January."""
    assert WarrantyPeriod(days=14).end(date(2026, 12, 25)) == date(2027, 1, 8)


def test_warranty_is_active_through_its_end_date_inclusive() -> None:
    """The end date itself is still covered; the next day is not."""
    end = date(2027, 3, 15)
    assert is_active(end, date(2027, 3, 15))
    assert not is_active(end, date(2027, 3, 16))
    assert not is_active(None, date(2027, 3, 1))


def test_days_left_is_end_minus_as_of_and_negative_once_expired() -> None:
    """Days left count down to zero on the end date and go negative after."""
    end = date(2027, 3, 15)
    assert days_left(end, date(2027, 3, 5)) == 10
    assert days_left(end, end) == 0
    assert days_left(end, date(2027, 3, 20)) == -5
    assert days_left(None, end) is None


def test_a_period_is_months_or_days_never_both_nor_negative() -> None:
    """Both units, or a negative length, are refused."""
    with pytest.raises(InputError):
        WarrantyPeriod(months=1, days=1)
    with pytest.raises(InputError):
        WarrantyPeriod(days=-1)
    assert WarrantyPeriod().is_zero
