"""The document journal: posted documents found by kind, dates, party, phone or serial number."""

from __future__ import annotations

from typing import Any

from core.domain.sites import MAIN_SITE, read_site
from core.persistence.db import Sql, as_date, as_datetime, like_pattern
from core.reports import DocumentFilter, DocumentListRow, Page

_COLUMNS = (
    "d.id, d.number, d.kind, d.date, d.created_at, d.party, d.phone, d.total, d.payment, "
    "d.till, d.operator, d.site"
)


def _where(flt: DocumentFilter) -> tuple[list[str], list[Any]]:
    """Conditions on the document alone: the date index narrows, a serial number goes
    through the movements' serial index, a phone through the document's phone index."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    for column, op, value in (
        ("d.kind", "=", flt.kind),
        ("d.date", ">=", flt.date_from),
        ("d.date", "<=", flt.date_to),
        ("d.phone", "=", flt.phone),
        ("d.till", "=", flt.till),
    ):
        if value is not None:
            where.append(f"{column} {op} ?")
            params.append(value)
    if flt.site is not None:
        where.append("d.site IS NULL" if flt.site == MAIN_SITE else "d.site = ?")
        params.extend([] if flt.site == MAIN_SITE else [flt.site])
    if flt.customer:
        where.append("LOWER(d.party) LIKE ? ESCAPE '!'")
        params.append(like_pattern(flt.customer.lower()))
    if flt.serials:
        marks = ", ".join("?" for _ in flt.serials)
        where.append(f"d.id IN (SELECT document_id FROM movement WHERE serial IN ({marks}))")
        params.extend(flt.serials)
    return where, params


class DocumentSearchRepository:
    """Pages of posted documents, latest first."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def page(self, flt: DocumentFilter, after: tuple | None, limit: int) -> Page[DocumentListRow]:
        """Documents matching the filter, latest date first, ``limit`` after the cursor."""
        where, params = _where(flt)
        if after is not None:
            where.append("(d.date, d.id) < (?, ?)")
            params.extend([after[0], after[1]])
        rows = self.sql.rows(
            f"SELECT {_COLUMNS} FROM document d WHERE {' AND '.join(where)} "
            "ORDER BY d.date DESC, d.id DESC LIMIT ?",
            (*params, limit + 1),
        )
        items = tuple(_row(r) for r in rows[:limit])
        cursor = (items[-1].on, items[-1].id) if len(rows) > limit else None
        return Page(items, cursor)

    def number_of(self, code: str) -> str | None:
        """The number of the document with this number, if there is one."""
        value = self.sql.scalar("SELECT number FROM document WHERE number = ?", (code,))
        return None if value is None else str(value)

    def last_sale_of(self, serials: tuple[str, ...]) -> str | None:
        """The number of the latest sale that moved a unit with one of these serial numbers."""
        marks = ", ".join("?" for _ in serials)
        value = self.sql.scalar(
            "SELECT d.number FROM movement m JOIN document d ON d.id = m.document_id "
            f"WHERE m.serial IN ({marks}) AND d.kind = 'sale' ORDER BY m.id DESC LIMIT 1",
            serials,
        )
        return None if value is None else str(value)


def _row(r: tuple) -> DocumentListRow:
    on, created = as_date(r[3]), as_datetime(r[4])
    assert on is not None and created is not None
    return DocumentListRow(
        r[0], r[1], r[2], on, created, r[5], r[6], int(r[7]), r[8], r[9], r[10], read_site(r[11])
    )
