"""FIFO cost layers: the oldest goods are costed first."""

from __future__ import annotations

import pytest

from core.domain.errors import StockError
from core.domain.fifo import Draw, Layer, consume


def test_consume_takes_from_the_oldest_layers_first() -> None:
    """5 units from layers of 3 @100 and 4 @120: 3 @100 then 2 @120."""
    layers = [Layer(1, 100, 3), Layer(2, 120, 4)]
    assert consume(layers, 5, what="cable") == [Draw(1, 3, 100), Draw(2, 2, 120)]


def test_consume_refuses_more_than_is_in_stock() -> None:
    """Asking for more than the layers hold names what is available."""
    with pytest.raises(StockError, match="Only 3 of cable"):
        consume([Layer(1, 100, 3)], 4, what="cable")
