"""The tamper-evident chain: every document, line and movement linked as it is written, and
`till journal verify` naming the row edited, removed or inserted behind the app's back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from peewee import Database

from core.persistence.db import Sql, is_postgres
from core.persistence.schema import migrate
from core.persistence.unit_of_work import UnitOfWork
from core.services.chain_check import verify_chain
from core.views import ChainReport
from tests.integration.conftest import Till
from tests.shop import Shop


def verify(db: Database) -> ChainReport:
    """The chain walked on a snapshot, as `till journal verify` walks it."""
    return verify_chain(UnitOfWork(db, checking=True))


def behind_the_apps_back(db: Database, *statements: str) -> None:
    """Run SQL with the engine's own command-line tool (`sqlite3` or `psql`), not the till."""
    if is_postgres(db):
        params = db.connect_params
        schema = params["options"].split("search_path=")[1]
        url = f"postgresql://{params['user']}@{params['host']}:{params['port']}/{db.database}"
        script = f"SET search_path TO {schema};\n" + ";\n".join(statements) + ";\n"
        command = ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", script]
    else:
        db.close()
        command = ["sqlite3", str(db.database), ";\n".join(statements) + ";"]
    subprocess.run(command, check=True, capture_output=True, timeout=30)


@pytest.fixture
def trading(any_shop: Shop) -> Shop:
    """Two phones received, one sold, one returned, and cables sold by quantity."""
    any_shop.run("receive PHONE SN-1 SN-2; sell PHONE SN-1; return SN-1")
    any_shop.receive("CABLE", quantity=5, cost=5000)
    any_shop.sell("CABLE", quantity=2)
    return any_shop


def row_id(db: Database, sql: str) -> int:
    """The id a query names."""
    return int(Sql(db).scalar(sql))


def test_every_document_line_and_movement_is_linked_in_one_chain(trading: Shop) -> None:
    """Five documents with their lines and movements: one link each, the chain intact."""
    db = trading.uow.db
    sql = Sql(db)
    rows = sum(
        int(sql.scalar(f"SELECT COUNT(*) FROM {table}"))
        for table in ("document", "document_line", "movement")
    )
    report = verify(db)
    assert report.ok, report.messages
    assert report.links == report.head_seq == rows
    assert len(report.head_hash) == 64


def test_a_document_edited_with_the_engines_tool_is_named(trading: Shop) -> None:
    """The sale's total changed with `sqlite3` or `psql`: verify names exactly that row."""
    db = trading.uow.db
    sale = row_id(db, "SELECT id FROM document WHERE number = 'SL-000001'")
    behind_the_apps_back(db, f"UPDATE document SET total = 1 WHERE id = {sale}")
    report = verify(db)
    assert not report.ok
    first = report.problems[0]
    assert (first.table, first.row_id, first.what) == ("document", sale, "edited")
    assert len(report.problems) == 1
    assert f"document {sale} was edited" in report.messages[0]


def test_a_movement_deleted_behind_the_apps_back_is_named(trading: Shop) -> None:
    """Past the append-only trigger (dropped or disabled), a deleted movement is still found."""
    db = trading.uow.db
    gone = row_id(db, "SELECT MAX(id) FROM movement WHERE serial = 'SN-1'")
    if is_postgres(db):
        drop = "ALTER TABLE movement DISABLE TRIGGER movement_no_change"
    else:
        drop = "DROP TRIGGER movement_no_delete"
    behind_the_apps_back(db, drop, f"DELETE FROM movement WHERE id = {gone}")
    report = verify(db)
    assert [(p.table, p.row_id, p.what) for p in report.problems] == [("movement", gone, "removed")]


def test_a_row_inserted_behind_the_apps_back_is_named(trading: Shop) -> None:
    """A movement copied in by hand has no link: verify says it was inserted."""
    db = trading.uow.db
    columns = (
        "at, kind, document_id, line_id, product_id, serial, quantity, from_location, "
        "to_location, unit_cost, till, operator"
    )
    behind_the_apps_back(
        db,
        f"INSERT INTO movement ({columns}) SELECT {columns} FROM movement WHERE serial = 'SN-2'",
    )
    added = row_id(db, "SELECT MAX(id) FROM movement")
    report = verify(db)
    assert [(p.table, p.row_id, p.what) for p in report.problems] == [
        ("movement", added, "inserted")
    ]
    assert "was inserted" in report.messages[0]


def test_the_chain_goes_on_after_a_tampered_row(trading: Shop) -> None:
    """Documents posted after an edit are linked as usual; only the edited row is named."""
    db = trading.uow.db
    behind_the_apps_back(db, "UPDATE document SET party = 'X' WHERE number = 'RC-000001'")
    trading.uow = UnitOfWork(trading.uow.db)
    trading.sell("PHONE", "SN-2")
    report = verify(db)
    assert [p.what for p in report.problems] == ["edited"]


def test_a_database_from_before_the_chain_starts_it_at_the_upgrade(
    tmp_path: Path, shop: Shop
) -> None:
    """Rows written before the chain existed predate it; what comes after is linked."""
    db = shop.uow.db
    shop.run("receive PHONE SN-1 SN-2; sell PHONE SN-1")
    sql = Sql(db)
    for table in ("chain_link", "chain_start", "journal_entry", "till_user"):
        sql.run(f"DROP TABLE {table}")
    sql.run("DELETE FROM schema_version")
    sql.run("INSERT INTO schema_version (version) VALUES (6)")
    assert migrate(db, backup=False) > 6
    assert {"chain_link", "till_user", "journal_entry"} <= set(db.get_tables())
    assert verify(db).ok and verify(db).links == 0
    shop.sell("PHONE", "SN-2")
    report = verify(db)
    assert report.ok and report.links == 3


def test_the_command_says_intact_or_names_the_row(till: Till, tmp_path: Path) -> None:
    """`till journal verify`: exit 0 with the head; after an edit, exit 1 naming the row."""
    assert till("demo", "--no-app")[0] == 0
    code, out, _err = till("journal", "verify")
    assert code == 0 and "intact" in out
    subprocess.run(
        ["sqlite3", str(tmp_path / "till.sqlite3"), "UPDATE document SET total = 0 WHERE id = 3"],
        check=True,
    )
    code, _out, err = till("journal", "verify")
    assert code == 1 and "[chain_broken]" in err and "document 3 was edited" in err
