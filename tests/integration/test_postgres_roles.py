"""The tills' least-privileged PostgreSQL role (deploy/postgres-roles.sql): it sells, receives,
counts and holds units, and can neither change the schema nor rewrite the ledger."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from peewee import Database, ProgrammingError

from core.persistence.db import Sql, open_database
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from tests.conftest import PG_URL, url_of
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop

pytestmark = pytest.mark.postgres

GRANTS = Path(__file__).resolve().parents[2] / "deploy" / "postgres-roles.sql"


def grant(db: Database, schema: str, role: str) -> None:
    """Run deploy/postgres-roles.sql as psql would with ``-v app=ROLE -v schema=SCHEMA``."""
    text = re.sub(r"--[^\n]*", "", GRANTS.read_text())
    text = text.replace(':"schema"', f'"{schema}"').replace(':"app"', f'"{role}"')
    for statement in text.split(";"):
        if statement.strip():
            Sql(db).run(statement)


@pytest.fixture
def app_url(postgres_db: Database) -> Iterator[str]:
    """A URL of the test schema as a new role with the tills' grants."""
    schema = url_of(postgres_db).split("search_path=")[-1]
    role = f"till_app_{uuid.uuid4().hex[:8]}"
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-0", "owner"))
    shop.receive("PHONE", "SN-1", "SN-2", "SN-3")
    shop.receive("CABLE", quantity=10)
    sql = Sql(postgres_db)
    sql.run(f'CREATE ROLE "{role}" LOGIN')
    grant(postgres_db, schema, role)
    parts = urlparse(PG_URL)
    server = f"{parts.hostname}:{parts.port or 5432}{parts.path}"
    yield f"postgresql://{role}@{server}?search_path={schema}"
    postgres_db.connect(reuse_if_open=True)
    sql.run(f'DROP OWNED BY "{role}"')
    sql.run(f'DROP ROLE "{role}"')


def test_the_tills_role_posts_every_document_a_till_needs(till: Till, app_url: str) -> None:
    """Sale, receipt, return, count, hold, print queue and settings all work with the grants."""
    assert till("sell", "--db", app_url, "PHONE:SN-1", "CABLE*2")[0] == 0
    code, _out, err = till(
        "receive", "--db", app_url, "--supplier", "ТОВ Постач", "--line", "PHONE:1:7000:SN-9"
    )
    assert (code, err) == (0, "")
    assert till("return", "--db", app_url, "SN-1")[0] == 0
    code, out, _err = till("count", "new", "--db", app_url, "--product", "PHONE")
    assert code == 0
    assert till("count", "scan", "--db", app_url, out.strip(), "SN-2")[0] == 0
    assert till("holds", "--db", app_url)[0] == 0
    assert till("report", "stock", "--db", app_url)[0] == 0
    assert till("verify", "--db", app_url)[0] == 0


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE intruder (id integer)",
        "ALTER TABLE movement ADD COLUMN note2 text",
        "DROP TABLE cart_hold",
        "UPDATE movement SET quantity = 2",
        "DELETE FROM movement",
        "TRUNCATE movement",
        "UPDATE document SET number = 'SL-999999'",
        "DELETE FROM document",
        "DELETE FROM document_line",
        "UPDATE document_line SET quantity = 5",
        "DELETE FROM serial_unit",
    ],
)
def test_the_tills_role_cannot_change_the_schema_or_rewrite_the_ledger(
    app_url: str, statement: str
) -> None:
    """Each of these is refused by PostgreSQL itself: permission denied."""
    db = open_database(app_url)
    try:
        with pytest.raises(ProgrammingError, match="permission denied|must be owner"):
            with db.atomic():
                Sql(db).run(statement)
    finally:
        db.close()
