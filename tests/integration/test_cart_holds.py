"""Cart holds across tills, on SQLite and PostgreSQL: a unit in one till's open sale cannot go
into another's; the other till is told who has it; the hold ends with the sale, the line or
the till (by expiring)."""

from __future__ import annotations

import multiprocessing
import queue
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from peewee import Database

from bootstrap.services import Services
from core.commands import Payment
from core.config import Config
from core.drafts.entry import Scan
from core.drafts.sale import Added, Changed, SaleDraft
from core.drafts.steps import Refused
from core.persistence.db import Sql, open_database
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services import holds
from tests.conftest import url_of
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop

TILLS = 2


def till_services(db: Database, clock: FakeClock, till: str, cashier: str) -> Services:
    """One till's services on the shared database."""
    return Services(db, Config(), Context(clock, till, cashier))


def held_count(db: Database) -> int:
    """Rows in the hold table."""
    return int(Sql(db).scalar("SELECT COUNT(*) FROM cart_hold"))


@pytest.fixture
def shop(any_db: Database, clock: FakeClock) -> Shop:
    """The catalogue shop with three phones in stock."""
    shop = Shop.with_catalogue(UnitOfWork(any_db), Context(clock, "till-0", "olena"))
    shop.receive("PHONE", "SN-1", "SN-2", "SN-3")
    return shop


def _scan_in_process(url: str, serial: str, till: int, barrier: Any, results: Any) -> None:
    """A till in its own process: scan one SN into an open sale when every till is ready."""
    db = open_database(url)
    services = till_services(db, FakeClock(), f"till-{till}", f"cashier-{till}")
    draft = SaleDraft(services)
    try:
        barrier.wait(timeout=30)
        step = draft.take(Scan.typed(serial))
        if isinstance(step, Added):
            results.put((till, "added", ""))
        elif isinstance(step, Refused):
            results.put((till, step.rule, step.message))
        else:
            results.put((till, type(step).__name__, ""))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as a crash
        results.put((till, "crash", repr(exc)))
    finally:
        db.close()


def scan_from_processes(db: Database, serial: str) -> list[tuple[int, str, str]]:
    """Two till processes scan the same SN at once; what each was told."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(TILLS)
    results = context.Queue()
    db.close()
    processes = [
        context.Process(target=_scan_in_process, args=(url_of(db), serial, till, barrier, results))
        for till in range(1, TILLS + 1)
    ]
    for process in processes:
        process.start()
    got: list[tuple[int, str, str]] = []
    while len(got) < TILLS:
        try:
            got.append(results.get(timeout=60))
        except queue.Empty:
            break
    for process in processes:
        process.join(timeout=30)
    assert len(got) == TILLS, f"a till process gave no answer: {got}"
    return sorted(got)


def test_two_till_processes_scanning_one_sn_one_holds_it_the_other_is_told_who(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exactly one till adds the unit; the other is refused naming the till, cashier and time."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    got = scan_from_processes(shop.uow.db, "SN-1")
    added = [till for till, kind, _message in got if kind == "added"]
    assert len(added) == 1, got
    winner = added[0]
    (loser,) = [(till, kind, message) for till, kind, message in got if till != winner]
    assert loser[1] == "held", got
    since = holds.local_time(FakeClock().now())
    assert f"held at till-{winner} by cashier-{winner} since {since}" in loser[2]
    (hold,) = holds.active(UnitOfWork(shop.uow.db))
    assert (hold.serial, hold.till) == ("SN-1", f"till-{winner}")


def test_a_hold_of_a_crashed_till_expires_and_another_till_takes_the_unit(
    shop: Shop, clock: FakeClock
) -> None:
    """Till 1 scans and dies; till 2 is refused until the hold expires, then gets the unit."""
    db = shop.uow.db
    first = SaleDraft(till_services(db, clock, "till-1", "Олена"))
    assert isinstance(first.take(Scan.typed("SN-2")), Added)
    del first  # the till crashed: nothing released
    second = SaleDraft(till_services(db, clock, "till-2", "Петро"))
    refused = second.take(Scan.typed("SN-2"))
    assert isinstance(refused, Refused) and refused.rule == "held"
    assert "held at till-1 by Олена since" in refused.message
    assert second.cart.lines == ()
    clock.advance(minutes=Context(clock).hold_minutes - 1)
    assert isinstance(second.take(Scan.typed("SN-2")), Refused)
    clock.advance(minutes=2)
    assert isinstance(second.take(Scan.typed("SN-2")), Added)
    (hold,) = holds.active(UnitOfWork(db))
    assert (hold.till, hold.operator) == ("till-2", "Петро")
    posted = second.post(Payment.CARD)
    assert posted.lines[0].serials == ("SN-2",)


def test_a_live_till_keeps_its_holds_by_scanning(shop: Shop, clock: FakeClock) -> None:
    """Each scan renews the sale's holds: a slow sale at a live till is never taken over."""
    db = shop.uow.db
    first = SaleDraft(till_services(db, clock, "till-1", "Олена"))
    assert isinstance(first.take(Scan.typed("SN-1")), Added)
    clock.advance(minutes=20)
    assert isinstance(first.take(Scan.typed("SN-2")), Added)
    clock.advance(minutes=20)
    second = SaleDraft(till_services(db, clock, "till-2", "Петро"))
    assert isinstance(second.take(Scan.typed("SN-1")), Refused)


