"""SQLite writers queue on a lock file beside the database; checks and readers never wait."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from peewee import Database

from core.persistence.unit_of_work import UnitOfWork
from core.persistence.write_queue import WriteQueue, lock_path
from core.ports import Context
from core.services import queries
from tests.fakes import FakeClock
from tests.shop import Shop


def test_a_write_waits_for_the_writer_before_it_and_a_check_does_not(
    sqlite_db: Database,
) -> None:
    """While another process holds the queue, a sale waits; a scan's check answers at once."""
    shop = Shop.with_catalogue(UnitOfWork(sqlite_db), Context(FakeClock(), "till-1", "olena"))
    shop.receive("PHONE", "SN-1")
    ahead = WriteQueue.join(sqlite_db)
    posted = threading.Event()

    def sell() -> None:
        shop.sell("PHONE", "SN-1")
        posted.set()

    seller = threading.Thread(target=sell)
    seller.start()
    try:
        assert not posted.wait(0.3), "the sale did not wait its turn"
        assert queries.unit_summaries(UnitOfWork(sqlite_db), "SN-1", FakeClock().today())
    finally:
        ahead.leave()
    seller.join(10)
    assert posted.is_set()
    path = lock_path(Path(sqlite_db.database))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
