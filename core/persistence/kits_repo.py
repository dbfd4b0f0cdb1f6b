"""Kit products' component lists."""

from __future__ import annotations

from collections.abc import Sequence

from core.persistence.catalogue_repo import CatalogueRepository
from core.persistence.db import Sql

Part = tuple[int, str | None, int, int]
"""A bound part of an assembled kit: (component product id, SN or None, quantity, unit cost)."""


class KitRepository:
    """Reads and writes which products, and how many of each, a kit holds."""

    def __init__(self, sql: Sql, catalogue: CatalogueRepository) -> None:
        self.sql = sql
        self.catalogue = catalogue
        """Where component lists are read (kept while the catalogue does not change)."""

    def components(self, kit_id: int) -> list[tuple[int, int]]:
        """A kit's components in order as (product id, quantity); empty for a plain product."""
        return self.catalogue.components(kit_id)

    def is_component(self, product_id: int) -> bool:
        """True when some kit holds this product."""
        found = self.sql.scalar(
            "SELECT 1 FROM kit_component WHERE component_id = ? LIMIT 1", (product_id,)
        )
        return found is not None

    def set_components(self, kit_id: int, components: Sequence[tuple[int, int]]) -> None:
        """Replace a kit's component list."""
        self.catalogue.changed()
        self.sql.run("DELETE FROM kit_component WHERE kit_id = ?", (kit_id,))
        self.sql.run_many(
            "INSERT INTO kit_component (kit_id, position, component_id, quantity) "
            "VALUES (?, ?, ?, ?)",
            [(kit_id, i + 1, pid, quantity) for i, (pid, quantity) in enumerate(components)],
        )

    def bind(self, document_id: int, kit_id: int, kit_serial: str, parts: Sequence[Part]) -> None:
        """Record which parts the assembly document put into the kit with this SN."""
        self.sql.run_many(
            "INSERT INTO kit_binding (document_id, kit_id, kit_serial, component_id, serial, "
            "quantity, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(document_id, kit_id, kit_serial, *part) for part in parts],
        )

    def parts(self, kit_id: int, kit_serial: str) -> list[Part]:
        """The parts of the kit with this SN as its latest assembly bound them."""
        last = self.sql.scalar(
            "SELECT MAX(document_id) FROM kit_binding WHERE kit_id = ? AND kit_serial = ?",
            (kit_id, kit_serial),
        )
        if last is None:
            return []
        rows = self.sql.rows(
            "SELECT component_id, serial, quantity, unit_cost FROM kit_binding "
            "WHERE kit_id = ? AND kit_serial = ? AND document_id = ? ORDER BY id",
            (kit_id, kit_serial, last),
        )
        return [(int(pid), serial, int(qty), int(cost)) for pid, serial, qty, cost in rows]

    def kit_holding(self, product_id: int, serial: str) -> tuple[int, str] | None:
        """The kit (product id, kit SN) whose latest assembly bound this component unit."""
        row = self.sql.row(
            "SELECT kit_id, kit_serial FROM kit_binding WHERE component_id = ? AND serial = ? "
            "ORDER BY document_id DESC LIMIT 1",
            (product_id, serial),
        )
        return None if row is None else (int(row[0]), str(row[1]))
