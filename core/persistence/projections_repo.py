"""Reading and replacing the projection tables whole (for verify and rebuild)."""

from __future__ import annotations

from core.domain.projections import Projections
from core.persistence.db import Sql
from core.persistence.units_repo import _COLUMNS, UnitRepository, state_from_row


class ProjectionRepository:
    """The projection tables as one value."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def read(self) -> Projections:
        """The projections as stored now."""
        result = Projections()
        for row in self.sql.rows(f"SELECT {_COLUMNS} FROM serial_unit"):
            state = state_from_row(row)
            result.units[(state.product_id, state.serial)] = state
        for product_id, site, on_hand in self.sql.rows(
            "SELECT product_id, site, on_hand FROM stock_level"
        ):
            result.on_hand[(product_id, site)] = int(on_hand)
        for line_id, site, product_id, cost, remaining in self.sql.rows(
            "SELECT line_id, site, product_id, unit_cost, remaining FROM cost_layer"
        ):
            result.layers[(line_id, site)] = (product_id, int(cost), int(remaining))
        return result

    def replace(self, projections: Projections) -> None:
        """Empty the projection tables and write these projections instead."""
        for table in ("serial_unit", "stock_level", "cost_layer"):
            self.sql.run(f"DELETE FROM {table}")
        UnitRepository(self.sql).insert_many(projections.units.values())
        self.sql.run_many(
            "INSERT INTO stock_level (product_id, site, on_hand) VALUES (?, ?, ?)",
            [(*key, on_hand) for key, on_hand in projections.on_hand.items()],
        )
        self.sql.run_many(
            "INSERT INTO cost_layer (line_id, site, product_id, unit_cost, remaining) "
            "VALUES (?, ?, ?, ?, ?)",
            [(*key, *values) for key, values in projections.layers.items()],
        )
