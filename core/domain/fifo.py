"""First-in, first-out cost layers for goods counted by quantity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.errors import StockError
from core.i18n import _


@dataclass(frozen=True)
class Layer:
    """What is left of one receipt line (or returned quantity) at its unit cost."""

    id: int
    """The document line the layer was created by."""
    unit_cost: int
    remaining: int


@dataclass(frozen=True)
class Draw:
    """A quantity taken from one layer at that layer's cost."""

    layer_id: int
    quantity: int
    unit_cost: int


def consume(layers: Sequence[Layer], quantity: int, *, what: str) -> list[Draw]:
    """Take ``quantity`` from the oldest layers first; refuse when there is not enough."""
    available = sum(layer.remaining for layer in layers)
    if quantity > available:
        raise StockError(
            _("Only {available} of {product} in stock; {quantity} asked for.").format(
                available=available, product=what, quantity=quantity
            ),
            rule="not_enough_stock",
        )
    draws: list[Draw] = []
    left = quantity
    for layer in layers:
        if left == 0:
            break
        take = min(left, layer.remaining)
        if take:
            draws.append(Draw(layer.id, take, layer.unit_cost))
            left -= take
    return draws
