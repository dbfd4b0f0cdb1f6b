"""Documents, their lines, numbers and recorded warnings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from weakref import WeakKeyDictionary

from peewee import Database

from core.domain.movements import DocumentKind, DocumentRef
from core.domain.sites import MAIN_SITE, read_site, stored_site
from core.domain.tracking import Discrepancy
from core.persistence.chain_repo import Chain
from core.persistence.db import Sql, as_date, as_datetime
from core.views import DocumentRow, LineRow

_SEQUENCES: WeakKeyDictionary[Database, frozenset[str]] = WeakKeyDictionary()
"""The number sequences found in each open PostgreSQL database."""


def forget_sequences(db: Database) -> None:
    """Read the database's number sequences afresh next time (a migration added some)."""
    _SEQUENCES.pop(db, None)


def number_sequence(kind: str) -> str:
    """The PostgreSQL sequence that numbers documents of this kind."""
    return f"number_{kind}"


class DocumentRepository:
    """Numbers, writes and reads documents."""

    def __init__(self, sql: Sql, chain: Chain | None = None) -> None:
        self.sql = sql
        self.chain = chain
        """Where the rows written are noted for the tamper-evident chain (None: not chained)."""

    def next_number(self, kind: DocumentKind) -> str:
        """The next number of this kind, taken inside the caller's transaction.

        SQLite numbers each kind without gaps from the ``counter`` table (its writers queue
        anyway). PostgreSQL takes the number from the kind's sequence, so tills posting at
        once never wait for one another on a counter row; a document rolled back after it
        took its number leaves a gap. A kind declared after the database was created or
        upgraded has no sequence and is numbered from ``counter`` on both engines."""
        sequence = self._sequence(kind)
        if sequence is not None:
            number = self.sql.scalar("SELECT nextval(?)", (sequence,))
        else:
            number = self.sql.scalar(
                "INSERT INTO counter (kind, last) VALUES (?, 1) "
                "ON CONFLICT (kind) DO UPDATE SET last = counter.last + 1 RETURNING last",
                (kind.value,),
            )
        return f"{kind.prefix}-{int(number):06d}"

    def _sequence(self, kind: DocumentKind) -> str | None:
        """The PostgreSQL sequence numbering this kind, if it has one."""
        sequence = number_sequence(kind.value)
        return sequence if self.sql.postgres and sequence in self._known_sequences() else None

    def _known_sequences(self) -> frozenset[str]:
        """The number sequences of this PostgreSQL database (read once per connection
        settings: a unit of work is made per document, the catalogue of sequences is not)."""
        known = _SEQUENCES.get(self.sql.db)
        if known is None:
            rows = self.sql.rows(
                "SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' "
                "AND c.relnamespace = current_schema()::regnamespace "
                "AND LEFT(c.relname, 7) = 'number_'"
            )
            known = _SEQUENCES[self.sql.db] = frozenset(name for (name,) in rows)
        return known

    def add(
        self,
        kind: DocumentKind,
        on: date,
        created_at: datetime,
        *,
        till: str,
        operator: str,
        party: str | None = None,
        phone: str | None = None,
        external_number: str | None = None,
        reason: str | None = None,
        ref_id: int | None = None,
        number: str | None = None,
        site: str = MAIN_SITE,
        to_site: str | None = None,
        total: int = 0,
        payment: str | None = None,
    ) -> DocumentRef:
        """Insert a document header; its reference with the new number (or the one given).

        A number from a PostgreSQL sequence is taken by the insert itself, formatted as
        ``next_number`` formats it (``SL-000042``): one round trip for both."""
        sequence = None if number else self._sequence(kind)
        if sequence is not None:
            numbered = "(SELECT ? || '-' || LPAD(n::text, GREATEST(6, LENGTH(n::text)), '0') "
            numbering: tuple[str, ...] = (kind.prefix, sequence)
            numbered += "FROM nextval(?) AS n)"
        else:
            numbered, numbering = "?", (number or self.next_number(kind),)
        names, rows = self.sql.named_rows(
            "INSERT INTO document (number, kind, date, created_at, party, phone, "
            "external_number, reason, ref_id, total, payment, till, operator, site, to_site) "
            f"VALUES ({numbered}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                *numbering,
                kind.value,
                on,
                created_at,
                party,
                phone,
                external_number,
                reason,
                ref_id,
                total,
                payment,
                till,
                operator,
                stored_site(site),
                to_site,
            ),
        )
        row = dict(zip(names, rows[0], strict=True))
        if self.chain is not None:
            self.chain.stored("document", (names, rows))
        return DocumentRef(int(row["id"]), str(row["number"]), kind, on, party, phone)

    def finish(self, document_id: int, total: int, payment: str | None) -> None:
        """Record the document's total and payment method (sent with the next statement)."""
        self.sql.later(
            "UPDATE document SET total = ?, payment = ? WHERE id = ?",
            (total, payment, document_id),
        )
        if self.chain is not None:
            self.chain.amend("document", document_id, total=total, payment=payment)

    def add_line(
        self,
        document_id: int,
        position: int,
        product_id: int,
        quantity: int,
        unit_amount: int,
        cost: int = 0,
    ) -> int:
        """Insert a line; its id."""
        names, rows = self.sql.named_rows(
            "INSERT INTO document_line (document_id, position, product_id, quantity, "
            "unit_amount, cost) VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
            (document_id, position, product_id, quantity, unit_amount, cost),
        )
        if self.chain is not None:
            self.chain.stored("document_line", (names, rows))
        return int(rows[0][names.index("id")])

    def set_line_cost(self, line_id: int, cost: int) -> None:
        """Record the cost of goods a line wrote off (sent with the next statement)."""
        self.sql.later("UPDATE document_line SET cost = ? WHERE id = ?", (cost, line_id))
        if self.chain is not None:
            self.chain.amend("document_line", line_id, cost=cost)

    def add_warnings(self, document_id: int, warnings: Sequence[tuple[int, Discrepancy]]) -> None:
        """Record soft-tracking warnings with their document."""
        self.sql.run_many(
            "INSERT INTO tracking_warning (document_id, product_id, serial, rule, message) "
            "VALUES (?, ?, ?, ?, ?)",
            [(document_id, pid, w.serial, w.rule, w.message) for pid, w in warnings],
        )

    def number_for_request(self, request_id: str) -> str | None:
        """The number of the document a front end's request id posted, if any."""
        return self.sql.scalar(
            "SELECT d.number FROM posting_request r JOIN document d ON d.id = r.document_id "
            "WHERE r.request_id = ?",
            (request_id,),
        )

    def add_request(self, request_id: str, document_id: int) -> None:
        """Remember which document this request id posted (unique: a retry posts nothing)."""
        self.sql.run(
            "INSERT INTO posting_request (request_id, document_id) VALUES (?, ?)",
            (request_id, document_id),
        )

    def get(self, number: str) -> DocumentRow | None:
        """A document by its number."""
        row = self.sql.row(
            "SELECT d.id, d.number, d.kind, d.date, d.party, d.phone, d.created_at, "
            "d.external_number, d.reason, r.number, d.payment, d.total, d.till, d.operator, "
            "d.site, d.to_site "
            "FROM document d LEFT JOIN document r ON r.id = d.ref_id WHERE d.number = ?",
            (number.strip().upper(),),
        )
        if row is None:
            return None
        on, created = as_date(row[3]), as_datetime(row[6])
        assert on is not None and created is not None
        return DocumentRow(
            ref=DocumentRef(row[0], row[1], DocumentKind(row[2]), on, row[4], row[5]),
            created_at=created,
            external_number=row[7],
            reason=row[8],
            ref_number=row[9],
            payment=row[10],
            total=int(row[11]),
            till=row[12],
            operator=row[13],
            site=read_site(row[14]),
            to_site=row[15],
        )

    def lines(self, document_id: int) -> list[LineRow]:
        """A document's lines in order."""
        rows = self.sql.rows(
            "SELECT l.id, l.position, l.product_id, p.sku, p.name, l.quantity, l.unit_amount, "
            "l.cost FROM document_line l JOIN product p ON p.id = l.product_id "
            "WHERE l.document_id = ? ORDER BY l.position, l.id",
            (document_id,),
        )
        return [LineRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7])) for r in rows]

    def returned_quantity(self, sale_id: int, product_id: int) -> int:
        """How many units of a product came back by quantity (not by SN) against a sale."""
        value = self.sql.scalar(
            "SELECT COALESCE(SUM(m.quantity), 0) FROM movement m "
            "JOIN document d ON d.id = m.document_id "
            "WHERE d.ref_id = ? AND d.kind = ? AND m.product_id = ? AND m.serial IS NULL",
            (sale_id, DocumentKind.CUSTOMER_RETURN.value, product_id),
        )
        return int(value or 0)

    def warnings(self, document_id: int) -> list[Discrepancy]:
        """The warnings recorded with a document."""
        rows = self.sql.rows(
            "SELECT w.rule, w.message, p.sku, w.serial FROM tracking_warning w "
            "JOIN product p ON p.id = w.product_id WHERE w.document_id = ? ORDER BY w.id",
            (document_id,),
        )
        return [Discrepancy(rule=r, message=m, sku=s, serial=sn) for r, m, s, sn in rows]
