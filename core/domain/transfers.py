"""Transfers between the shop's locations: what is on the way, and how an arrival compares.

A transfer (``TR``) moves goods from the sending location's store into transit; the
receiving location scans what came and posts an arrival (``TA``) against it. What was
scanned but is not on the transfer is *extra* (set aside: it is not taken in); what is on
the transfer but was not scanned is *missing*, and the arrival says what became of it —
lost in transit (written off) or still on the way (a later arrival takes it in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class Sent:
    """One unit, or a quantity of goods without serial numbers, still on the way."""

    product_id: int
    sku: str
    name: str
    serial: str | None
    quantity: int
    layer_id: int | None
    """The receipt line (cost layer) goods by quantity were drawn from."""
    unit_cost: int


@dataclass(frozen=True)
class Outstanding:
    """What of a transfer has not arrived yet."""

    items: tuple[Sent, ...]

    @property
    def units(self) -> tuple[Sent, ...]:
        """The serial units on the way."""
        return tuple(item for item in self.items if item.serial)

    def quantity_of(self, sku: str) -> int:
        """How many of a product without serial numbers are on the way."""
        return sum(i.quantity for i in self.items if i.sku == sku and not i.serial)

    @property
    def total(self) -> int:
        """Units and quantities on the way, added up."""
        return sum(item.quantity for item in self.items)


@dataclass(frozen=True)
class TransferSummary:
    """A transfer as the list of transfers shows it."""

    id: int
    number: str
    on: date
    site: str
    """The sending location."""
    to_site: str
    till: str
    operator: str
    sent: int
    """Units and quantities sent, added up."""
    left: int
    """Of those, still on the way."""


class Missing(StrEnum):
    """What an arrival says of what was sent but not scanned."""

    ASK = "ask"
    """Nothing yet: the arrival is refused, naming what is missing."""
    LOST = "lost"
    """Lost in transit: written off by the arrival."""
    LATER = "later"
    """Still on the way: the transfer stays open and a later arrival takes it in."""


@dataclass(frozen=True)
class ArrivalCheck:
    """An arrival's scans against its transfer."""

    arrived: tuple[Sent, ...]
    """Units scanned and quantities counted that the transfer sent."""
    missing: tuple[Sent, ...]
    """Units and quantities sent but not scanned or counted."""
    extra: tuple[str, ...]
    """Serial numbers scanned that the transfer did not send (or sent already arrived)."""
    extra_quantities: tuple[tuple[str, int], ...] = ()
    """Products counted beyond what the transfer sent: (SKU, how many more)."""

    @property
    def clean(self) -> bool:
        """Everything sent was scanned, and nothing else."""
        return not (self.missing or self.extra or self.extra_quantities)


def compare(
    outstanding: Outstanding,
    scanned: dict[str, Sent | None],
    counted: dict[str, int],
) -> ArrivalCheck:
    """Match the scans against what is on the way.

    ``scanned`` maps each scanned code to the unit on the way it names (None when it names
    none); ``counted`` the quantity counted of each product without serial numbers."""
    matched = {(s.product_id, s.serial) for s in scanned.values() if s is not None}
    arrived: list[Sent] = [s for s in outstanding.units if (s.product_id, s.serial) in matched]
    missing: list[Sent] = [s for s in outstanding.units if (s.product_id, s.serial) not in matched]
    extra = tuple(code for code, unit in scanned.items() if unit is None)
    left = dict(counted)
    over: list[tuple[str, int]] = []
    for item in outstanding.items:
        if item.serial:
            continue
        take = min(item.quantity, left.get(item.sku, 0))
        left[item.sku] = left.get(item.sku, 0) - take
        if take:
            arrived.append(_part(item, take))
        if item.quantity - take:
            missing.append(_part(item, item.quantity - take))
    over = [(sku, n) for sku, n in left.items() if n > 0]
    return ArrivalCheck(tuple(arrived), tuple(missing), extra, tuple(over))


def _part(item: Sent, quantity: int) -> Sent:
    return Sent(item.product_id, item.sku, item.name, None, quantity, item.layer_id, item.unit_cost)
