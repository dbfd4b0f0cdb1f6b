"""Cart holds: which till has a unit in its open sale, until when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from core.persistence.db import Sql, as_datetime
from core.views import Hold

_COLUMNS = "h.id, p.sku, h.serial, h.till, h.operator, h.since, h.expires, h.request"
_FROM = "FROM cart_hold h JOIN product p ON p.id = h.product_id"


class HoldRepository:
    """Takes, finds and ends holds; a hold is a row with an owner and an expiry."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def take(self, product_id: int, serial: str, owner: Hold, now: datetime) -> bool:
        """Hold a unit for ``owner``'s sale, in one conditional statement; False when another
        sale holds it and its hold has not expired.

        The row is inserted, or taken over when it is the same sale's (its expiry renewed)
        or has expired; two tills racing for one unit get one row and one winner."""
        changed = self.sql.run(
            "INSERT INTO cart_hold (product_id, serial, till, operator, since, expires, request) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (product_id, serial) DO UPDATE SET till = excluded.till, "
            "operator = excluded.operator, since = excluded.since, "
            "expires = excluded.expires, request = excluded.request "
            "WHERE cart_hold.request = excluded.request OR cart_hold.expires <= ?",
            (
                product_id,
                serial,
                owner.till,
                owner.operator,
                owner.since,
                owner.expires,
                owner.request,
                now,
            ),
        )
        return changed > 0

    def renew(self, request: str, expires: datetime) -> None:
        """Push back the expiry of every hold of one sale (the till is alive)."""
        self.sql.run("UPDATE cart_hold SET expires = ? WHERE request = ?", (expires, request))

    def held_elsewhere(
        self, units: Sequence[tuple[int, str]], now: datetime, request: str | None
    ) -> list[Hold]:
        """The unexpired holds of other sales on any of these units (product id, serial)."""
        if not units:
            return []
        pairs = " OR ".join("(h.product_id = ? AND h.serial = ?)" for _ in units)
        params: list[object] = [value for unit in units for value in unit]
        params.append(now)
        mine = ""
        if request:
            mine = " AND h.request <> ?"
            params.append(request)
        rows = self.sql.rows(
            f"SELECT {_COLUMNS} {_FROM} WHERE ({pairs}) AND h.expires > ?{mine}", params
        )
        return [_hold(row) for row in rows]

    def holder(self, product_id: int, serial: str) -> Hold | None:
        """The hold on one unit, expired or not."""
        row = self.sql.row(
            f"SELECT {_COLUMNS} {_FROM} WHERE h.product_id = ? AND h.serial = ?",
            (product_id, serial),
        )
        return None if row is None else _hold(row)

    def release(
        self, request: str, product_id: int | None = None, serial: str | None = None
    ) -> int:
        """End one sale's holds (or its hold on one unit); how many ended."""
        if product_id is None:
            return self.sql.run("DELETE FROM cart_hold WHERE request = ?", (request,))
        return self.sql.run(
            "DELETE FROM cart_hold WHERE request = ? AND product_id = ? AND serial = ?",
            (request, product_id, serial),
        )

    def release_id(self, hold_id: int) -> Hold | None:
        """End one hold by its id (a manager's release); the hold ended, or None."""
        row = self.sql.row(f"SELECT {_COLUMNS} {_FROM} WHERE h.id = ?", (hold_id,))
        if row is None:
            return None
        self.sql.run("DELETE FROM cart_hold WHERE id = ?", (hold_id,))
        return _hold(row)

    def all(self) -> list[Hold]:
        """Every hold, the oldest first (expired ones too, until taken over or released)."""
        return [_hold(row) for row in self.sql.rows(f"SELECT {_COLUMNS} {_FROM} ORDER BY h.id")]


def _hold(row: Sequence[object]) -> Hold:
    hold_id, sku, serial, till, operator, since, expires, request = row
    return Hold(
        id=int(str(hold_id)),
        sku=str(sku),
        serial=str(serial),
        till=str(till),
        operator=str(operator),
        since=_utc(as_datetime(since)),
        expires=_utc(as_datetime(expires)),
        request=str(request),
    )


def _utc(value: datetime | None) -> datetime:
    """A stored moment as an aware UTC datetime (PostgreSQL gives it back without a zone)."""
    assert value is not None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
