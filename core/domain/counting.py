"""Stock counts by serial number: classifying each scan and comparing found with expected."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from core.domain.movements import UnitState


class ScanKind(StrEnum):
    """What one scan on a count sheet turned out to be."""

    EXPECTED = "expected"
    """A unit the sheet expected: found where it should be."""
    DUPLICATE = "duplicate"
    """Scanned before on this sheet: ignored."""
    UNKNOWN = "unknown"
    """No unit and no product has this code."""
    OUTSIDE = "outside"
    """A unit of a product this sheet does not cover."""
    SOLD = "sold"
    """A unit the ledger says was sold, yet it is on the shelf."""
    ELSEWHERE = "elsewhere"
    """A unit the ledger places elsewhere: written off, returned to the supplier, corrected."""
    IN_REPAIR = "in_repair"
    """A unit away for repair: present at the service desk, but not stock, so listed apart."""
    UNEXPECTED = "unexpected"
    """In stock and in scope, but received after the sheet was opened."""
    QUANTITY = "quantity"
    """A product counted by quantity (untracked goods)."""
    PRODUCT_BARCODE = "product_barcode"
    """The box barcode of a product tracked by SN: scan the unit's SN instead."""
    OTHER_LOCATION = "other_location"
    """In stock at another of the shop's locations: not counted here until it is
    transferred (the count settles only its own location's stock)."""

    @property
    def is_surplus(self) -> bool:
        """True when the scan is a unit found but not expected."""
        return self in (ScanKind.SOLD, ScanKind.ELSEWHERE, ScanKind.UNEXPECTED)


@dataclass(frozen=True)
class UnitSeen:
    """What the ledger says of a scanned serial number, for one product."""

    product_id: int
    state: UnitState
    in_scope: bool
    document: str | None = None
    """The document that last moved it: the sale, write-off or supplier return."""
    elsewhere: str | None = None
    """The other location it is in stock at (None: this count's location, or not in stock)."""


def classify_serial(
    serial: str, expected: bool, already_scanned: bool, units: Iterable[UnitSeen]
) -> tuple[ScanKind, UnitSeen | None]:
    """The kind of one scanned serial number and the unit it stands for, if any."""
    if already_scanned:
        return ScanKind.DUPLICATE, None
    seen = list(units)
    in_scope = [u for u in seen if u.in_scope]
    if expected:
        return ScanKind.EXPECTED, next((u for u in in_scope if u.state is UnitState.IN_STOCK), None)
    if not seen:
        return ScanKind.UNKNOWN, None
    if not in_scope:
        return ScanKind.OUTSIDE, seen[0]
    order = (UnitState.IN_STOCK, UnitState.SOLD)
    unit = sorted(in_scope, key=lambda u: order.index(u.state) if u.state in order else 2)[0]
    if unit.state is UnitState.IN_STOCK:
        return (ScanKind.OTHER_LOCATION if unit.elsewhere else ScanKind.UNEXPECTED), unit
    if unit.state is UnitState.SOLD:
        return ScanKind.SOLD, unit
    if unit.state is UnitState.IN_REPAIR:
        return ScanKind.IN_REPAIR, unit
    return ScanKind.ELSEWHERE, unit


@dataclass(frozen=True)
class ProductBalance:
    """One product's count: what was expected, found, short and in surplus."""

    product_id: int
    expected: frozenset[str]
    found: frozenset[str]
    expected_quantity: int = 0
    counted_quantity: int = 0

    @property
    def shortage(self) -> frozenset[str]:
        """Expected serial numbers that were not found."""
        return self.expected - self.found

    @property
    def surplus(self) -> frozenset[str]:
        """Found serial numbers that were not expected."""
        return self.found - self.expected

    @property
    def quantity_difference(self) -> int:
        """Counted minus expected, for goods counted by quantity."""
        return self.counted_quantity - self.expected_quantity


def compare(
    expected: Mapping[int, Iterable[str]],
    found: Mapping[int, Iterable[str]],
    expected_quantity: Mapping[int, int] | None = None,
    counted_quantity: Mapping[int, int] | None = None,
) -> dict[int, ProductBalance]:
    """Per product, the expected and found serial numbers and quantities side by side."""
    expected_quantity = expected_quantity or {}
    counted_quantity = counted_quantity or {}
    products = set(expected) | set(found) | set(expected_quantity) | set(counted_quantity)
    return {
        pid: ProductBalance(
            pid,
            frozenset(expected.get(pid, ())),
            frozenset(found.get(pid, ())),
            expected_quantity.get(pid, 0),
            counted_quantity.get(pid, 0),
        )
        for pid in sorted(products)
    }
