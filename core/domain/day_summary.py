"""The end-of-day (Z) summary of a till or of the whole shop: pure values and arithmetic.

Cash paid in and out of the drawer is not goods: it is kept in its own table (``cash_entry``)
with a reason, never as a document with movements, so the ledger of goods stays the goods'."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class CashDirection(StrEnum):
    """Which way cash went through the drawer outside sales and refunds."""

    IN = "in"
    """Paid in: the morning float, change brought from the bank."""
    OUT = "out"
    """Paid out: taken to the bank, paid to a courier."""


@dataclass(frozen=True)
class CashEntry:
    """Cash paid into or out of one till's drawer, with why and by whom."""

    at: datetime
    till: str
    operator: str
    direction: CashDirection
    amount: int
    """Minor units, always positive; the direction gives the sign."""
    reason: str


@dataclass(frozen=True)
class PriceOverride:
    """A sale line sold at another price than the catalogue's at that moment, and who did it."""

    document: str
    sku: str
    quantity: int
    list_price: int
    sold_price: int
    operator: str


@dataclass(frozen=True)
class DaySummary:
    """One day of one till (``till`` empty: the whole shop) as the Z report shows it."""

    day: date
    till: str
    sales: Mapping[str, int] = field(default_factory=dict)
    """Sales totals by payment method (``cash``, ``card``), minor units."""
    refunds: Mapping[str, int] = field(default_factory=dict)
    """Refunds of customer returns by the payment of the sale they undo."""
    documents: Mapping[str, int] = field(default_factory=dict)
    """How many documents of each kind were posted."""
    overrides: tuple[PriceOverride, ...] = ()
    cash: tuple[CashEntry, ...] = ()
    closed_at: datetime | None = None
    closed_by: str | None = None

    @property
    def paid_in(self) -> int:
        """Cash paid into the drawer."""
        return sum(e.amount for e in self.cash if e.direction is CashDirection.IN)

    @property
    def paid_out(self) -> int:
        """Cash paid out of the drawer."""
        return sum(e.amount for e in self.cash if e.direction is CashDirection.OUT)

    @property
    def cash_expected(self) -> int:
        """What the drawer should hold: cash sales − cash refunds + paid in − paid out."""
        return (
            self.sales.get("cash", 0) - self.refunds.get("cash", 0) + self.paid_in - self.paid_out
        )

    @property
    def closed(self) -> bool:
        """True once the day was closed (the summary is then stored and never changes)."""
        return self.closed_at is not None


def combined(day: date, summaries: Iterable[DaySummary]) -> DaySummary:
    """The shop's day: every till's summary added together."""
    parts = list(summaries)
    return DaySummary(
        day=day,
        till="",
        sales=_add(s.sales for s in parts),
        refunds=_add(s.refunds for s in parts),
        documents=_add(s.documents for s in parts),
        overrides=tuple(o for s in parts for o in s.overrides),
        cash=tuple(sorted((e for s in parts for e in s.cash), key=lambda e: e.at)),
    )


def _add(maps: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for one in maps:
        for key, value in one.items():
            total[key] = total.get(key, 0) + value
    return dict(sorted(total.items()))


def to_json(summary: DaySummary) -> dict[str, Any]:
    """The summary as plain JSON values, as a closed day is stored."""
    return {
        "day": summary.day.isoformat(),
        "till": summary.till,
        "sales": dict(summary.sales),
        "refunds": dict(summary.refunds),
        "documents": dict(summary.documents),
        "overrides": [o.__dict__ for o in summary.overrides],
        "cash": [
            {**e.__dict__, "at": e.at.isoformat(), "direction": e.direction.value}
            for e in summary.cash
        ],
        "closed_at": summary.closed_at.isoformat() if summary.closed_at else None,
        "closed_by": summary.closed_by,
    }


def from_json(data: Mapping[str, Any]) -> DaySummary:
    """A stored summary read back exactly as it was closed."""
    closed_at = data.get("closed_at")
    return DaySummary(
        day=date.fromisoformat(data["day"]),
        till=data["till"],
        sales=dict(data["sales"]),
        refunds=dict(data["refunds"]),
        documents=dict(data["documents"]),
        overrides=tuple(PriceOverride(**o) for o in data["overrides"]),
        cash=tuple(
            CashEntry(
                **{
                    **e,
                    "at": datetime.fromisoformat(e["at"]),
                    "direction": CashDirection(e["direction"]),
                }
            )
            for e in data["cash"]
        ),
        closed_at=datetime.fromisoformat(closed_at) if closed_at else None,
        closed_by=data.get("closed_by"),
    )


def list_price_at(current: int, changes: Iterable[tuple[datetime, int]], at: datetime) -> int:
    """The catalogue price at a moment: the old price of the first change made after it,
    else the price now. ``changes`` are (when, old price), oldest first."""
    for changed_at, old_price in changes:
        if changed_at > at:
            return old_price
    return current
