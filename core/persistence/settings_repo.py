"""Shop settings stored in the database as key/value text."""

from __future__ import annotations

from core.persistence.db import Sql


class SettingRepository:
    """Reads and writes shop-wide settings."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def all(self) -> dict[str, str]:
        """Every stored setting."""
        return {key: value for key, value in self.sql.rows("SELECT key, value FROM setting")}

    def put(self, key: str, value: str) -> None:
        """Store one setting."""
        self.sql.run(
            "INSERT INTO setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
