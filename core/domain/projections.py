"""Everything the projections hold, derived from the movements alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.domain.ledger_fold import SerialState, apply
from core.domain.movements import Location, Movement


@dataclass
class Projections:
    """Units by (product, serial), quantity on hand by product and location, FIFO layers by
    line and location (goods transferred keep their receipt line as their layer)."""

    units: dict[tuple[int, str], SerialState] = field(default_factory=dict)
    on_hand: dict[tuple[int, str], int] = field(default_factory=dict)
    """(product id, location) → quantity in stock there."""
    layers: dict[tuple[int, str], tuple[int, int, int]] = field(default_factory=dict)
    """(line id, location) → (product id, unit cost, remaining)."""

    def normalised(self) -> Projections:
        """The same projections without zero quantities, for comparison."""
        return Projections(
            units=dict(self.units),
            on_hand={k: v for k, v in self.on_hand.items() if v},
            layers=dict(self.layers),
        )


def derive(movements: Iterable[Movement]) -> Projections:
    """Fold the ledger, in order, into the projections."""
    result = Projections()
    for movement in movements:
        _apply(result, movement)
    return result


def _apply(result: Projections, movement: Movement) -> None:
    if movement.serial is not None:
        key = (movement.product_id, movement.serial)
        result.units[key] = apply(result.units.get(key), movement)
    into = movement.to_location is Location.STORE
    out_of = movement.from_location is Location.STORE
    if into == out_of:
        return
    sign = 1 if into else -1
    product = movement.product_id
    level = (product, movement.site)
    result.on_hand[level] = result.on_hand.get(level, 0) + sign * movement.quantity
    if movement.layer_id is not None:
        layer = (movement.layer_id, movement.site)
        _, cost, remaining = result.layers.get(layer, (product, movement.unit_cost, 0))
        result.layers[layer] = (product, cost, remaining + sign * movement.quantity)
