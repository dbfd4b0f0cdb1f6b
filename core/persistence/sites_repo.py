"""The shop's locations: read, added and renamed."""

from __future__ import annotations

from datetime import datetime

from core.domain.sites import Site
from core.persistence.db import Sql


class SiteRepository:
    """The ``site`` table."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def all(self) -> list[Site]:
        """Every location, by code."""
        rows = self.sql.rows("SELECT code, name FROM site ORDER BY code")
        return [Site(code, name) for code, name in rows]

    def get(self, code: str) -> Site | None:
        """One location, if the shop has it."""
        row = self.sql.row("SELECT code, name FROM site WHERE code = ?", (code,))
        return None if row is None else Site(row[0], row[1])

    def add(self, site: Site, at: datetime) -> None:
        """A new location."""
        self.sql.run(
            "INSERT INTO site (code, name, created_at) VALUES (?, ?, ?)",
            (site.code, site.name, at),
        )

    def rename(self, code: str, name: str) -> None:
        """Give a location another name; its code stays (documents name it)."""
        self.sql.run("UPDATE site SET name = ? WHERE code = ?", (name, code))
