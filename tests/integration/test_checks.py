"""Checks read a snapshot and never wait: a scan is checked while another till is writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from peewee import Database, OperationalError, PostgresqlDatabase

from core.commands import ChangeProduct
from core.domain.errors import SerialRuleError
from core.persistence.db import Sql, is_postgres, open_database
from core.persistence.unit_of_work import UnitOfWork, write_lock
from core.services import catalogue
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop


def _second_connection(db: Database) -> Database:
    """Another till's connection to the same database."""
    if is_postgres(db):
        return PostgresqlDatabase(db.database, autorollback=False, **db.connect_params)
    return open_database(str(db.database))


@contextmanager
def another_till_writing(db: Database) -> Iterator[None]:
    """Another connection holds the write lock (and, on PostgreSQL, every unit's row lock)."""
    other = _second_connection(db)
    other_sql = Sql(other)
    if is_postgres(db):
        other_sql.run("BEGIN")
        other_sql.rows(write_lock())
        other_sql.rows("SELECT id FROM serial_unit FOR UPDATE")
    else:
        other_sql.run("BEGIN IMMEDIATE")
        other_sql.run("UPDATE counter SET last = last + 100")
    try:
        yield
    finally:
        other_sql.run("ROLLBACK")
        other.close()


def _write_lock_is_taken(db: Database) -> bool:
    """True when a third connection could not start a write now."""
    probe = _second_connection(db)
    try:
        if is_postgres(db):
            return not Sql(probe).scalar(write_lock("pg_try_advisory_lock"))
        Sql(probe).run("PRAGMA busy_timeout = 0")
        try:
            Sql(probe).run("BEGIN IMMEDIATE")
        except OperationalError:
            return True
        Sql(probe).run("ROLLBACK")
        return False
    finally:
        probe.close()


def test_a_sale_is_checked_while_another_till_holds_the_write_lock(any_shop: Shop) -> None:
    """The check answers at once, warnings and refusals included, and writes nothing."""
    any_shop.receive("PHONE", "SN1", "SN2")
    any_shop.receive("BIKE", "B1")
    db = any_shop.uow.db
    before = table_counts(any_shop.uow)
    check = Shop(UnitOfWork(db, checking=True), any_shop.ctx)
    with another_till_writing(db):
        assert _write_lock_is_taken(db)
        posted = check.sell("PHONE", "SN1")
        soft = check.sell("BIKE", "B9")
        with pytest.raises(SerialRuleError, match="SN9"):
            check.sell("PHONE", "SN9")
    assert posted.lines[0].serials == ("SN1",)
    assert [w.rule for w in soft.warnings] == ["not_in_stock"]
    assert table_counts(any_shop.uow) == before
    assert any_shop.sell("PHONE", "SN1").number == "SL-000001"


def test_a_receipt_is_checked_while_another_till_holds_the_write_lock(any_shop: Shop) -> None:
    """A goods-in check sees duplicates without taking a number or opening a cost layer."""
    any_shop.receive("PHONE", "SN1")
    db = any_shop.uow.db
    before = table_counts(any_shop.uow)
    check = Shop(UnitOfWork(db, checking=True), any_shop.ctx)
    with another_till_writing(db):
        posted = check.receive("BIKE", "B1", "B2")
        with pytest.raises(SerialRuleError, match="already in stock"):
            check.receive("PHONE", "SN1")
    assert posted.lines[0].serials == ("B1", "B2")
    assert table_counts(any_shop.uow) == before


def test_a_check_leaves_its_connection_able_to_post(shop: Shop) -> None:
    """After a check (passed or refused) the same connection posts as before."""
    shop.receive("PHONE", "SN1")
    check = Shop(UnitOfWork(shop.uow.db, checking=True), shop.ctx)
    with pytest.raises(SerialRuleError):
        check.sell("PHONE", "SN9")
    check.sell("PHONE", "SN1")
    assert shop.sell("PHONE", "SN1").lines[0].serials == ("SN1",)


def test_a_checking_unit_of_work_refuses_any_write(any_db: Database) -> None:
    """Read-only on both engines: a stray write fails instead of being kept."""
    uow = UnitOfWork(any_db, checking=True)
    with pytest.raises(Exception, match="(?i)read.?only"), uow:
        uow.sql.run("UPDATE counter SET last = last + 1")


def test_a_strict_receipt_is_refused_with_every_bad_serial_number(any_shop: Shop) -> None:
    """Three bad SNs in one receipt: one refusal carries all three, and nothing is written."""
    any_shop.receive("PHONE", "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError) as refused:
        any_shop.receive("PHONE", "SN1", "SN2", "SN2", "4820000000017", "SN3")
    found = [(d.rule, d.serial) for d in refused.value.discrepancies]
    assert found == [
        ("duplicate_receipt", "SN1"),
        ("duplicate_in_document", "SN2"),
        ("barcode_as_serial", "4820000000017"),
    ]
    assert refused.value.rule == "duplicate_receipt" and "(and 2 more)" in refused.value.message
    assert table_counts(any_shop.uow) == before


def test_a_soft_receipt_keeps_every_discrepancy_as_a_warning(any_shop: Shop) -> None:
    """Soft tracking posts the receipt and records each broken rule with it."""
    any_shop.receive("BIKE", "B1")
    posted = any_shop.receive("BIKE", "B1", "B2", "B2", quantity=4)
    rules = [(w.rule, w.serial) for w in posted.warnings]
    assert rules == [
        ("quantity_mismatch", None),
        ("duplicate_receipt", "B1"),
        ("duplicate_in_document", "B2"),
    ]


def test_a_unit_in_stock_whose_serial_became_a_product_barcode_can_still_be_sold(
    any_shop: Shop,
) -> None:
    """The ledger holds that very unit in stock, so its SN is no box barcode scanned by
    mistake; a new unit with that code is still refused as a barcode."""
    any_shop.receive("PHONE", "SHELF-77")
    catalogue.change_product(
        any_shop.uow, any_shop.ctx, ChangeProduct("CABLE", add_barcodes=("SHELF-77",))
    )
    assert any_shop.sell("PHONE", "SHELF-77").lines[0].serials == ("SHELF-77",)
    with pytest.raises(SerialRuleError) as refused:
        any_shop.receive("PHONE", "SHELF-77")
    assert refused.value.rule == "barcode_as_serial"
