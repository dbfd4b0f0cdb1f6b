"""Creating and checking the schema, and the triggers that keep the ledger append-only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, OperationalError

from core.domain.errors import ConfigError
from core.domain.kinds import declared
from core.domain.sites import MAIN_SITE
from core.i18n import _
from core.persistence.chain_repo import start_chain
from core.persistence.copies import backup_before_migration
from core.persistence.db import Sql, describe, is_postgres
from core.persistence.documents_repo import forget_sequences, number_sequence
from core.persistence.maintenance import ensure_statistics
from core.persistence.tables import (
    COUNT_TABLES,
    HOLD_TABLES,
    IDENTIFIER_TABLES,
    KIT_TABLES,
    LEDGER_TABLES,
    PRINT_TABLES,
    REPAIR_TABLES,
    REQUEST_TABLES,
    SETTING_TABLES,
    SHOP_DAY_TABLES,
    SITE_TABLES,
    TRUST_TABLES,
    CostLayer,
    SchemaVersion,
    SerialUnit,
    StockLevel,
)
from core.persistence.unit_of_work import write_lock

SCHEMA_VERSION = 12
"""1: the ledger; 2: count sheets; 3: the print queue; 4: the warranty report's page index
also holds warranty_end, so an active/expired filter is checked without reading rows;
5: shop settings changed from the app; 6: posting requests (a retried sale posts once);
7: repair orders and RMAs; 8: the shop's day — products active or not, price changes, cash
paid in and out, closed days, and the document list's indexes (phone; till and date);
9: cart holds across tills; 10: several identifiers per unit, and kits; 11: the
tamper-evident chain (rows already there when it was added predate it), till users, the
action journal; 12: the shop's locations — everything there before belongs to ``main``;
quantities on hand and cost layers per location; transfers; the catalogue version that
lets a till keep the products it read."""

_SHOP_DAY_INDEXES = [
    "CREATE INDEX IF NOT EXISTS document_phone ON document (phone)",
    "CREATE INDEX IF NOT EXISTS document_till_date ON document (till, date)",
]

LOCK_TIMEOUT = 5.0
"""Seconds a migration waits for the database before giving up and changing nothing."""


@dataclass(frozen=True)
class Migrated:
    """What a migration did: the versions before and after, and the copy made first."""

    before: int | None
    """The schema found; None for a database without till tables."""
    after: int
    backup: Path | None = None
    """The copy of a SQLite file made before it was changed."""

    @property
    def changed(self) -> bool:
        """True when tables were created or upgraded."""
        return self.before != self.after


class MigrationLocked(ConfigError):
    """Another till held the database longer than the migration would wait."""


_SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS movement_no_update BEFORE UPDATE ON movement
       BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS movement_no_delete BEFORE DELETE ON movement
       BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END""",
]

_POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION movement_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'movements are append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER movement_no_change BEFORE UPDATE OR DELETE ON movement
       FOR EACH ROW EXECUTE FUNCTION movement_append_only()""",
    """CREATE OR REPLACE TRIGGER movement_no_truncate BEFORE TRUNCATE ON movement
       FOR EACH STATEMENT EXECUTE FUNCTION movement_append_only()""",
]


CATALOGUE_TABLES = ("product", "product_type", "barcode", "type_identifier", "kit_component")
"""The tables a till's catalogue cache is read from: any change to them moves the catalogue
version (``catalogue_version``), whoever makes it."""


def _catalogue_triggers(db: Database) -> list[str]:
    """The triggers that move the catalogue version with every change to its tables."""
    if is_postgres(db):
        return [
            """CREATE OR REPLACE FUNCTION catalogue_changed() RETURNS trigger AS $$
               BEGIN UPDATE catalogue_version SET version = version + 1; RETURN NULL; END
               $$ LANGUAGE plpgsql""",
            *(
                f"""CREATE OR REPLACE TRIGGER {table}_catalogue_changed
                    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed()"""
                for table in CATALOGUE_TABLES
            ),
        ]
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_{event.lower()}_catalogue AFTER {event}
            ON {table} BEGIN UPDATE catalogue_version SET version = version + 1; END"""
        for table in CATALOGUE_TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def _add_catalogue_version(db: Database) -> None:
    """The catalogue version's one row and the triggers that move it."""
    sql = Sql(db)
    if not sql.scalar("SELECT COUNT(*) FROM catalogue_version"):
        # numbered from the clock, not 0: a database made anew in place of another (a file
        # replaced, a schema dropped and created) never starts at a version a till kept
        start = time.time_ns() // 1_000_000
        sql.run("INSERT INTO catalogue_version (id, version) VALUES (1, ?)", (start,))
    for statement in _catalogue_triggers(db):
        sql.run(statement)


