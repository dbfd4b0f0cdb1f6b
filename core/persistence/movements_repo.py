"""The append-only movement ledger: add and read, never change."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from core.domain.movements import DocumentKind, DocumentRef, Location, Movement
from core.domain.sites import read_site, stored_site
from core.persistence.chain_repo import Chain
from core.persistence.db import Sql, as_date, as_datetime

_COLUMNS = (
    "at",
    "kind",
    "document_id",
    "line_id",
    "origin_id",
    "product_id",
    "serial",
    "quantity",
    "from_location",
    "to_location",
    "unit_cost",
    "unit_price",
    "layer_id",
    "warranty_end",
    "note",
    "till",
    "operator",
    "site",
)

_SELECT = (
    "SELECT m.id, m.at, m.kind, m.line_id, m.product_id, m.serial, m.quantity, "
    "m.from_location, m.to_location, m.unit_cost, m.unit_price, m.layer_id, m.warranty_end, "
    "m.note, d.id, d.number, d.kind, d.date, d.party, d.phone, "
    "o.id, o.number, o.kind, o.date, o.party, o.phone, m.till, m.operator, m.site "
    "FROM movement m JOIN document d ON d.id = m.document_id "
    "LEFT JOIN document o ON o.id = m.origin_id"
)


def _ref(values: Sequence) -> DocumentRef | None:
    if values[0] is None:
        return None
    doc_date = as_date(values[3])
    assert doc_date is not None
    return DocumentRef(
        id=values[0],
        number=values[1],
        kind=DocumentKind(values[2]),
        date=doc_date,
        party=values[4],
        phone=values[5],
    )


def movement_from_row(row: Sequence) -> Movement:
    """A Movement from a row of the standard movement select."""
    document = _ref(row[14:20])
    at = as_datetime(row[1])
    assert document is not None and at is not None
    return Movement(
        id=row[0],
        at=at,
        kind=DocumentKind(row[2]),
        line_id=row[3],
        product_id=row[4],
        serial=row[5],
        quantity=row[6],
        from_location=Location(row[7]),
        to_location=Location(row[8]),
        unit_cost=int(row[9]),
        unit_price=None if row[10] is None else int(row[10]),
        layer_id=row[11],
        warranty_end=as_date(row[12]),
        note=row[13],
        document=document,
        origin=_ref(row[20:26]),
        site=read_site(row[28]),
    )


class MovementRepository:
    """Appends movements and reads them back in ledger order."""

    def __init__(self, sql: Sql, chain: Chain | None = None) -> None:
        self.sql = sql
        self.chain = chain
        """Where the rows written are noted for the tamper-evident chain (None: not chained)."""

    def add_many(self, movements: Sequence[Movement], till: str, operator: str) -> None:
        """Append movements; the database refuses to change them afterwards."""
        chained = self.chain is not None
        stored = self.sql.insert_rows(
            "movement",
            _COLUMNS,
            [
                (
                    m.at,
                    m.kind.value,
                    m.document.id,
                    m.line_id,
                    m.origin.id if m.origin else None,
                    m.product_id,
                    m.serial,
                    m.quantity,
                    m.from_location.value,
                    m.to_location.value,
                    m.unit_cost,
                    m.unit_price,
                    m.layer_id,
                    m.warranty_end,
                    m.note,
                    till,
                    operator,
                    stored_site(m.site),
                )
                for m in movements
            ],
            stored=chained,
        )
        if self.chain is not None and stored is not None:
            self.chain.stored("movement", stored)

    def for_serial(self, serials: Sequence[str]) -> list[tuple[Movement, str, str]]:
        """Every movement of any of these serial spellings, with the till and operator."""
        marks = ", ".join("?" for _ in serials)
        rows = self.sql.rows(f"{_SELECT} WHERE m.serial IN ({marks}) ORDER BY m.id", serials)
        return [(movement_from_row(row), row[26], row[27]) for row in rows]

    def for_document(self, document_id: int) -> list[Movement]:
        """The movements a document made, in order."""
        rows = self.sql.rows(f"{_SELECT} WHERE m.document_id = ? ORDER BY m.id", (document_id,))
        return [movement_from_row(row) for row in rows]

    def with_origin(self, document_id: int) -> list[Movement]:
        """Correction movements that fix the given document, in order."""
        rows = self.sql.rows(f"{_SELECT} WHERE m.origin_id = ? ORDER BY m.id", (document_id,))
        return [movement_from_row(row) for row in rows]

    def all(self, batch: int = 5000) -> Iterator[Movement]:
        """The whole ledger in order, read in batches."""
        last = 0
        while True:
            rows = self.sql.rows(f"{_SELECT} WHERE m.id > ? ORDER BY m.id LIMIT ?", (last, batch))
            if not rows:
                return
            for row in rows:
                yield movement_from_row(row)
            last = rows[-1][0]

    def last_sale_of(self, product_id: int, serial: str) -> date | None:
        """The date of the last sale movement of a unit, if any."""
        return as_date(
            self.sql.scalar(
                "SELECT d.date FROM movement m JOIN document d ON d.id = m.document_id "
                "WHERE m.product_id = ? AND m.serial = ? AND m.to_location = ? "
                "ORDER BY m.id DESC LIMIT 1",
                (product_id, serial, Location.CUSTOMER.value),
            )
        )