def test_posting_the_sale_ends_its_holds_in_the_same_transaction(
    shop: Shop, clock: FakeClock
) -> None:
    """Paid: the rows are gone, and another till is told the unit is sold, not held."""
    db = shop.uow.db
    first = SaleDraft(till_services(db, clock, "till-1", "Олена"))
    first.take(Scan.typed("SN-1"))
    first.take(Scan.typed("SN-2"))
    assert held_count(db) == 2
    first.post(Payment.CASH)
    assert held_count(db) == 0
    second = SaleDraft(till_services(db, clock, "till-2", "Петро"))
    refused = second.take(Scan.typed("SN-1"))
    assert isinstance(refused, Refused) and refused.rule != "held"


def test_a_removed_line_or_an_abandoned_sale_frees_its_units_at_once(
    shop: Shop, clock: FakeClock
) -> None:
    """Taking a line out frees its unit; abandoning the sale frees the rest."""
    db = shop.uow.db
    first = SaleDraft(till_services(db, clock, "till-1", "Олена"))
    first.take(Scan.typed("SN-1"))
    first.take(Scan.typed("SN-2"))
    removed = first.apply(first.remove(0))
    assert isinstance(removed, Changed) and [line.serial for line in first.cart.lines] == ["SN-2"]
    second = SaleDraft(till_services(db, clock, "till-2", "Петро"))
    assert isinstance(second.take(Scan.typed("SN-1")), Added)
    assert isinstance(second.take(Scan.typed("SN-2")), Refused)
    first.abandon()
    assert first.cart.lines == ()
    assert isinstance(second.take(Scan.typed("SN-2")), Added)


def test_a_sale_from_the_command_line_is_refused_a_unit_held_at_a_till(
    shop: Shop, clock: FakeClock, till: Till, any_db: Database
) -> None:
    """`till sell` of a held unit exits 1 naming the till; `till holds --release` frees it."""
    now = FakeClock(datetime.now(UTC))  # the command line runs on the system clock
    first = SaleDraft(till_services(any_db, now, "till-1", "Олена"))
    first.take(Scan.typed("SN-3"))
    url = url_of(any_db)
    code, _out, err = till("sell", "--db", url, "PHONE:SN-3")
    assert code == 1 and "[held]" in err and "held at till-1 by Олена" in err
    code, out, _err = till("holds", "--db", url)
    assert code == 0 and "SN-3" in out and "till-1" in out and "held" in out
    (hold,) = holds.active(UnitOfWork(any_db))
    code, out, _err = till("holds", "--db", url, "--release", str(hold.id))
    assert code == 0 and "SN-3 is free" in out
    assert till("sell", "--db", url, "PHONE:SN-3")[0] == 0
    code, _out, err = till("holds", "--db", url, "--release", str(hold.id))
    assert code == 2 and f"no hold {hold.id}" in err