def schema_version(db: Database) -> int | None:
    """The schema version recorded in the database, or None for an empty database."""
    if "schema_version" not in db.get_tables():
        return None
    version = Sql(db).scalar("SELECT MAX(version) FROM schema_version")
    return None if version is None else int(version)


def create_schema(db: Database) -> bool:
    """Create every table, index and trigger; False when the schema was already there."""
    if schema_version(db) is not None:
        return False
    with db.bind_ctx(LEDGER_TABLES), db.atomic():
        db.create_tables(LEDGER_TABLES)
        sql = Sql(db)
        for statement in _POSTGRES_TRIGGERS if is_postgres(db) else _SQLITE_TRIGGERS:
            sql.run(statement)
        start_chain(sql)
        _add_number_sequences(db)
        _add_main_site(sql)
        _add_catalogue_version(db)
        SchemaVersion.create(version=SCHEMA_VERSION)
    return True


def migrate(db: Database, *, backup: bool = True) -> int:
    """Bring an older schema up to date; the version reached (see ``upgrade``)."""
    return upgrade(db, backup=backup).after


def upgrade(db: Database, *, backup: bool = True, lock_timeout: float = LOCK_TIMEOUT) -> Migrated:
    """Create or upgrade the schema under the database's write lock; what was done.

    The lock is PostgreSQL's advisory write lock with ``lock_timeout``, or SQLite's
    ``BEGIN IMMEDIATE`` with that busy timeout: a migration waits at most ``lock_timeout``
    seconds for the other tills' transactions, then gives up having changed nothing
    (``MigrationLocked``). The version is read again under the lock, so two tills upgrading
    at once upgrade once. A SQLite file is first copied whole beside itself
    (``till.sqlite3.schema-4.backup-…``), unless ``backup`` is false (a scratch copy)."""
    found = schema_version(db)
    if found is None:
        with _refusing_lock_waits(db, lock_timeout), _locked(db, lock_timeout):
            if create_schema(db):
                return Migrated(None, SCHEMA_VERSION)
        found = schema_version(db)
    if found is None or found >= SCHEMA_VERSION:
        return Migrated(found, found or SCHEMA_VERSION)
    copy = backup_before_migration(db, found) if backup else None
    with _refusing_lock_waits(db, lock_timeout), _locked(db, lock_timeout):
        with db.bind_ctx(LEDGER_TABLES):  # bound under the lock: models are bound process-wide
            version = schema_version(db) or SCHEMA_VERSION
            if version < 2:
                db.create_tables(COUNT_TABLES)
            if version < 3:
                db.create_tables(PRINT_TABLES)
            if version < 4:
                Sql(db).run("DROP INDEX IF EXISTS serial_unit_state_sold_on_id")
                db.create_tables([SerialUnit])
            if version < 5:
                db.create_tables(SETTING_TABLES)
            if version < 6:
                db.create_tables(REQUEST_TABLES)
            if version < 7:
                db.create_tables(REPAIR_TABLES)
            if version < 8:
                _add_shop_day(db)
            if version < 9:
                db.create_tables(HOLD_TABLES)
                _add_number_sequences(db)
            if version < 10:
                db.create_tables(IDENTIFIER_TABLES)
                db.create_tables(KIT_TABLES)
            if version < 11:
                db.create_tables(TRUST_TABLES)
                start_chain(Sql(db))
                _widen_sums(db)
            if version < 12:
                _add_sites(db)
            if version < SCHEMA_VERSION:
                SchemaVersion.create(version=SCHEMA_VERSION)
    return Migrated(found, SCHEMA_VERSION, copy)


