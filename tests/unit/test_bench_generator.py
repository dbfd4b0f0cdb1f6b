"""The benchmark's shop generator at a tiny scale: projections equal the fold of the ledger."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from core.domain.serial_rules import is_imei
from core.persistence.db import open_database
from core.persistence.unit_of_work import UnitOfWork
from core.services.rebuild import verify

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:  # bench/ is run from the checkout (python -m bench), not installed
    sys.path.insert(0, ROOT)

from bench.generate import AS_OF, Scale, cache_path, ensure, generate  # noqa: E402

TINY = Scale(units=2_000, sales=200, movements=4_000, receipt_size=100)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny generated shop."""
    path = tmp_path_factory.mktemp("bench") / "tiny.sqlite3"
    generate(path, TINY)
    return path


def test_the_projections_equal_the_fold_of_the_movements(shop: Path) -> None:
    """core.services.rebuild.verify finds no difference, and every unit was seen."""
    db = open_database(str(shop))
    check = verify(UnitOfWork(db))
    db.close()
    assert check.ok, check.differences[:5]
    assert check.units == TINY.units


def test_the_history_has_the_asked_size_and_warranties_both_ways(shop: Path) -> None:
    """Units, movements and sales as asked; active and expired warranties; statistics."""
    con = sqlite3.connect(shop)

    def count(sql: str) -> int:
        return int(con.execute(sql).fetchone()[0])

    assert count("SELECT COUNT(*) FROM serial_unit") == TINY.units
    assert count("SELECT COUNT(*) FROM movement") == TINY.movements
    assert count("SELECT COUNT(*) FROM document WHERE kind = 'sale'") == TINY.sales
    assert count("SELECT COUNT(*) FROM serial_unit WHERE state = 'sold'") == TINY.sales
    today = AS_OF.isoformat()
    assert count(f"SELECT COUNT(*) FROM serial_unit WHERE warranty_end >= '{today}'") > 0
    assert count(f"SELECT COUNT(*) FROM serial_unit WHERE warranty_end < '{today}'") > 0
    assert count("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'serial_unit'") > 0
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    phones = [s for (s,) in con.execute("SELECT serial FROM serial_unit WHERE serial GLOB '35*'")]
    assert phones and all(is_imei(serial) for serial in phones)
    con.close()


def test_the_same_scale_gives_the_same_shop(shop: Path, tmp_path: Path) -> None:
    """Deterministic: a second run writes the same serial numbers and sales."""
    again = tmp_path / "again.sqlite3"
    generate(again, TINY)
    query = "SELECT serial, state, sold_on, customer FROM serial_unit ORDER BY id"
    first, second = sqlite3.connect(shop), sqlite3.connect(again)
    assert first.execute(query).fetchall() == second.execute(query).fetchall()
    first.close()
    second.close()


def test_the_cache_is_reused_and_named_by_version_and_scale(tmp_path: Path) -> None:
    """ensure() builds once; the file name carries the generator version and the scale."""
    small = Scale(units=300, sales=30, movements=600, receipt_size=50)
    path = ensure(small, tmp_path, log=False)
    assert path == cache_path(small, tmp_path) and small.label in path.name
    built = path.stat().st_mtime_ns
    assert ensure(small, tmp_path, log=False).stat().st_mtime_ns == built
