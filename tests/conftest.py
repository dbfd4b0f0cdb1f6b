"""Shared fixtures: a fresh SQLite ledger per test, an optional PostgreSQL one, a fixed clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import Database

from bootstrap.services import Services
from core.config import Config
from core.i18n import set_language
from core.persistence.db import Sql, open_database
from core.persistence.schema import create_schema
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from devices.i18n import DOMAINS as DEVICE_DOMAINS
from tests.fakes import FakeClock
from tests.shop import Shop

TUI_LOCALE = Path(__file__).resolve().parents[1] / "tui" / "locale"
PG_URL = os.environ.get("TILL_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
PG_REQUIRED = os.environ.get("TILL_TEST_PG_REQUIRED") == "1"


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """Tests assert English messages: whatever language a test chose is reset after it."""
    yield
    set_language("en", {"tui": TUI_LOCALE, **DEVICE_DOMAINS})


@pytest.fixture
def clock() -> FakeClock:
    """A clock fixed at 2026-03-02 10:00 UTC."""
    return FakeClock()


def url_of(db: Database) -> str:
    """The URL a till process would be given for a test database (its schema on PostgreSQL)."""
    options = db.connect_params.get("options", "")
    return f"{PG_URL}?search_path={options.split('=')[-1]}" if options else str(db.database)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A new SQLite database file with the schema created."""
    db = open_database(str(tmp_path / "till.sqlite3"))
    create_schema(db)
    yield db
    db.close()


def _postgres_or_skip() -> Database:
    db = open_database(PG_URL)
    try:
        db.connect()
    except Exception as exc:  # noqa: BLE001 - any connection failure means "absent"
        if PG_REQUIRED:
            pytest.fail(f"PostgreSQL is required in CI but unreachable at {PG_URL}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (set TILL_TEST_PG): {exc}")
    return db


@pytest.fixture
def postgres_db() -> Iterator[Database]:
    """A fresh schema in the test PostgreSQL database, dropped afterwards."""
    admin = _postgres_or_skip()
    schema = f"till_test_{uuid.uuid4().hex[:12]}"
    Sql(admin).run(f"CREATE SCHEMA {schema}")
    admin.close()
    db = open_database(f"{PG_URL}?search_path={schema}")
    create_schema(db)
    yield db
    db.close()
    admin.connect()
    Sql(admin).run(f"DROP SCHEMA {schema} CASCADE")
    admin.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """The same test on SQLite and on PostgreSQL."""
    name = "sqlite_db" if request.param == "sqlite" else "postgres_db"
    db: Database = request.getfixturevalue(name)
    return db


@pytest.fixture
def shop(sqlite_db: Database, clock: FakeClock) -> Shop:
    """A shop on SQLite with a small catalogue in all three tracking modes."""
    return Shop.with_catalogue(UnitOfWork(sqlite_db), Context(clock, "till-1", "olena"))


@pytest.fixture
def any_shop(any_db: Database, clock: FakeClock) -> Shop:
    """The catalogue shop on SQLite and on PostgreSQL."""
    return Shop.with_catalogue(UnitOfWork(any_db), Context(clock, "till-1", "olena"))


@pytest.fixture
def ledger(shop: Shop) -> Services:
    """The catalogue shop as the drafts reach it: through the composition root's services."""
    return Services(shop.uow.db, Config(), shop.ctx)
