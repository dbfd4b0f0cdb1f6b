"""The chain links of one database: appended with every write transaction, walked to verify.

Every row a write transaction adds to a chained table (documents, their lines, movements,
journal entries — and any table added to ``CHAINED``) gets a link when the transaction
commits, in the same transaction. The repositories say what they wrote: ``stored`` for rows
as the database returned them (``RETURNING *``), ``added`` for a row known by its id alone,
``amend`` for a column they changed since; ``seal`` hashes every row as stored, reading back
only those it was not given.

Links are appended one transaction at a time: SQLite's writers queue (``BEGIN IMMEDIATE``),
and on PostgreSQL ``seal`` takes the chain's own advisory lock before it reads the head, so
documents posting alongside each other (a shared write lock) link their rows one after the
other. The lock is held to the commit and taken last, after every row lock: one chain per
database, however many tills write."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.domain.chain import GENESIS, ChainProblem, encoder, link_hash
from core.persistence.db import Sql, Stored

CHAINED: tuple[str, ...] = ("document", "document_line", "movement", "journal_entry")
"""The tables whose rows are chained, in the order a transaction's rows are linked."""

BATCH = 2000
"""Links read and checked at a time by ``walk``."""

CHAIN_LOCK = 7_303_012
"""The PostgreSQL advisory lock (with the schema) that a transaction holds from reading the
chain's head to its commit."""

LINKS_A_STATEMENT = 1000
"""Links inserted by one statement on PostgreSQL (sent with the commit)."""

_HEAD = "SELECT seq, hash FROM chain_link ORDER BY seq DESC LIMIT 1"


class Chain:
    """The rows a write transaction added, linked into the chain when it commits."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql
        self._ids: dict[str, list[int]] = {}
        self._images: dict[str, dict[int, tuple[list[str], list[Any]]]] = {}
        """Rows as the database returned them when written, by table and id."""

    def added(self, table: str, row_id: int) -> None:
        """A row of a chained table was inserted with this id."""
        self._ids.setdefault(table, []).append(row_id)

    def stored(self, table: str, rows: Stored) -> None:
        """Rows of a chained table were inserted and returned as stored."""
        names, values = rows
        if not values:
            return
        at = names.index("id")
        images = self._images.setdefault(table, {})
        for row in values:
            images[int(row[at])] = (names, list(row))

    def amend(self, table: str, row_id: int, **columns: Any) -> None:
        """Columns of a row this transaction stored were changed to these values (as the
        database holds them: integers and text); a row not held is read back at ``seal``."""
        image = self._images.get(table, {}).get(row_id)
        if image is None:
            self.added(table, row_id)
            return
        names, values = image
        for name, value in columns.items():
            values[names.index(name)] = value

    def forget(self) -> None:
        """Drop what was noted (the transaction ended)."""
        self._ids.clear()
        self._images.clear()

    def seal(self) -> None:
        """Link every noted row, as stored now, after the chain's head."""
        if not self._ids and not self._images:
            return
        if self.sql.postgres:  # sent with the head's read: one round trip
            self.sql.later(
                "SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", (CHAIN_LOCK,)
            )
        head = self.sql.row(_HEAD)
        seq, previous = (int(head[0]), str(head[1])) if head else (0, GENESIS)
        links = []
        for table, row_id, body in self._rows():
            seq += 1
            previous = link_hash(previous, body)
            links.append((seq, table, row_id, previous))
        self._insert(links)
        self.forget()

    def _insert(self, links: list[tuple[int, str, int, str]]) -> None:
        """The links, sent with the commit on PostgreSQL."""
        if not self.sql.postgres:
            self.sql.insert_rows("chain_link", ("seq", "table_name", "row_id", "hash"), links)
            return
        for start in range(0, len(links), LINKS_A_STATEMENT):
            part = links[start : start + LINKS_A_STATEMENT]
            marks = ", ".join("(?, ?, ?, ?)" for _ in part)
            flat = [value for link in part for value in link]
            self.sql.later(
                f"INSERT INTO chain_link (seq, table_name, row_id, hash) VALUES {marks}", flat
            )

    def _rows(self) -> Iterator[tuple[str, int, bytes]]:
        order = {name: i for i, name in enumerate(CHAINED)}
        tables = {*self._ids, *self._images}
        for table in sorted(tables, key=lambda t: (order.get(t, 99), t)):
            found = self._images_of(table)
            ids = sorted(set(self._ids.get(table, ())) - set(found))
            if ids:
                found.update(rows_by_id(self.sql, table, ids))
            for row_id in sorted(found):
                yield table, row_id, found[row_id]

    def _images_of(self, table: str) -> dict[int, bytes]:
        """The rows of a table held as stored, encoded."""
        images = self._images.get(table, {})
        encoders: dict[tuple[str, ...], Any] = {}
        found: dict[int, bytes] = {}
        for row_id, (names, values) in images.items():
            key = tuple(names)
            encode = encoders.get(key) or encoders.setdefault(key, encoder(table, names))
            found[row_id] = encode(values)
        return found


