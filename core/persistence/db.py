"""Opening the database named by a path or URL, and a thin SQL runner over it."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import peewee
from peewee import Database, OperationalError, PostgresqlDatabase, SqliteDatabase

from core.domain.errors import ConfigError
from core.i18n import _
from core.persistence.location import describe_url, sqlite_path

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -32000,
    "busy_timeout": 10000,
}
"""WAL for concurrent readers, enforced foreign keys, a 32 MB page cache and a 10 s lock wait.
``synchronous`` stays at SQLite's safe default so a sale survives a power cut after printing."""


def open_database(url: str) -> Database:
    """A peewee database for a SQLite path or ``sqlite:///path``, or a ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return _postgres(url)
    path = sqlite_path(url)
    if path != ":memory:":
        _create_private(path)
    db = SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    db.register_function(_unicode_lower, "lower", 1, deterministic=True)
    return db


def _create_private(path: str) -> None:
    """Create a missing database file readable by its owner alone (it holds customers' names
    and phones); SQLite gives its -wal and -shm files the same mode."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise ConfigError(
            _("The database file {path} cannot be created: {error}.").format(
                path=path, error=exc.strerror or exc
            )
        ) from exc


def _unicode_lower(value: Any) -> Any:
    """SQLite's own LOWER folds only ASCII; searches must find «олена» in «Олена»."""
    return value.lower() if isinstance(value, str) else value


CONNECTION_PARAMETERS = (
    "application_name",
    "channel_binding",
    "connect_timeout",
    "gssencmode",
    "keepalives",
    "keepalives_count",
    "keepalives_idle",
    "keepalives_interval",
    "passfile",
    "sslcert",
    "sslcrl",
    "sslkey",
    "sslmode",
    "sslrootcert",
    "target_session_attrs",
    "tcp_user_timeout",
)
"""libpq's own settings a ``postgresql://`` URL may carry after ``?`` (such as
``sslmode=verify-full&sslrootcert=/etc/serial-till/db-ca.crt`` for a till that must check the
server's certificate), passed to the driver as they are; libpq judges their values."""


def _postgres(url: str) -> Database:
    """A PostgreSQL database; ``?search_path=NAME`` selects a schema (used by tests), and
    libpq's connection settings (``CONNECTION_PARAMETERS``) pass through."""
    parts = urlparse(url)
    if not parts.path.strip("/"):
        raise ConfigError(
            _("The database URL {url} names no database after the host.").format(
                url=repr(describe_url(url))
            )
        )
    try:
        port = parts.port or 5432
    except ValueError:
        raise ConfigError(
            _("The database URL {url} has a port that is not a number from 1 to 65535.").format(
                url=repr(describe_url(url))
            )
        ) from None
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(options) - {"search_path", *CONNECTION_PARAMETERS})
    if unknown:
        raise ConfigError(
            _(
                "The database URL {url} has a setting PostgreSQL does not know: {name} "
                "(known: {known})."
            ).format(
                url=repr(describe_url(url)),
                name=unknown[0],
                known=", ".join(("search_path", *CONNECTION_PARAMETERS)),
            )
        )
    if importlib.util.find_spec("psycopg2") is None:
        raise ConfigError(
            _(
                "The database {url} is PostgreSQL, which needs the postgres extra: "
                "pip install 'serial-till[postgres]'."
            ).format(url=repr(url))
        )
    kwargs: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": port,
        "user": unquote(parts.username) if parts.username else "postgres",
        "connect_timeout": 5,
    }
    kwargs.update((name, options[name][-1]) for name in CONNECTION_PARAMETERS if name in options)
    if parts.password:
        kwargs["password"] = unquote(parts.password)
    if options.get("search_path", [""])[-1]:
        kwargs["options"] = f"-c search_path={options['search_path'][-1]}"
    from core.persistence.pg_batching import BatchingPostgres

    return BatchingPostgres(parts.path.strip("/"), autorollback=False, **kwargs)


def is_postgres(db: Database) -> bool:
    """True when the database is PostgreSQL."""
    return isinstance(db, PostgresqlDatabase)


def describe(db: Database) -> str:
    """A short, password-free name of the database for status bars and messages."""
    if is_postgres(db):
        params = db.connect_params
        return f"postgresql://{params.get('host')}:{params.get('port')}/{db.database}"
    return str(db.database)


_DRIVER_ERRORS = peewee.__exception_wrapper__  # type: ignore[attr-defined]
"""Turns sqlite3/psycopg2 errors into peewee's (IntegrityError…), as execute_sql does."""

RETURNED_ROWS = 50
"""Up to this many rows ``insert_rows`` inserts in one multi-row statement (returning them
as stored when asked: a sale's movements are hashed into the chain without a read back)."""

SQLITE_ROWS = 1000
"""The most rows one SQLite statement inserts when they are returned as stored."""

Stored = tuple[list[str], list[tuple[Any, ...]]]
"""Rows as the database stored them: the column names, and each row's values."""


def as_date(value: Any) -> date | None:
    """A date from what either driver returns for a DATE column."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> datetime | None:
    """A datetime from what either driver returns for a timestamp column."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern that finds ``text`` literally: its ``%`` and ``_`` are no wildcards.

    The statement must say ``LIKE ? ESCAPE '!'``. A prefix pattern matches only at the start."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


