"""The action journal: appended in the transaction of the action it records, chained."""

from __future__ import annotations

from datetime import date, datetime

from core.persistence.chain_repo import Chain
from core.persistence.db import Sql, as_datetime
from core.views import JournalRow


class JournalRepository:
    """Appends journal entries and reads them back, newest last."""

    def __init__(self, sql: Sql, chain: Chain | None = None) -> None:
        self.sql = sql
        self.chain = chain
        """Where the rows written are noted for the tamper-evident chain (None: not chained)."""

    def add(
        self,
        at: datetime,
        kind: str,
        user: str,
        till: str,
        *,
        approver: str | None = None,
        document: str | None = None,
        detail: str | None = None,
    ) -> int:
        """Append one entry; its id."""
        names, rows = self.sql.named_rows(
            "INSERT INTO journal_entry (at, kind, user_name, approver, till, document, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (at, kind, user, approver, till, document, detail),
        )
        if self.chain is not None:
            self.chain.stored("journal_entry", (names, rows))
        return int(rows[0][names.index("id")])

    def find(
        self,
        *,
        user: str | None = None,
        kind: str | None = None,
        since: date | None = None,
        limit: int = 1000,
    ) -> list[JournalRow]:
        """Entries matching every filter given, oldest first (the last ``limit`` of them);
        ``since`` is a UTC date, as entries are stamped."""
        where: list[str] = ["1 = 1"]
        params: list[object] = []
        if user:
            where.append("(user_name = ? OR approver = ?)")
            params += [user, user]
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if since:
            where.append("at >= ?")
            params.append(datetime.combine(since, datetime.min.time()))
        rows = self.sql.rows(
            "SELECT id, at, kind, user_name, approver, till, document, detail FROM journal_entry "
            f"WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        found = []
        for r in reversed(rows):
            at = as_datetime(r[1])
            assert at is not None
            found.append(JournalRow(r[0], at, r[2], r[3], r[4], r[5], r[6], r[7]))
        return found
