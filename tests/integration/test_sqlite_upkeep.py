"""Speed work kept correct: bulk inserts, the v4 index, statistics, checkpoints, count loads."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from peewee import Database

from core.persistence import maintenance
from core.persistence.db import Sql, open_database
from core.persistence.schema import SCHEMA_VERSION, create_schema, ensure_schema, schema_version
from core.persistence.unit_of_work import UnitOfWork
from core.services import counting
from core.views import CountScope
from tests.shop import Shop


def test_insert_rows_leaves_null_columns_out_and_writes_dates_as_text(any_db: Database) -> None:
    """Rows come back as given, whichever columns were left to default to NULL."""
    sql = Sql(any_db)
    sql.run("CREATE TABLE bulk_probe (a INTEGER, b TEXT, c DATE, d TIMESTAMP, e TEXT)")
    at = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    rows = [(1, None, date(2026, 3, 2), at, None), (2, "x", date(2026, 3, 1), at, None)]
    sql.insert_rows("bulk_probe", ("a", "b", "c", "d", "e"), rows)
    back = sql.rows("SELECT a, b, c, e FROM bulk_probe ORDER BY a")
    assert [(a, b, str(c)[:10], e) for a, b, c, e in back] == [
        (1, None, "2026-03-02", None),
        (2, "x", "2026-03-01", None),
    ]
    sql.run("DROP TABLE bulk_probe")


def test_rows_returned_as_stored_keep_within_an_old_sqlites_limit_of_bound_values(
    tmp_path: Path,
) -> None:
    """SQLite before 3.32 binds at most 999 values a statement: 1,000 rows of three columns
    go in as several statements and every one comes back (SQLite leaves their order open)."""
    db = open_database(str(tmp_path / "old.sqlite3"))
    connection: sqlite3.Connection = cast(Any, db).connection()  # peewee's is untyped
    connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    sql = Sql(db)
    sql.run("CREATE TABLE bulk_probe (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
    rows = [(n, n * 2, f"S{n}") for n in range(1, 1001)]
    stored = sql.insert_rows("bulk_probe", ("id", "a", "b"), rows, stored=True)
    assert stored is not None and stored[0] == ["id", "a", "b"]
    assert sorted(stored[1]) == rows
    db.close()


def test_a_version_3_file_gets_the_warranty_page_index_on_start(tmp_path: Path) -> None:
    """The (state, sold_on, id) index is replaced by one that also holds warranty_end."""
    db = open_database(str(tmp_path / "v3.sqlite3"))
    create_schema(db)
    sql = Sql(db)
    sql.run("DROP INDEX serial_unit_state_sold_on_id_warranty_end")
    sql.run("CREATE INDEX serial_unit_state_sold_on_id ON serial_unit (state, sold_on, id)")
    sql.run("UPDATE schema_version SET version = 3")
    ensure_schema(db)
    indexes = {name for (name,) in sql.rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "serial_unit_state_sold_on_id_warranty_end" in indexes
    assert "serial_unit_state_sold_on_id" not in indexes
    assert schema_version(db) == SCHEMA_VERSION


def test_statistics_are_gathered_once_the_ledger_has_units(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ANALYZE on a new till; one ANALYZE when enough units are in; none after that."""
    db = shop.uow.db
    monkeypatch.setattr(maintenance, "STATISTICS_FROM_UNITS", 3)
    shop.receive("PHONE", "SN1", "SN2")
    assert not maintenance.ensure_statistics(db)
    shop.receive("PHONE", "SN3")
    assert maintenance.ensure_statistics(db)
    assert Sql(db).scalar("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'serial_unit'")
    assert not maintenance.ensure_statistics(db)
    maintenance.checkpoint(db)


def test_a_count_sheet_expects_every_unit_whatever_its_serial_holds(shop: Shop) -> None:
    """The one-string read of a product's serials falls back to rows if a serial has its
    separator in it (serial rules strip control characters, so only a hand-made row can)."""
    shop.receive("PHONE", "SN1", "SN2")
    opened = counting.open_sheet(shop.uow, shop.ctx, CountScope())
    sql = UnitOfWork(shop.uow.db).sql
    sheet_id, product_id = sql.row(
        "SELECT e.sheet_id, e.product_id FROM count_expected e WHERE e.serial = 'SN1'"
    ) or (0, 0)
    sql.run(
        "INSERT INTO count_expected (sheet_id, product_id, serial, quantity) VALUES (?, ?, ?, 1)",
        (sheet_id, product_id, "ODD\x1fONE"),
    )
    serials, _quantities = shop.uow.counts.expected(sheet_id)
    assert serials[product_id] == {"SN1", "SN2", "ODD\x1fONE"}
    assert opened.expected_units == 2
