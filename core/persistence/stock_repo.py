"""Quantity on hand and FIFO cost layers (projections of the movements)."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.errors import ConflictError
from core.domain.fifo import Layer
from core.i18n import _
from core.persistence.db import Sql


class StockRepository:
    """Reads and adjusts quantity on hand and the FIFO layers."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def on_hand(self, product_id: int) -> int:
        """Quantity of a product in stock."""
        value = self.sql.scalar(
            "SELECT on_hand FROM stock_level WHERE product_id = ?", (product_id,)
        )
        return int(value or 0)

    def adjust(self, product_id: int, delta: int) -> None:
        """Add ``delta`` (negative to take away) to a product's quantity on hand."""
        self.sql.run(
            "INSERT INTO stock_level (product_id, on_hand) VALUES (?, ?) "
            "ON CONFLICT (product_id) DO UPDATE SET on_hand = stock_level.on_hand + ?",
            (product_id, delta, delta),
        )

    def layers(self, product_id: int) -> list[Layer]:
        """A product's open cost layers, oldest first, locked on PostgreSQL."""
        rows = self.sql.rows(
            "SELECT line_id, unit_cost, remaining FROM cost_layer "
            f"WHERE product_id = ? AND remaining > 0 ORDER BY line_id{self.sql.for_update}",
            (product_id,),
        )
        return [Layer(row[0], int(row[1]), int(row[2])) for row in rows]

    def lock_layers(self, product_ids: Sequence[int]) -> None:
        """Row-lock these products' open cost layers on PostgreSQL, in product and layer
        order, so two documents naming the same goods in any order never deadlock."""
        if not self.sql.for_update or not product_ids:
            return
        marks = ", ".join("?" for _ in product_ids)
        self.sql.rows(
            f"SELECT line_id FROM cost_layer WHERE product_id IN ({marks}) AND remaining > 0 "
            f"ORDER BY product_id, line_id{self.sql.for_update}",
            sorted(set(product_ids)),
        )

    def add_layer(self, line_id: int, product_id: int, unit_cost: int, quantity: int) -> None:
        """Open a cost layer for goods taken in."""
        self.sql.run(
            "INSERT INTO cost_layer (line_id, product_id, unit_cost, remaining) "
            "VALUES (?, ?, ?, ?)",
            (line_id, product_id, unit_cost, quantity),
        )

    def draw(self, line_id: int, quantity: int) -> None:
        """Take quantity out of a layer, refusing if another till emptied it meanwhile."""
        changed = self.sql.run(
            "UPDATE cost_layer SET remaining = remaining - ? WHERE line_id = ? AND remaining >= ?",
            (quantity, line_id, quantity),
        )
        if changed != 1:
            raise ConflictError(
                _("Another till took this stock a moment ago: nothing was saved, try again."),
                rule="concurrent_change",
            )
