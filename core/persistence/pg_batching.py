"""A PostgreSQL connection that sends what needs no answer along with what does.

Every statement sent to the server waits a network round trip, and a sale is mostly round
trips: `make bench` measured each at about a fifth of a millisecond on one machine, more
over a shop's network. So two kinds of statement are held back and sent at the front of the
next one, as one query string (PostgreSQL runs such a string's statements in order, each
seeing the ones before it):

- the ``BEGIN`` that opens a transaction, sent with the transaction's first statement;
- writes whose answer nobody reads (``Sql.later``): a unit's new state once its row is
  locked, a stock level, the chain's links. They are sent with the next statement, or with
  the ``COMMIT``.

Nothing is lost or reordered: a held-back write fails the statement that carries it, inside
the same transaction, so the document rolls back whole; a rollback drops what was held
back. Only psycopg2 is imported here, and only once a PostgreSQL database is opened."""

from __future__ import annotations

from typing import Any

import psycopg2.extensions
from peewee import PostgresqlDatabase

_IDLE = psycopg2.extensions.TRANSACTION_STATUS_IDLE


class BatchingConnection(psycopg2.extensions.connection):  # type: ignore[misc]
    """A psycopg2 connection (in autocommit mode, as peewee keeps it) holding the statements
    waiting to be sent at the front of the next one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held: list[bytes] = []
        """Statements to send before the next one, in order, with their values bound."""
        self.cursor_factory = BatchingCursor

    def hold(self, statement: bytes) -> None:
        """Send this statement at the front of the next one."""
        self.held.append(statement)

    def take_held(self) -> list[bytes]:
        """The statements held back, now no longer held."""
        held, self.held = self.held, []
        return held


class BatchingCursor(psycopg2.extensions.cursor):  # type: ignore[misc]
    """A cursor that sends the connection's held-back statements ahead of its own."""

    def execute(self, query: Any, vars: Any = None) -> None:  # noqa: A002 - psycopg2's name
        held = self.connection.take_held()
        if not held:
            super().execute(query, vars)
            return
        if self.name:  # a named (server-side) cursor: its DECLARE must go on its own
            self.connection.cursor().execute(b"; ".join(held))
            super().execute(query, vars)
            return
        super().execute(b"; ".join([*held, self.mogrify(query, vars)]))

    def executemany(self, query: Any, vars_list: Any) -> None:
        held = self.connection.take_held()
        if held:
            super().execute(b"; ".join(held))
        super().executemany(query, vars_list)


class BatchingPostgres(PostgresqlDatabase):
    """peewee's PostgreSQL database over a batching connection: ``BEGIN`` waits for the
    transaction's first statement, and a rollback drops the statements held back."""

    def __init__(self, database: str, **kwargs: Any) -> None:
        super().__init__(database, connection_factory=BatchingConnection, **kwargs)

    def begin(self, isolation_level: Any = None) -> None:
        """Hold ``BEGIN`` back: it goes with the transaction's first statement."""
        if isolation_level is None:
            isolation_level = getattr(self, "_isolation_level", None)
        statement = "BEGIN"
        if isolation_level:
            level = self._adapter.isolation_level_str(isolation_level)  # type: ignore[attr-defined]
            statement = f"BEGIN TRANSACTION ISOLATION LEVEL {level}"
        self.connection().hold(statement.encode("ascii"))

    def hold(self, query: str, params: tuple[Any, ...]) -> None:
        """Send this statement (values bound here, by psycopg2) with the next one."""
        connection = self.connection()
        connection.hold(connection.cursor().mogrify(query, params))

    def commit(self) -> None:
        """Commit what the transaction did, sending what it held back with the ``COMMIT``;
        nothing is sent for a transaction that never sent a statement."""
        connection = self.connection()
        if connection.get_transaction_status() == _IDLE and _only_begin(connection.held):
            connection.take_held()
            return
        super().commit()

    def rollback(self) -> None:
        """Drop what was held back and roll back what was sent (nothing, if nothing was)."""
        if self.is_closed():
            return super().rollback()
        connection = self.connection()
        connection.take_held()
        if connection.closed or connection.get_transaction_status() == _IDLE:
            return None  # a lost connection's transaction ended with it, on the server
        return super().rollback()


def _only_begin(held: list[bytes]) -> bool:
    return all(statement.startswith(b"BEGIN") for statement in held)
