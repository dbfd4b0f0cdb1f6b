"""Upgrading a shared database: `till migrate` under a lock with a timeout, tills refusing a
schema other than their own, and a database of the previous schema upgraded with its data."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from peewee import Database

from core.domain.errors import ConfigError
from core.domain.kinds import declared
from core.persistence.db import Sql, is_postgres, open_database
from core.persistence.documents_repo import number_sequence
from core.persistence.schema import (
    SCHEMA_VERSION,
    MigrationLocked,
    ensure_schema,
    schema_version,
    upgrade,
)
from core.persistence.unit_of_work import UnitOfWork, write_lock
from core.ports import Context
from core.services import rebuild
from tests.conftest import url_of
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop

PREVIOUS = Path(__file__).resolve().parents[1] / "data" / "schema-6.sqlite3"
"""A demo shop built by the till at schema 6 (sales, a count sheet with a scan, a print job,
a posting request), kept as the file that version wrote."""


def table_counts(db: Database) -> dict[str, int]:
    """Rows in every table of the database."""
    sql = Sql(db)
    return {name: int(sql.scalar(f"SELECT COUNT(*) FROM {name}")) for name in db.get_tables()}


def set_version(db: Database, version: int) -> None:
    """Record another schema version, as an older or newer till would have left it."""
    sql = Sql(db)
    sql.run("DELETE FROM schema_version")
    sql.run("INSERT INTO schema_version (version) VALUES (?)", (version,))


def back_to_schema_6(db: Database) -> None:
    """Undo what versions 7 to 9 added, leaving the database as schema 6 left it."""
    for table in ("cart_hold",):
        Sql(db).run(f"DROP TABLE IF EXISTS {table}")
    if is_postgres(db):
        for spec in declared():
            Sql(db).run(f"DROP SEQUENCE IF EXISTS {number_sequence(spec.name)}")
    set_version(db, 6)


@pytest.fixture
def previous_file(tmp_path: Path) -> Path:
    """A copy of the schema-6 demo shop."""
    path = tmp_path / "shop.sqlite3"
    shutil.copyfile(PREVIOUS, path)
    return path


def test_till_migrate_upgrades_a_schema_6_file_and_keeps_every_row(
    till: Till, previous_file: Path
) -> None:
    """Every table of the old file keeps its rows; the ledger still folds to the projections."""
    old = open_database(str(previous_file))
    assert schema_version(old) == 6
    before = table_counts(old)
    old.close()
    code, out, err = till("migrate", "--db", str(previous_file))
    assert (code, err) == (0, "")
    assert f"schema {SCHEMA_VERSION}, upgraded from schema 6" in out
    assert "schema-6.backup" in out
    db = open_database(str(previous_file))
    after = table_counts(db)
    assert {name: after[name] for name in before if name != "schema_version"} == {
        name: count for name, count in before.items() if name != "schema_version"
    }
    assert "cart_hold" in after and schema_version(db) == SCHEMA_VERSION
    assert rebuild.verify(UnitOfWork(db)).ok
    code, out, _err = till("migrate", "--db", str(previous_file))
    assert code == 0 and "up to date" in out


def test_the_upgraded_file_sells_and_counts_as_before(till: Till, previous_file: Path) -> None:
    """The demo shop's stock, count sheet and sales are there and usable after the upgrade."""
    assert till("migrate", "--db", str(previous_file))[0] == 0
    code, out, _err = till("count", "show", "CT-000001", "--db", str(previous_file), "--json")
    assert code == 0 and "350000000001020" in out
    code, out, err = till("sell", "--db", str(previous_file), "GAL-A15:350000000001038")
    assert (code, err) == (0, ""), err
    assert out.strip().startswith("SL-")


def test_a_sqlite_till_upgrades_its_own_older_file_on_start(
    till: Till, previous_file: Path
) -> None:
    """One till on its own SQLite file needs no command: it upgrades at start, backup first."""
    code, out, _err = till("report", "stock", "--db", str(previous_file), "--format", "json")
    assert code == 0 and "350000000001038" in out
    assert schema_version(open_database(str(previous_file))) == SCHEMA_VERSION
    assert list(previous_file.parent.glob("shop.sqlite3.schema-6.backup*"))


