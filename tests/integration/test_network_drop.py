"""A PostgreSQL till whose connection drops mid-sale: a clear message, nothing half-posted, and
the same sale posts once when the network is back (never twice)."""

from __future__ import annotations

import pytest
from peewee import Database

from core.commands import Item, RecordSale
from core.persistence.db import Sql, open_database
from core.persistence.unit_of_work import DatabaseUnavailable, UnitOfWork
from core.ports import Context
from core.services import selling
from tests.conftest import PG_URL
from tests.fakes import FakeClock
from tests.shop import Shop

pytestmark = pytest.mark.postgres


def cut_the_cable(db: Database) -> None:
    """The server ends this till's connection, as a dropped network does."""
    pid = Sql(db).scalar("SELECT pg_backend_pid()")
    admin = open_database(PG_URL)
    try:
        Sql(admin).scalar("SELECT pg_terminate_backend(?)", (pid,))
    finally:
        admin.close()


def test_a_sale_cut_off_mid_way_posts_once_when_the_network_is_back(
    postgres_db: Database,
) -> None:
    """The cashier is told the database is unreachable; the retry posts; a second retry of
    the same sale finds it posted and posts nothing."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-1", "olena"))
    shop.receive("PHONE", "SN-1")
    cut_the_cable(postgres_db)
    sale = RecordSale((Item("PHONE", "SN-1"),), request_id="sale-at-till-1")
    with pytest.raises(DatabaseUnavailable, match="cannot be used.*reachable"):
        selling.sell(sale, UnitOfWork(postgres_db), shop.ctx)
    with UnitOfWork(postgres_db) as uow:  # the next transaction connects afresh
        assert uow.sql.scalar("SELECT COUNT(*) FROM document WHERE kind = 'sale'") == 0
    posted = selling.sell(sale, UnitOfWork(postgres_db), shop.ctx)
    again = selling.sell(sale, UnitOfWork(postgres_db), shop.ctx)
    assert (again.number, again.repeated) == (posted.number, True)
    assert Sql(postgres_db).scalar("SELECT COUNT(*) FROM movement WHERE kind = 'sale'") == 1
