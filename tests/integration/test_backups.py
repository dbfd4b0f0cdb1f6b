"""Backups of a live SQLite till, restores that check first, and migrations that back up."""

from __future__ import annotations

import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bootstrap.services import Services, build
from core.config import Config
from core.domain.errors import InputError
from core.persistence.schema import SCHEMA_VERSION, ensure_schema, schema_version
from core.services import backups
from tests.fakes import FakeClock
from tests.shop import Shop


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Services]:
    """A SQLite till with two phones received and one sold."""
    services = build(db=str(tmp_path / "till.sqlite3"), clock=FakeClock(), config=Config())
    verbs = Shop.with_catalogue(services.uow(), services.ctx)
    verbs.receive("PHONE", "SN-1", "SN-2")
    verbs.sell("PHONE", "SN-1")
    yield services
    services.db.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a query on a database file, read with a connection of its own."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def content(path: Path) -> list[str]:
    """The whole database as SQL text, to tell whether anything changed."""
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def test_a_backup_is_consistent_while_another_connection_writes(
    shop: Services, tmp_path: Path
) -> None:
    """A write open in another connection does not block the copy and is not in it."""
    live = tmp_path / "till.sqlite3"
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO setting (key, value) VALUES ('half', 'written')")
    made = backups.backup(shop.db, tmp_path / "copy.sqlite3")
    writer.execute("COMMIT")
    writer.close()
    copy = made.path
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert rows(copy, "SELECT COUNT(*) FROM setting WHERE key = 'half'") == [(0,)]
    assert rows(copy, "SELECT state FROM serial_unit ORDER BY serial") == [("sold",), ("in_stock",)]
    assert backups.check_copy(copy, tmp_path / "scratch").units == 2


def test_a_backup_taken_during_a_stream_of_commits_is_sound(shop: Services, tmp_path: Path) -> None:
    """Another thread commits row after row during the copy: the copy holds a clean prefix."""
    live, started, done = tmp_path / "till.sqlite3", threading.Event(), threading.Event()

    def write() -> None:
        with closing(sqlite3.connect(live, isolation_level=None, timeout=10)) as writer:
            for n in range(2000):
                writer.execute("INSERT INTO setting (key, value) VALUES (?, 'x')", (f"k{n}",))
                started.set()
                if done.is_set():
                    break

    thread = threading.Thread(target=write)
    thread.start()
    started.wait()
    made = backups.backup(shop.db, tmp_path / "copy.sqlite3")
    done.set()
    thread.join()
    assert rows(made.path, "PRAGMA integrity_check") == [("ok",)]
    [(count, last)] = rows(
        made.path, "SELECT COUNT(*), MAX(CAST(substr(key, 2) AS INT)) FROM setting"
    )
    assert count == last + 1  # type: ignore[operator]


def test_a_backup_never_overwrites_without_force(shop: Services, tmp_path: Path) -> None:
    """An existing file is refused by name; --force replaces it."""
    target = tmp_path / "copy.sqlite3"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        backups.backup(shop.db, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    backups.backup(shop.db, target, overwrite=True)
    assert rows(target, "SELECT COUNT(*) FROM serial_unit") == [(2,)]


def test_restore_puts_the_copy_back_and_keeps_what_was_there(
    shop: Services, tmp_path: Path
) -> None:
    """A sale made after the backup is gone after the restore, and kept in the saved file."""
    copy = backups.backup(shop.db, tmp_path / "copy.sqlite3").path
    Shop(shop.uow(), shop.ctx).sell("PHONE", "SN-2")
    restored = backups.restore(shop.db, copy)
    live = tmp_path / "till.sqlite3"
    assert rows(live, "SELECT state FROM serial_unit ORDER BY serial") == [("sold",), ("in_stock",)]
    assert rows(restored.previous, "SELECT state FROM serial_unit WHERE serial = 'SN-2'") == [
        ("sold",)
    ]
    assert stat.S_IMODE(restored.previous.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".till.sqlite3.restore-*"))


def corrupt(path: Path) -> None:
    """Overwrite the cell pointers of the serial_unit table's page with noise."""
    [(root, size)] = rows(
        path,
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
        "WHERE name = 'serial_unit'",
    )
    start = (int(root) - 1) * int(size) + 8  # type: ignore[call-overload]
    data = bytearray(path.read_bytes())
    data[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("spoil", "complaint"),
    [
        (lambda path: path.write_text("name,price\n", encoding="utf-8"), "not a SQLite database"),
        (corrupt, "damaged"),
    ],
    ids=["not-a-database", "corrupt"],
)
def test_restore_refuses_a_bad_copy_and_changes_nothing(
    shop: Services, tmp_path: Path, spoil: object, complaint: str
) -> None:
    """A text file or a damaged copy is refused with a message; the live database is as it was."""
    copy = backups.backup(shop.db, tmp_path / "copy.sqlite3").path
    spoil(copy)  # type: ignore[operator]
    live = tmp_path / "till.sqlite3"
    before = content(live)
    with pytest.raises(InputError, match=complaint):
        backups.restore(shop.db, copy)
    assert content(live) == before
    assert not list(tmp_path.glob("till.sqlite3.before-restore-*"))
    assert not list(tmp_path.glob(".till.sqlite3.restore-*"))


def test_restore_refuses_a_copy_whose_ledger_does_not_verify(
    shop: Services, tmp_path: Path
) -> None:
    """Projections that disagree with the movements are refused like a damaged file."""
    copy = backups.backup(shop.db, tmp_path / "copy.sqlite3").path
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("UPDATE stock_level SET on_hand = on_hand + 5")
        conn.commit()
    before = content(tmp_path / "till.sqlite3")
    with pytest.raises(InputError, match="fails the ledger check"):
        backups.restore(shop.db, copy)
    assert content(tmp_path / "till.sqlite3") == before


def test_an_automatic_migration_backs_the_file_up_first(shop: Services, tmp_path: Path) -> None:
    """A schema-4 file opened by this till is copied whole, then upgraded."""
    db = shop.db
    with closing(sqlite3.connect(tmp_path / "till.sqlite3")) as conn:
        conn.execute("DROP TABLE setting")
        conn.execute("UPDATE schema_version SET version = 4")
        conn.commit()
    ensure_schema(db)
    assert schema_version(db) == SCHEMA_VERSION
    [saved] = tmp_path.glob("till.sqlite3.schema-4.backup-*")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert rows(saved, "SELECT MAX(version) FROM schema_version") == [(4,)]
    assert rows(saved, "SELECT COUNT(*) FROM serial_unit") == [(2,)]
