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

    def on_hand(self, product_id: int, site: str | None = None) -> int:
        """Quantity of a product in stock at a location (None: at every location)."""
        if site is None:
            value = self.sql.scalar(
                "SELECT SUM(on_hand) FROM stock_level WHERE product_id = ?", (product_id,)
            )
        else:
            value = self.sql.scalar(
                "SELECT on_hand FROM stock_level WHERE product_id = ? AND site = ?",
                (product_id, site),
            )
        return int(value or 0)

    def adjust(self, product_id: int, site: str, delta: int) -> None:
        """Add ``delta`` (negative to take away) to a product's quantity on hand there (sent
        with the next statement on PostgreSQL)."""
        self.sql.later(
            "INSERT INTO stock_level (product_id, site, on_hand) VALUES (?, ?, ?) "
            "ON CONFLICT (product_id, site) DO UPDATE SET on_hand = stock_level.on_hand + ?",
            (product_id, site, delta, delta),
        )

    def layers(self, product_id: int, site: str) -> list[Layer]:
        """A product's open cost layers at a location, oldest first, locked on PostgreSQL."""
        rows = self.sql.rows(
            "SELECT line_id, unit_cost, remaining FROM cost_layer WHERE product_id = ? "
            f"AND site = ? AND remaining > 0 ORDER BY line_id{self.sql.for_update}",
            (product_id, site),
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

    def add_layer(
        self, line_id: int, site: str, product_id: int, unit_cost: int, quantity: int
    ) -> None:
        """Open a cost layer at a location for goods taken in there, or add to it (goods
        of one receipt line arriving by transfer at a location that has some already)."""
        self.sql.run(
            "INSERT INTO cost_layer (line_id, site, product_id, unit_cost, remaining) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (line_id, site) "
            "DO UPDATE SET remaining = cost_layer.remaining + ?",
            (line_id, site, product_id, unit_cost, quantity, quantity),
        )

    def draw(self, line_id: int, site: str, quantity: int) -> None:
        """Take quantity out of a layer, refusing if another till emptied it meanwhile."""
        changed = self.sql.run(
            "UPDATE cost_layer SET remaining = remaining - ? "
            "WHERE line_id = ? AND site = ? AND remaining >= ?",
            (quantity, line_id, site, quantity),
        )
        if changed != 1:
            raise ConflictError(
                _("Another till took this stock a moment ago: nothing was saved, try again."),
                rule="concurrent_change",
            )