@contextmanager
def _locked(db: Database, seconds: float) -> Iterator[None]:
    """A write transaction holding the database's write lock, waiting at most ``seconds``."""
    sql = Sql(db)
    milliseconds = max(1, int(seconds * 1000))
    if is_postgres(db):
        with db.atomic():
            sql.run(f"SET LOCAL lock_timeout = {milliseconds}")
            # the write lock every write transaction takes first, held exclusively: the
            # migration waits for the sale being posted and no till posts while it runs
            sql.rows(write_lock())
            yield
        return
    busy = int(sql.scalar("PRAGMA busy_timeout"))
    sql.run(f"PRAGMA busy_timeout = {milliseconds}")
    try:
        with db.atomic("IMMEDIATE"):
            yield
    finally:
        sql.run(f"PRAGMA busy_timeout = {busy}")


@contextmanager
def _refusing_lock_waits(db: Database, seconds: float) -> Iterator[None]:
    """A lock wait that timed out becomes ``MigrationLocked``: one line, nothing changed."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc).lower()
        if not ("lock timeout" in text or "locked" in text or "busy" in text):
            raise
        raise MigrationLocked(
            _(
                "The database {db} stayed busy for {seconds} s: other tills are using it. "
                "Nothing was changed; run `till migrate` again when they are idle."
            ).format(db=describe(db), seconds=f"{seconds:g}")
        ) from exc


def _add_shop_day(db: Database) -> None:
    """Version 8: the active flag on products, the price, cash and day tables, two indexes."""
    db.create_tables(SHOP_DAY_TABLES)
    sql = Sql(db)
    if "active" not in {column.name for column in db.get_columns("product")}:
        sql.run("ALTER TABLE product ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE")
    for statement in _SHOP_DAY_INDEXES:
        sql.run(statement)


def _widen_sums(db: Database) -> None:
    """Version 11 on PostgreSQL: quantities that add up many lines become 64-bit, as SQLite's
    integers always are (2,148 receipts of 1,000,000 units overflowed 32 bits)."""
    if is_postgres(db):
        Sql(db).run("ALTER TABLE stock_level ALTER COLUMN on_hand TYPE BIGINT")
        Sql(db).run("ALTER TABLE count_expected ALTER COLUMN quantity TYPE BIGINT")


def _add_sites(db: Database) -> None:
    """Version 12: the location table with ``main`` holding everything already there, the
    location of documents, movements, units and count sheets, and quantities on hand and
    cost layers keyed by product or line *and* location. The chained tables' new columns
    stay NULL (``main``) so the rows already linked hash as before."""
    sql = Sql(db)
    db.create_tables(SITE_TABLES)
    _add_main_site(sql)
    for table, column, definition in (
        ("document", "site", "VARCHAR(40)"),
        ("document", "to_site", "VARCHAR(40)"),
        ("movement", "site", "VARCHAR(40)"),
        ("serial_unit", "site", "VARCHAR(40) NOT NULL DEFAULT 'main'"),
        ("count_sheet", "site", "VARCHAR(40) NOT NULL DEFAULT 'main'"),
    ):
        if column not in {c.name for c in db.get_columns(table)}:
            sql.run(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
    sql.run("CREATE INDEX IF NOT EXISTS document_site_date ON document (site, date)")
    _add_catalogue_version(db)
    if "site" in {c.name for c in db.get_columns("stock_level")}:
        pass  # keyed by location already (a migration begun by hand, or a test's rewind)
    elif is_postgres(db):
        for table, key in (("stock_level", "product_id"), ("cost_layer", "line_id")):
            sql.run(f"ALTER TABLE {table} ADD COLUMN site VARCHAR(40) NOT NULL DEFAULT 'main'")
            sql.run(f"ALTER TABLE {table} DROP CONSTRAINT {table}_pkey")
            sql.run(f"ALTER TABLE {table} ADD PRIMARY KEY ({key}, site)")
    else:  # SQLite cannot change a primary key: the two projections are copied anew
        for model, columns in (
            (StockLevel, "product_id, on_hand"),
            (CostLayer, "line_id, product_id, unit_cost, remaining"),
        ):
            table = model._meta.table_name
            sql.run(f"ALTER TABLE {table} RENAME TO {table}_before_sites")
            for (index,) in sql.rows(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL",
                (f"{table}_before_sites",),
            ):
                sql.run(f'DROP INDEX "{index}"')
            db.create_tables([model])
            sql.run(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_before_sites")
            sql.run(f"DROP TABLE {table}_before_sites")
    _add_number_sequences(db)


def _add_main_site(sql: Sql) -> None:
    """The location every database has."""
    if not sql.scalar("SELECT 1 FROM site WHERE code = ?", (MAIN_SITE,)):
        sql.run("INSERT INTO site (code, name) VALUES (?, ?)", (MAIN_SITE, MAIN_SITE))


def _add_number_sequences(db: Database) -> None:
    """Version 9 on PostgreSQL: a number sequence per declared document kind, continuing
    after the kind's ``counter`` row and its highest document number, so tills posting at
    once do not queue on one counter row."""
    if not is_postgres(db):
        return
    sql = Sql(db)
    last = {kind: int(n) for kind, n in sql.rows("SELECT kind, last FROM counter")}
    numbered = sql.rows(
        "SELECT kind, MAX(CAST(SUBSTRING(number FROM '[0-9]+$') AS BIGINT)) FROM document "
        "GROUP BY kind"
    )
    for kind, highest in numbered:
        last[kind] = max(last.get(kind, 0), int(highest or 0))
    for spec in declared():
        name = number_sequence(spec.name)
        sql.run(f"CREATE SEQUENCE IF NOT EXISTS {name}")
        if last.get(spec.name):
            sql.rows("SELECT setval(?, ?)", (name, last[spec.name]))
    forget_sequences(db)


def ensure_schema(db: Database) -> None:
    """Make the schema ready: created on demand for SQLite, checked only for PostgreSQL.

    A shared PostgreSQL database is never changed at start-up (DDL there queues behind
    other tills' transactions); ``till init`` creates it and ``till migrate`` upgrades it,
    explicitly. A database newer than this till is refused on either engine. A SQLite ledger gets
    its planner statistics the first time it is opened with enough units to need them."""
    version = schema_version(db)
    if (version is None or version < SCHEMA_VERSION) and not is_postgres(db):
        migrate(db)
        ensure_statistics(db)
        return
    if version is None:
        raise ConfigError(
            _("The database {db} has no till tables yet: run `till init` once.").format(
                db=describe(db)
            )
        )
    if version < SCHEMA_VERSION:
        raise ConfigError(
            _(
                "The database {db} is at schema {version}; this till needs {needed}: "
                "run `till migrate` once to upgrade it."
            ).format(db=describe(db), version=version, needed=SCHEMA_VERSION)
        )
    if version > SCHEMA_VERSION:
        raise ConfigError(
            _(
                "The database {db} is at schema {version}, newer than this till "
                "understands ({needed}): update serial-till."
            ).format(db=describe(db), version=version, needed=SCHEMA_VERSION)
        )
    ensure_statistics(db)
