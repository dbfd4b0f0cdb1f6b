"""Creating and checking the schema, and the triggers that keep the ledger append-only."""

from __future__ import annotations

from peewee import Database

from core.domain.errors import ConfigError
from core.i18n import _
from core.persistence.chain_repo import start_chain
from core.persistence.copies import backup_before_migration
from core.persistence.db import Sql, describe, is_postgres
from core.persistence.maintenance import ensure_statistics
from core.persistence.tables import (
    COUNT_TABLES,
    LEDGER_TABLES,
    PRINT_TABLES,
    REQUEST_TABLES,
    SETTING_TABLES,
    TRUST_TABLES,
    SchemaVersion,
    SerialUnit,
)

SCHEMA_VERSION = 11
"""1: the ledger; 2: count sheets; 3: the print queue; 4: the warranty report's page index
also holds warranty_end, so an active/expired filter is checked without reading rows;
5: shop settings changed from the app; 6: posting request ids; 11: the tamper-evident
chain (rows already there when it was added predate it), till users, the action journal."""

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
        SchemaVersion.create(version=SCHEMA_VERSION)
    return True


def migrate(db: Database, *, backup: bool = True) -> int:
    """Bring an older schema up to date; the version reached.

    A SQLite file is first copied whole beside itself (``till.sqlite3.schema-4.backup-…``),
    unless ``backup`` is false (a scratch copy being checked)."""
    version = schema_version(db)
    if version is None:
        create_schema(db)
        return SCHEMA_VERSION
    if backup and version < SCHEMA_VERSION:
        backup_before_migration(db, version)
    with db.bind_ctx(LEDGER_TABLES), db.atomic():
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
        if version < 11:
            db.create_tables(TRUST_TABLES)
            start_chain(Sql(db))
        if version < SCHEMA_VERSION:
            SchemaVersion.create(version=SCHEMA_VERSION)
    return SCHEMA_VERSION


def ensure_schema(db: Database) -> None:
    """Make the schema ready: created on demand for SQLite, checked only for PostgreSQL.

    A shared PostgreSQL database is never changed at start-up (DDL there queues behind
    other tills' transactions); ``till init`` creates it explicitly. A SQLite ledger gets
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
                "run `till init` once to upgrade it."
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