@pytest.mark.postgres
def test_a_postgres_till_refuses_an_older_schema_naming_both_versions_and_the_command(
    till: Till, postgres_db: Database
) -> None:
    """No DDL at start-up on a shared database: the till says what to run instead."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-1", "olena"))
    shop.receive("PHONE", "SN-1", "SN-2")
    shop.sell("PHONE", "SN-1")
    back_to_schema_6(postgres_db)
    before = table_counts(postgres_db)
    code, _out, err = till("report", "stock", "--db", url_of(postgres_db))
    assert code == 2
    assert f"schema 6; this till needs {SCHEMA_VERSION}" in err and "till migrate" in err
    assert "cart_hold" not in postgres_db.get_tables()
    code, out, err = till("migrate", "--db", url_of(postgres_db))
    assert (code, err) == (0, "")
    assert "upgraded from schema 6" in out
    after = table_counts(postgres_db)
    assert {k: after[k] for k in before if k != "schema_version"} == {
        k: v for k, v in before.items() if k != "schema_version"
    }
    assert rebuild.verify(UnitOfWork(postgres_db)).ok
    code, out, _err = till("sell", "--db", url_of(postgres_db), "PHONE:SN-2")
    assert code == 0
    assert "SL-000002" in out, "the sale sequence continues after the sales of schema 6"


def test_a_till_refuses_a_newer_schema_and_changes_nothing(till: Till, any_db: Database) -> None:
    """A database upgraded by a newer till is refused on both engines, naming both versions."""
    set_version(any_db, SCHEMA_VERSION + 1)
    code, _out, err = till("report", "stock", "--db", url_of(any_db))
    assert code == 2
    assert f"schema {SCHEMA_VERSION + 1}, newer than this till understands ({SCHEMA_VERSION})" in (
        err
    )
    assert "update serial-till" in err
    with pytest.raises(ConfigError, match="newer"):
        ensure_schema(any_db)
    assert schema_version(any_db) == SCHEMA_VERSION + 1
    code, out, _err = till("migrate", "--db", url_of(any_db))
    assert code == 0 and f"schema {SCHEMA_VERSION + 1}, up to date" in out


def test_a_migration_waits_for_a_busy_database_then_gives_up_changing_nothing(
    any_db: Database,
) -> None:
    """Another till's open write transaction holds the lock past the timeout: a clear refusal."""
    back_to_schema_6(any_db)
    holding, release = threading.Event(), threading.Event()
    other = open_database(url_of(any_db))

    def another_till() -> None:
        with other.atomic() if Sql(other).postgres else other.atomic("IMMEDIATE"):
            if Sql(other).postgres:
                Sql(other).rows(write_lock())
            holding.set()
            release.wait(10)
        other.close()

    thread = threading.Thread(target=another_till)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(MigrationLocked, match="busy for 0.2 s"):
            upgrade(any_db, backup=False, lock_timeout=0.2)
    finally:
        release.set()
        thread.join(10)
    assert schema_version(any_db) == 6 and "cart_hold" not in any_db.get_tables()
    assert upgrade(any_db, backup=False).after == SCHEMA_VERSION
    assert "cart_hold" in any_db.get_tables()


def test_two_tills_migrating_at_once_upgrade_once(any_db: Database) -> None:
    """The version is read again under the lock: the second finds nothing left to do."""
    back_to_schema_6(any_db)
    results: list[object] = []

    def migrating() -> None:
        db = open_database(url_of(any_db))
        try:
            results.append(upgrade(db, backup=False).after)
        except Exception as exc:  # noqa: BLE001 - inspected below
            results.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=migrating) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [SCHEMA_VERSION, SCHEMA_VERSION]
    versions = Sql(any_db).rows("SELECT version FROM schema_version ORDER BY version")
    assert versions == [(6,), (SCHEMA_VERSION,)]
