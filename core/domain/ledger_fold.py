"""A serial unit's current state, derived by folding its movements in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from core.domain.kinds import Warranty, move_of
from core.domain.movements import Movement
from core.domain.sites import MAIN_SITE
from core.domain.units import STATE_AT, Location, UnitState


@dataclass(frozen=True)
class SerialState:
    """Where one serial unit of one product is, and what the ledger says about it."""

    product_id: int
    serial: str
    location: Location
    cost: int = 0
    """Purchase cost in minor units: what a sale of this unit writes off."""
    received_doc: str | None = None
    received_on: date | None = None
    supplier: str | None = None
    sale_doc: str | None = None
    sold_on: date | None = None
    customer: str | None = None
    phone: str | None = None
    price: int | None = None
    warranty_end: date | None = None
    site: str = MAIN_SITE
    """The shop location of its last movement: where it is in stock, sold or in repair (a
    unit in transit is still the sending location's until it arrives)."""

    @property
    def state(self) -> UnitState:
        """The unit's state as reports name it."""
        return STATE_AT[self.location]


def apply(state: SerialState | None, movement: Movement) -> SerialState:
    """The unit's state after one more movement, as its kind declares that move."""
    assert movement.serial is not None, "only serial movements change a unit"
    move = move_of(movement.kind, movement.from_location, movement.to_location)
    if not (move.intake or move.sale or move.warranty is Warranty.SETS):
        return _moved(state, movement)
    source = movement.origin or movement.document
    changes: dict[str, Any] = {}
    if move.intake:
        changes.update(
            cost=movement.unit_cost,
            received_doc=source.number,
            received_on=source.date,
            supplier=source.party,
        )
    if move.sale:
        changes.update(
            sale_doc=source.number,
            sold_on=source.date,
            customer=source.party,
            phone=source.phone,
            price=movement.unit_price,
        )
    if move.warranty is Warranty.SETS:
        changes["warranty_end"] = movement.warranty_end
    return _moved(state, movement, **changes)


def _moved(state: SerialState | None, movement: Movement, **changes: Any) -> SerialState:
    """The unit at the movement's target with these changes, built in one step.

    A receipt of a thousand units folds a thousand movements: one constructor call each
    instead of two ``replace`` copies keeps that cheap."""
    if state is None:
        assert movement.serial is not None
        return SerialState(
            movement.product_id,
            movement.serial,
            movement.to_location,
            site=movement.site,
            **changes,
        )
    return replace(state, location=movement.to_location, site=movement.site, **changes)


def fold(movements: Iterable[Movement]) -> dict[tuple[int, str], SerialState]:
    """Every unit's state from the whole ledger, movements taken in order."""
    states: dict[tuple[int, str], SerialState] = {}
    for movement in movements:
        if movement.serial is None:
            continue
        key = (movement.product_id, movement.serial)
        states[key] = apply(states.get(key), movement)
    return states
