"""The rules of repair orders: status changes, charges, overdue, and the decision panel's offers."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain.errors import DomainError
from core.domain.repairs import (
    Charges,
    Offer,
    RepairStatus,
    check_change,
    is_overdue,
    offers,
)


def test_a_closed_or_refused_order_cannot_change_status() -> None:
    with pytest.raises(DomainError, match="cannot become"):
        check_change("RP-000001", RepairStatus.REFUSED, RepairStatus.READY)
    check_change("RP-000001", RepairStatus.ACCEPTED, RepairStatus.AT_SUPPLIER)


def test_warranty_charges_cost_the_shop_and_paid_ones_the_customer() -> None:
    warranty = Charges(parts=1000, labour=500, parts_cost=600, warranty=True)
    paid = Charges(parts=1000, labour=500, parts_cost=600, warranty=False)
    assert (warranty.customer_total, warranty.warranty_cost) == (0, 1100)
    assert (paid.customer_total, paid.warranty_cost) == (1500, 0)


def test_an_open_order_past_the_term_is_overdue() -> None:
    opened = date(2026, 3, 1)
    assert is_overdue(RepairStatus.IN_REPAIR, opened, date(2026, 3, 16), 14)
    assert not is_overdue(RepairStatus.IN_REPAIR, opened, date(2026, 3, 15), 14)
    assert not is_overdue(RepairStatus.HANDED_BACK, opened, date(2026, 6, 1), 14)


@pytest.mark.parametrize(
    ("days", "active", "expected"),
    [
        (3, True, ("refund", "exchange", "warranty_service", "paid_repair", "refuse")),
        (14, True, ("refund", "exchange", "warranty_service", "paid_repair", "refuse")),
        (15, True, ("warranty_service", "paid_repair", "refuse")),
        (400, False, ("paid_repair", "refuse")),
    ],
)
def test_the_decision_panel_offers_only_what_applies(
    days: int, active: bool, expected: tuple[str, ...]
) -> None:
    """Inside the return window: refund or exchange; in warranty: warranty service."""
    found = offers(
        sold_by_us=True,
        with_customer=True,
        days_since_sale=days,
        return_window_days=14,
        warranty_active=active,
    )
    assert tuple(o.value for o in found) == expected


def test_a_device_never_sold_here_is_offered_a_paid_repair_or_a_refusal() -> None:
    found = offers(
        sold_by_us=False,
        with_customer=True,
        days_since_sale=None,
        return_window_days=14,
        warranty_active=False,
    )
    assert found == (Offer.PAID_REPAIR, Offer.REFUSE)
