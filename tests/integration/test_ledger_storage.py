"""The ledger on disk: append-only movements, whole-or-nothing documents, rebuildable state."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from peewee import Database

from core.domain.errors import ConfigError, SerialRuleError
from core.persistence.db import open_database
from core.persistence.schema import SCHEMA_VERSION, create_schema, ensure_schema, schema_version
from core.persistence.unit_of_work import UnitOfWork
from core.services import rebuild
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop


def test_database_refuses_to_update_or_delete_movements(any_shop: Shop) -> None:
    """Triggers keep the movement table append-only on both engines."""
    any_shop.receive("PHONE", "SN1")
    sql = any_shop.uow.sql
    for statement in ("UPDATE movement SET quantity = 5", "DELETE FROM movement"):
        with pytest.raises(Exception, match="append-only"), any_shop.uow:
            sql.run(statement)
    assert sql.scalar("SELECT SUM(quantity) FROM movement") == 1


def test_a_crash_in_the_middle_of_posting_leaves_nothing_behind(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after lines and movements are written rolls the whole document back."""
    shop.receive("PHONE", "SN1")
    before = table_counts(shop.uow)

    def power_cut(*_args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(shop.uow.units, "replace", power_cut)
    with pytest.raises(OSError):
        shop.sell("PHONE", "SN1")
    monkeypatch.undo()
    assert table_counts(shop.uow) == before
    assert shop.sell("PHONE", "SN1").number == "SL-000001"


def test_rebuilding_the_projections_from_the_movements_gives_the_same_state(
    any_shop: Shop,
) -> None:
    """serial_unit, stock_level and cost_layer are exactly the fold of the ledger."""
    any_shop.run("receive PHONE SN1 SN2 SN3; sell PHONE SN1; return SN1; sell PHONE SN2")
    any_shop.receive("BIKE", "B1", quantity=2)
    any_shop.sell("BIKE", "B1")
    any_shop.receive("CABLE", quantity=7, cost=1000)
    any_shop.sell("CABLE", quantity=3)
    assert rebuild.verify(any_shop.uow).ok
    before = table_counts(any_shop.uow)
    result = rebuild.rebuild(any_shop.uow)
    assert result.ok and result.units == 4
    assert table_counts(any_shop.uow) == before
    assert rebuild.verify(any_shop.uow).ok


def test_verify_reports_a_projection_that_drifted_from_the_ledger(shop: Shop) -> None:
    """A tampered projection row is found, and rebuild puts it right."""
    shop.receive("PHONE", "SN1")
    shop.uow.sql.run("UPDATE serial_unit SET location = 'customer', state = 'sold'")
    check = rebuild.verify(shop.uow)
    assert not check.ok and "SN1" in check.differences[0]
    rebuild.rebuild(shop.uow)
    assert rebuild.verify(shop.uow).ok
    assert shop.sell("PHONE", "SN1").lines[0].serials == ("SN1",)


def test_document_numbers_count_up_per_kind(shop: Shop) -> None:
    """Receipts and sales have their own series."""
    assert shop.receive("PHONE", "SN1").number == "RC-000001"
    assert shop.receive("PHONE", "SN2").number == "RC-000002"
    assert shop.sell("PHONE", "SN1").number == "SL-000001"


def test_sqlite_schema_is_created_on_first_use_and_only_once(tmp_path: Path) -> None:
    """A new till file gets its tables; a second start changes nothing."""
    db = open_database(str(tmp_path / "new.sqlite3"))
    ensure_schema(db)
    assert schema_version(db) == SCHEMA_VERSION
    assert not create_schema(db)


def test_an_older_sqlite_schema_is_upgraded_on_start(tmp_path: Path) -> None:
    """A version-1 till file gains the count tables when the new till starts."""
    db = open_database(str(tmp_path / "old.sqlite3"))
    create_schema(db)
    sql = UnitOfWork(db).sql
    sql.run("DROP TABLE count_replacement")
    sql.run("DELETE FROM schema_version")
    sql.run("INSERT INTO schema_version (version) VALUES (1)")
    ensure_schema(db)
    assert schema_version(db) == SCHEMA_VERSION and "count_replacement" in db.get_tables()


@pytest.mark.postgres
def test_postgres_schema_is_never_created_at_start_up(postgres_db: Database) -> None:
    """A shared database without tables asks for `till init` instead of running DDL."""
    UnitOfWork(postgres_db).sql.run("DROP TABLE schema_version")
    with pytest.raises(ConfigError, match="till init"):
        ensure_schema(postgres_db)


def test_a_missing_database_folder_is_a_clear_error(tmp_path: Path) -> None:
    """The message names the folder to create."""
    with pytest.raises(ConfigError, match="does not exist"):
        open_database(str(tmp_path / "nope" / "till.sqlite3"))


def test_a_new_database_file_is_readable_by_its_owner_alone(tmp_path: Path) -> None:
    """It holds customers' names and phones: 0600 whatever the umask, WAL file alike."""
    old = os.umask(0o022)
    try:
        db = open_database(str(tmp_path / "till.sqlite3"))
        create_schema(db)
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes["till.sqlite3"] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes


def test_a_rehearsal_runs_every_check_and_leaves_nothing(shop: Shop) -> None:
    """Screens check a step early on a rehearsal: the result comes back, nothing is kept."""
    shop.receive("PHONE", "SN1")
    before = table_counts(shop.uow)
    rehearsal = Shop(UnitOfWork(shop.uow.db, checking=True), shop.ctx)
    assert rehearsal.sell("PHONE", "SN1").lines[0].serials == ("SN1",)
    assert table_counts(shop.uow) == before
    with pytest.raises(SerialRuleError):
        rehearsal.sell("PHONE", "SN9")
    assert table_counts(shop.uow) == before
    assert shop.sell("PHONE", "SN1").number == "SL-000001"


def test_searches_ignore_the_case_of_cyrillic_names(any_shop: Shop) -> None:
    """«смартфон» finds «Смартфон» on both engines."""
    from core.services import catalogue

    found = catalogue.search_products(any_shop.uow, "смартфон")
    assert [p.sku for p in found] == ["PHONE"]


def test_after_the_checkpoint_between_customers_every_logged_frame_is_copied_back(
    shop: Shop, tmp_path: Path
) -> None:
    """After a sale the WAL is copied back, so the next sale's commit need not."""
    from core.services.upkeep import between_customers

    shop.receive("PHONE", "SN1")
    shop.sell("PHONE", "SN1")
    between_customers(shop.uow)
    busy, log, copied = shop.uow.sql.row("PRAGMA wal_checkpoint(PASSIVE)") or (1, 0, 0)
    assert busy == 0 and log == copied