class Sql:
    """Runs hand-written SQL with ``?`` placeholders on either engine.

    The hot paths (a scan's look-up, a sale, a receipt of a thousand serial numbers) use
    plain statements rather than the ORM: `make bench` measures them against raw sqlite3."""

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self.db = db
        self.postgres = is_postgres(db)
        self.read_only = read_only
        """Reads for a check: a snapshot, no row locks."""

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query."""
        if self.postgres and _matches_nothing(params):
            return []
        return list(self.db.execute_sql(self._sql(sql), _adapt(params)).fetchall())

    def named_rows(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The column names and all rows of a query."""
        cursor = self.db.execute_sql(self._sql(sql), _adapt(params))
        return [column[0] for column in cursor.description], list(cursor.fetchall())

    def row(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        if self.postgres and _matches_nothing(params):
            return None
        result: tuple[Any, ...] | None = self.db.execute_sql(
            self._sql(sql), _adapt(params)
        ).fetchone()
        return result

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        found = self.row(sql, params)
        return None if found is None else found[0]

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute a statement; the number of rows it changed."""
        return int(self.db.execute_sql(self._sql(sql), _adapt(params)).rowcount)

    def later(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Execute a write whose outcome nobody reads: inside a PostgreSQL transaction it is
        sent with the next statement or the commit (one round trip fewer; if it fails, that
        statement fails and the transaction rolls back whole); elsewhere at once."""
        hold = getattr(self.db, "hold", None)
        if hold is not None and self.db.in_transaction():
            hold(self._sql(sql), _adapt(params))
        else:
            self.run(sql, params)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute an INSERT … RETURNING id and give the new id."""
        return int(self.db.execute_sql(self._sql(sql), _adapt(params)).fetchone()[0])

    def run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Execute one statement for many parameter rows."""
        with _DRIVER_ERRORS:
            self.db.cursor().executemany(self._sql(sql), [_adapt(row) for row in rows])

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        stored: bool = False,
    ) -> Stored | None:
        """Insert many rows with one statement that names only the columns some row fills.

        Asked for the rows as ``stored``, their column names and values as the database
        holds them (``RETURNING *``: the chain hashes them without reading them back), by
        multi-row statements of up to ``RETURNED_ROWS`` rows; otherwise None. PostgreSQL
        always gets such statements (``executemany`` would make each row a round trip); rows
        not asked for back go to SQLite past ``RETURNED_ROWS`` by ``executemany`` (a 1,000-SN
        receipt's units), run in-process.

        Worked column by column: the columns every row leaves NULL are left out (they
        default to NULL; the sqlite3 module looks for an adapter for every None it binds,
        which cost a 1,000-SN receipt more than SQLite took to insert its rows), and only
        columns holding dates are converted, each distinct date once."""
        if not rows:
            return ([], []) if stored else None
        names: list[str] = []
        values: list[Sequence[Any]] = []
        for name, column in zip(columns, zip(*rows, strict=True), strict=True):
            if column.count(None) == len(column):
                continue
            names.append(name)
            if any(issubclass(kind, date) for kind in set(map(type, column))):
                text = {v: v.isoformat() for v in set(column) if isinstance(v, date)}
                values.append([text.get(v, v) for v in column])
            else:
                values.append(column)
        marks = ", ".join("?" for _ in names)
        prefix = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
        by_row = list(zip(*values, strict=True))
        if len(rows) > RETURNED_ROWS and not (self.postgres or stored):
            with _DRIVER_ERRORS:
                self.db.cursor().executemany(self._sql(f"{prefix}({marks})"), by_row)
            return None
        names_back: list[str] = []
        rows_back: list[tuple[Any, ...]] = []
        chunk = RETURNED_ROWS if self.postgres else self._sqlite_rows(len(names))
        for start in range(0, len(by_row), chunk):  # a round trip each on PostgreSQL
            part = by_row[start : start + chunk]
            groups = ", ".join(f"({marks})" for _ in part)
            flat = [value for row in part for value in row]
            with _DRIVER_ERRORS:
                cursor = self.db.cursor()
                if not stored:
                    cursor.execute(self._sql(f"{prefix}{groups}"), flat)
                    continue
                cursor.execute(self._sql(f"{prefix}{groups} RETURNING *"), flat)
                names_back = [c[0] for c in cursor.description]
                rows_back.extend(cursor.fetchall())
        return (names_back, rows_back) if stored else None

    def _sqlite_rows(self, columns: int) -> int:
        """How many rows of this many columns one SQLite statement may insert: as many as
        its limit of bound values allows (32,766 since SQLite 3.32, 999 before), since each
        statement costs a compile."""
        limit = self.db.connection().getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return max(1, min(SQLITE_ROWS, limit // max(1, columns)))

    @property
    def for_update(self) -> str:
        """The row-locking suffix for a SELECT inside a write transaction (none for a check)."""
        return " FOR UPDATE" if self.postgres and not self.read_only else ""


def _matches_nothing(params: Sequence[Any]) -> bool:
    """A look-up for text holding a NUL character: nothing stored holds one (every text is
    checked on the way in), and PostgreSQL refuses to be sent one, so the query is not sent."""
    return any(isinstance(v, str) and "\x00" in v for v in params)


def _adapt(params: Sequence[Any]) -> tuple[Any, ...]:
    """Dates and timestamps as ISO text for SQLite; PostgreSQL casts the text itself.

    Runs once per row of a thousand-row receipt, so it is a list comprehension over one
    ``isinstance`` (datetime is a date) rather than a generator over a union type."""
    return tuple([v.isoformat() if isinstance(v, date) else v for v in params])


__all__ = ["OperationalError", "Sql", "open_database", "is_postgres", "describe"]
