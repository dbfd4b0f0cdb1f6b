"""Till users: names, roles, PIN hashes and lockouts."""

from __future__ import annotations

from datetime import datetime

from core.persistence.db import Sql, as_datetime
from core.views import UserRow


class UserRepository:
    """Reads and writes till users."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def any(self) -> bool:
        """True once the shop has any till user (roles then apply)."""
        return self.sql.scalar("SELECT 1 FROM till_user LIMIT 1") is not None

    def add(self, name: str, role: str, pin_hash: str, at: datetime) -> None:
        """Insert a user."""
        self.sql.run(
            "INSERT INTO till_user (name, role, pin_hash, active, failed_tries, created_at) "
            "VALUES (?, ?, ?, ?, 0, ?)",
            (name, role, pin_hash, True, at),
        )

    def get(self, name: str) -> tuple[UserRow, str, int] | None:
        """A user with the PIN's hash and the failed tries so far."""
        row = self.sql.row(
            "SELECT name, role, active, locked_until, pin_hash, failed_tries FROM till_user "
            f"WHERE name = ?{self.sql.for_update}",
            (name,),
        )
        if row is None:
            return None
        return UserRow(row[0], row[1], bool(row[2]), as_datetime(row[3])), row[4], int(row[5])

    def all(self) -> list[UserRow]:
        """Every user by name."""
        rows = self.sql.rows("SELECT name, role, active, locked_until FROM till_user ORDER BY name")
        return [UserRow(r[0], r[1], bool(r[2]), as_datetime(r[3])) for r in rows]

    def set_pin(self, name: str, pin_hash: str) -> None:
        """Replace a user's PIN and clear a lockout."""
        self.sql.run(
            "UPDATE till_user SET pin_hash = ?, failed_tries = 0, locked_until = NULL "
            "WHERE name = ?",
            (pin_hash, name),
        )

    def set_active(self, name: str, active: bool) -> None:
        """Enable or disable a user."""
        self.sql.run("UPDATE till_user SET active = ? WHERE name = ?", (active, name))

    def tried(self, name: str, failed: int, locked_until: datetime | None) -> None:
        """Record the failed tries in a row and the lockout they brought, if any."""
        self.sql.run(
            "UPDATE till_user SET failed_tries = ?, locked_until = ? WHERE name = ?",
            (failed, locked_until, name),
        )
