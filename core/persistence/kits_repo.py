"""Kit products' component lists."""

from __future__ import annotations

from collections.abc import Sequence

from core.persistence.db import Sql


class KitRepository:
    """Reads and writes which products, and how many of each, a kit holds."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def components(self, kit_id: int) -> list[tuple[int, int]]:
        """A kit's components in order as (product id, quantity); empty for a plain product."""
        rows = self.sql.rows(
            "SELECT component_id, quantity FROM kit_component WHERE kit_id = ? ORDER BY position",
            (kit_id,),
        )
        return [(int(pid), int(quantity)) for pid, quantity in rows]

    def is_component(self, product_id: int) -> bool:
        """True when some kit holds this product."""
        found = self.sql.scalar(
            "SELECT 1 FROM kit_component WHERE component_id = ? LIMIT 1", (product_id,)
        )
        return found is not None

    def set_components(self, kit_id: int, components: Sequence[tuple[int, int]]) -> None:
        """Replace a kit's component list."""
        self.sql.run("DELETE FROM kit_component WHERE kit_id = ?", (kit_id,))
        self.sql.run_many(
            "INSERT INTO kit_component (kit_id, position, component_id, quantity) "
            "VALUES (?, ?, ?, ?)",
            [(kit_id, i + 1, pid, quantity) for i, (pid, quantity) in enumerate(components)],
        )