def _encoded(table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[int, bytes]:
    at = list(names).index("id")
    encode = encoder(table, names)
    return {int(row[at]): encode(row) for row in rows}


def rows_by_id(sql: Sql, table: str, ids: Sequence[int]) -> dict[int, bytes]:
    """The canonical encoding of each of these rows that exists, by id."""
    found: dict[int, bytes] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ", ".join("?" for _ in part)
        names, rows = sql.named_rows(f"SELECT * FROM {table} WHERE id IN ({marks})", part)
        found.update(_encoded(table, names, rows))
    return found


def head(sql: Sql) -> tuple[int, str]:
    """The last link's position and hash (0 and the genesis hash for an empty chain)."""
    found = sql.row("SELECT seq, hash FROM chain_link ORDER BY seq DESC LIMIT 1")
    return (int(found[0]), str(found[1])) if found else (0, GENESIS)


def walk(sql: Sql) -> Iterator[ChainProblem | int]:
    """Check every link against the row it covers, in chain order.

    Yields each problem found and, after each batch, how many links were checked so far."""
    previous, expected, checked = GENESIS, 1, 0
    while True:
        links = sql.rows(
            "SELECT seq, table_name, row_id, hash FROM chain_link WHERE seq >= ? "
            "ORDER BY seq LIMIT ?",
            (expected, BATCH),
        )
        if not links:
            return
        bodies = _bodies(sql, links)
        for seq, table, row_id, stored in links:
            if seq != expected:
                yield ChainProblem(table, int(row_id), "unlinked", int(seq))
            body = bodies.get((table, int(row_id)))
            if body is None:
                yield ChainProblem(table, int(row_id), "removed", int(seq))
            elif link_hash(previous, body) != stored:
                yield ChainProblem(table, int(row_id), "edited", int(seq))
            previous, expected = str(stored), int(seq) + 1
        checked += len(links)
        yield checked


def _bodies(sql: Sql, links: Sequence[Sequence[Any]]) -> dict[tuple[str, int], bytes]:
    wanted: dict[str, list[int]] = {}
    for _seq, table, row_id, _hash in links:
        wanted.setdefault(str(table), []).append(int(row_id))
    found: dict[tuple[str, int], bytes] = {}
    for table, ids in wanted.items():
        for row_id, body in rows_by_id(sql, table, ids).items():
            found[(table, row_id)] = body
    return found


def unlinked_rows(sql: Sql, tables: Sequence[str]) -> Iterator[ChainProblem]:
    """Rows of chained tables that no link covers: written behind the app's back."""
    existing = set(sql.db.get_tables())
    starts = dict(sql.rows("SELECT table_name, after_id FROM chain_start"))
    for table in tables:
        if table not in existing:
            continue
        rows = sql.rows(
            f"SELECT t.id FROM {table} t LEFT JOIN chain_link c "
            "ON c.table_name = ? AND c.row_id = t.id "
            "WHERE t.id > ? AND c.seq IS NULL ORDER BY t.id",
            (table, int(starts.get(table, 0))),
        )
        for (row_id,) in rows:
            yield ChainProblem(table, int(row_id), "inserted")


def start_chain(sql: Sql) -> None:
    """Record where each chained table's chain begins: rows already there predate it."""
    existing = set(sql.db.get_tables())
    for table in CHAINED:
        last = sql.scalar(f"SELECT COALESCE(MAX(id), 0) FROM {table}") if table in existing else 0
        sql.run(
            "INSERT INTO chain_start (table_name, after_id) VALUES (?, ?) "
            "ON CONFLICT (table_name) DO NOTHING",
            (table, int(last or 0)),
        )
