"""A PostgreSQL till sends what needs no answer along with what does: a sale in seven round
trips, and a held-back write that fails, or a rollback, still leaves nothing half-posted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from peewee import Database

from core.domain.errors import ConflictError
from core.persistence import pg_batching
from core.persistence.db import Sql
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services.chain_check import verify_chain
from tests.fakes import FakeClock
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_shop(postgres_db: Database, clock: FakeClock) -> Shop:
    """The catalogue shop on PostgreSQL, with phones in stock and one sale posted."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(clock, "till-1", "olena"))
    shop.receive("PHONE", "SN-1", "SN-2", "SN-3")
    shop.sell("PHONE", "SN-1")
    return shop


@pytest.fixture
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """Every query string sent to the server, held-back statements joined into it."""
    sent: list[bytes] = []
    execute = pg_batching.BatchingCursor.execute

    def counted(cursor: Any, query: Any, params: Any = None) -> None:
        text = query if isinstance(query, bytes) else query.encode()
        sent.append(b"; ".join([*cursor.connection.held, text]))
        execute(cursor, query, params)

    monkeypatch.setattr(pg_batching.BatchingCursor, "execute", counted)
    yield sent


def test_a_postgres_sale_reaches_the_server_in_seven_round_trips(
    pg_shop: Shop, round_trips: list[bytes]
) -> None:
    """BEGIN goes with the write lock, the unit's new state and the stock level with the
    chain's head, the chain's links with the COMMIT; the chain still verifies."""
    pg_shop.sell("PHONE", "SN-2")
    assert len(round_trips) == 7, b"\n".join(round_trips).decode()
    assert round_trips[0].startswith(b"BEGIN; SELECT pg_advisory_xact_lock_shared")
    assert round_trips[-1].endswith(b"COMMIT") and b"INSERT INTO chain_link" in round_trips[-1]
    report = verify_chain(UnitOfWork(pg_shop.uow.db, checking=True))
    assert report.ok, report.messages


def test_a_write_sent_with_the_commit_that_fails_saves_nothing_and_says_so(
    pg_shop: Shop,
) -> None:
    """A chain link that cannot be written (a link for the sale's movement slipped in behind
    the till's back) fails the COMMIT it was sent with: a clear refusal, nothing of the sale
    is kept, and the till sells once the intruder is gone."""
    sql = Sql(pg_shop.uow.db)
    movement = int(sql.scalar("SELECT last_value + 1 FROM movement_id_seq"))
    sql.run(
        "INSERT INTO chain_link (seq, table_name, row_id, hash) "
        "SELECT MAX(seq) + 1, 'movement', ?, ? FROM chain_link",
        (movement, "0" * 64),
    )
    before = table_counts(pg_shop.uow)
    with pytest.raises(ConflictError, match="Nothing was saved") as refused:
        pg_shop.sell("PHONE", "SN-2")
    assert refused.value.rule == "commit_failed"
    assert table_counts(pg_shop.uow) == before
    sql.run("DELETE FROM chain_link WHERE table_name = 'movement' AND row_id = ?", (movement,))
    assert pg_shop.sell("PHONE", "SN-2").lines[0].serials == ("SN-2",)


def test_a_rolled_back_transaction_sends_none_of_its_held_writes(pg_shop: Shop) -> None:
    """Writes held back for the next statement are dropped with the transaction."""
    uow = UnitOfWork(pg_shop.uow.db)
    with pytest.raises(RuntimeError), uow:
        uow.sql.later("INSERT INTO counter (kind, last) VALUES ('held', 1)")
        raise RuntimeError("the document was refused")
    with UnitOfWork(pg_shop.uow.db) as check:
        assert check.sql.scalar("SELECT COUNT(*) FROM counter WHERE kind = 'held'") == 0
    with UnitOfWork(pg_shop.uow.db) as uow:
        uow.sql.later("INSERT INTO counter (kind, last) VALUES ('held', 1)")
    assert Sql(pg_shop.uow.db).scalar("SELECT last FROM counter WHERE kind = 'held'") == 1
