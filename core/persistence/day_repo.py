"""A till's day: what its documents add up to, cash paid in and out, and closed days."""

from __future__ import annotations

from datetime import date, datetime

from core.domain.day_summary import CashDirection, CashEntry
from core.domain.sites import MAIN_SITE
from core.persistence.db import Sql, as_datetime

SaleLine = tuple[str, datetime, str, int, str, int, int, int]
"""document number, created at, operator, product id, SKU, price now, quantity, sold price"""


class DayRepository:
    """Reads one till's day and keeps its cash entries and its close."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def sales_by_payment(self, day: date, till: str) -> dict[str, int]:
        """Sales totals by payment method."""
        rows = self.sql.rows(
            "SELECT COALESCE(payment, 'cash'), SUM(total) FROM document "
            "WHERE kind = 'sale' AND till = ? AND date = ? GROUP BY COALESCE(payment, 'cash')",
            (till, day),
        )
        return {payment: int(total) for payment, total in rows}

    def refunds_by_payment(self, day: date, till: str) -> dict[str, int]:
        """Customer returns' refunds by the payment of the sale each undoes (cash if none)."""
        rows = self.sql.rows(
            "SELECT COALESCE(s.payment, 'cash'), SUM(d.total) FROM document d "
            "LEFT JOIN document s ON s.id = d.ref_id "
            "WHERE d.kind = 'customer_return' AND d.till = ? AND d.date = ? "
            "GROUP BY COALESCE(s.payment, 'cash')",
            (till, day),
        )
        return {payment: int(total) for payment, total in rows}

    def document_counts(self, day: date, till: str) -> dict[str, int]:
        """How many documents of each kind the till posted that day."""
        rows = self.sql.rows(
            "SELECT kind, COUNT(*) FROM document WHERE till = ? AND date = ? GROUP BY kind "
            "ORDER BY kind",
            (till, day),
        )
        return {kind: int(count) for kind, count in rows}

    def sale_lines(self, day: date, till: str) -> list[SaleLine]:
        """Every line the till sold that day, with the product's price now."""
        rows = self.sql.rows(
            "SELECT d.number, d.created_at, d.operator, l.product_id, p.sku, p.price, "
            "l.quantity, l.unit_amount FROM document d "
            "JOIN document_line l ON l.document_id = d.id JOIN product p ON p.id = l.product_id "
            "WHERE d.kind = 'sale' AND d.till = ? AND d.date = ? ORDER BY d.id, l.position",
            (till, day),
        )
        return [
            (r[0], as_datetime(r[1]) or datetime.min, r[2], r[3], r[4], int(r[5]), r[6], int(r[7]))
            for r in rows
        ]

    def price_changes(self, product_ids: list[int]) -> dict[int, list[tuple[datetime, int]]]:
        """Per product, its price changes as (when, old price), oldest first."""
        found: dict[int, list[tuple[datetime, int]]] = {pid: [] for pid in product_ids}
        if not product_ids:
            return found
        marks = ", ".join("?" for _ in product_ids)
        rows = self.sql.rows(
            "SELECT product_id, changed_at, old_price FROM product_price "
            f"WHERE product_id IN ({marks}) ORDER BY changed_at, id",
            product_ids,
        )
        for pid, at, old in rows:
            found[pid].append((as_datetime(at) or datetime.min, int(old)))
        return found

    def cash_entries(self, day: date, till: str) -> list[CashEntry]:
        """Cash paid in and out of the till's drawer that day, in order."""
        rows = self.sql.rows(
            "SELECT at, till, operator, direction, amount, reason FROM cash_entry "
            "WHERE day = ? AND till = ? ORDER BY at, id",
            (day, till),
        )
        return [
            CashEntry(
                as_datetime(r[0]) or datetime.min, r[1], r[2], CashDirection(r[3]), int(r[4]), r[5]
            )
            for r in rows
        ]

    def add_cash(self, day: date, entry: CashEntry) -> None:
        """Record cash paid in or out."""
        self.sql.run(
            "INSERT INTO cash_entry (at, day, till, operator, direction, amount, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry.at,
                day,
                entry.till,
                entry.operator,
                entry.direction.value,
                entry.amount,
                entry.reason,
            ),
        )

    def tills(self, day: date, site: str | None = None) -> list[str]:
        """Every till that posted, moved cash or closed that day; with ``site``, every till
        that posted a document at that location that day."""
        if site is not None:
            rows = self.sql.rows(
                "SELECT DISTINCT till FROM document WHERE date = ? AND "
                f"{'site IS NULL' if site == MAIN_SITE else 'site = ?'} ORDER BY 1",
                (day,) if site == MAIN_SITE else (day, site),
            )
            return [till for (till,) in rows]
        rows = self.sql.rows(
            "SELECT till FROM document WHERE date = ? UNION SELECT till FROM cash_entry "
            "WHERE day = ? UNION SELECT till FROM day_close WHERE day = ? ORDER BY 1",
            (day, day, day),
        )
        return [till for (till,) in rows]

    def closed(self, day: date, till: str) -> str | None:
        """The stored summary (JSON) of a closed day, or None while it is open."""
        value = self.sql.scalar(
            "SELECT summary FROM day_close WHERE day = ? AND till = ?", (day, till)
        )
        return None if value is None else str(value)

    def close(self, day: date, till: str, at: datetime, operator: str, summary: str) -> None:
        """Store a day's summary as closed (unique per till and day)."""
        self.sql.run(
            "INSERT INTO day_close (day, till, closed_at, operator, summary) "
            "VALUES (?, ?, ?, ?, ?)",
            (day, till, at, operator, summary),
        )
