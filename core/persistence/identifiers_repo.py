"""The identifiers of units (IMEI 1, IMEI 2, serial number): written at receipt, read by scans."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.identifiers import Identifier
from core.domain.movements import Location
from core.persistence.db import Sql


class IdentifierRepository:
    """Finds the unit an identifier belongs to, and records a unit's identifiers."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def owners(self, codes: Sequence[str]) -> list[tuple[int, str, str]]:
        """Units (product id, primary serial) that carry any of these codes, with the code."""
        found: list[tuple[int, str, str]] = []
        for start in range(0, len(codes), 500):
            chunk = tuple(codes[start : start + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self.sql.rows(
                "SELECT product_id, serial, code FROM unit_identifier "
                f"WHERE code IN ({marks}) ORDER BY id",
                chunk,
            )
            found.extend((int(pid), serial, code) for pid, serial, code in rows)
        return found

    def serials_of(self, product_id: int, codes: Sequence[str]) -> list[str]:
        """Primary serials of this product's units that carry any of these codes."""
        if not codes:
            return []
        marks = ", ".join("?" for _ in codes)
        rows = self.sql.rows(
            "SELECT DISTINCT serial FROM unit_identifier "
            f"WHERE product_id = ? AND code IN ({marks})",
            (product_id, *codes),
        )
        return [serial for (serial,) in rows]

    def of_unit(self, product_id: int, serial: str) -> list[tuple[str, str]]:
        """A unit's identifiers in order, as (kind, code)."""
        rows = self.sql.rows(
            "SELECT kind, code FROM unit_identifier WHERE product_id = ? AND serial = ? "
            "ORDER BY position",
            (product_id, serial),
        )
        return [(kind, code) for kind, code in rows]

    def in_stock_with(self, code: str) -> list[tuple[int, str, str]]:
        """Units in stock that carry this code as any identifier or as their serial number:
        (product id, primary serial, SKU)."""
        rows = self.sql.rows(
            "SELECT u.product_id, u.serial, p.sku FROM unit_identifier i "
            "JOIN serial_unit u ON u.product_id = i.product_id AND u.serial = i.serial "
            "JOIN product p ON p.id = u.product_id "
            "WHERE i.code = ? AND u.location = ? "
            "UNION SELECT u.product_id, u.serial, p.sku FROM serial_unit u "
            "JOIN product p ON p.id = u.product_id WHERE u.serial = ? AND u.location = ?",
            (code, Location.STORE.value, code, Location.STORE.value),
        )
        return [(int(pid), serial, sku) for pid, serial, sku in rows]

    def record(self, product_id: int, serial: str, identifiers: Sequence[Identifier]) -> None:
        """Set a unit's identifiers, replacing any it had from an earlier receipt."""
        self.sql.run(
            "DELETE FROM unit_identifier WHERE product_id = ? AND serial = ?",
            (product_id, serial),
        )
        self.sql.run_many(
            "INSERT INTO unit_identifier (product_id, serial, position, kind, code) "
            "VALUES (?, ?, ?, ?, ?)",
            [(product_id, serial, i.position, i.kind, i.code) for i in identifiers],
        )
