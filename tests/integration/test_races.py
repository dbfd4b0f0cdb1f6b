"""Two tills can never sell the same unit: races on SQLite and PostgreSQL, threads and processes.

Every till works in its own thread (peewee connections are thread-local) or process. A clock
whose ``now()`` sleeps 2 ms widens the race window so that an unsafe scheme would lose every round:
the services read the clock once inside the transaction, right after it begins."""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from peewee import Database, PostgresqlDatabase

from core.commands import (
    CorrectReceiptSerials,
    Item,
    ReceiptLine,
    ReceiveStock,
    RecordSale,
    ReturnToSupplier,
    WriteOff,
)
from core.domain.errors import ConflictError, DomainError, SerialRuleError, StockError
from core.domain.movements import Location
from core.domain.sites import MAIN_SITE
from core.persistence.db import Sql, is_postgres, open_database
from core.persistence.schema import SCHEMA_VERSION, MigrationLocked, upgrade
from core.persistence.unit_of_work import UnitOfWork, write_lock
from core.ports import Context
from core.results import Posted
from core.services import corrections, rebuild, receiving, selling, stock_out
from core.services.chain_check import verify_chain
from core.services.checks import require_product
from tests.fakes import FakeClock
from tests.shop import Shop

ROUNDS = 20
TILLS = 4
THINK = 0.002
"""Seconds each till 'thinks' inside its transaction (2 ms made every unsafe scheme fail)."""

Action = Callable[[UnitOfWork, Context], Posted]
UNIT_GONE = (SerialRuleError, ConflictError)
"""What a till that lost a unit may be told: it is no longer in stock, or changed meanwhile."""
STOCK_GONE = (StockError, ConflictError)
"""What a till that lost untracked stock may be told."""
COUNTED = ("document", "document_line", "movement", "serial_unit", "tracking_warning")


class ThinkingClock(FakeClock):
    """A fixed clock whose ``now()`` sleeps 2 ms, inside the transaction that asks."""

    def now(self) -> datetime:
        """The fixed time, after a short think."""
        time.sleep(THINK)
        return super().now()


class RendezvousClock(FakeClock):
    """A fixed clock whose ``now()`` waits until every till is inside its own transaction."""

    def __init__(self, tills: int) -> None:
        super().__init__()
        self.barrier = threading.Barrier(tills, timeout=5)

    def now(self) -> datetime:
        """The fixed time, once all tills have begun."""
        _wait(self.barrier)
        return super().now()


def _wait(barrier: threading.Barrier) -> None:
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        pass


@dataclass
class Outcome:
    """What one till got: a posted document or an error."""

    till: int
    posted: Posted | None = None
    error: BaseException | None = None


def race(
    db: Database,
    actions: Sequence[Action],
    clock: FakeClock,
    prepare: Callable[[UnitOfWork], None] | None = None,
) -> list[Outcome]:
    """Run the actions at once, one thread and connection per till; every till's outcome."""
    start = threading.Barrier(len(actions), timeout=30)
    outcomes = [Outcome(till) for till in range(len(actions))]

    def till(index: int) -> None:
        uow = UnitOfWork(db)
        ctx = Context(clock, f"till-{index + 1}", f"cashier-{index + 1}")
        try:
            if prepare is not None:
                prepare(uow)
            start.wait()
            outcomes[index].posted = actions[index](uow, ctx)
        except BaseException as exc:  # noqa: BLE001 - every outcome is inspected by the test
            outcomes[index].error = exc
        finally:
            db.close()

    threads = [threading.Thread(target=till, args=(i,), daemon=True) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a till hung"
    return outcomes


def counts(db: Database) -> dict[str, int]:
    """Row counts of the tables a document writes, and the document counters.

    PostgreSQL numbers documents from sequences, which a till that lost the race may have
    advanced too (a gap, never a duplicate): there a kind's counter is its documents' count."""
    sql = Sql(db)
    found = {table: int(sql.scalar(f"SELECT COUNT(*) FROM {table}")) for table in COUNTED}
    numbered = (
        "SELECT kind, COUNT(*) FROM document GROUP BY kind"
        if is_postgres(db)
        else "SELECT kind, last FROM counter"
    )
    for kind, last in sql.rows(numbered):
        found[f"counter:{kind}"] = int(last)
    return found


def one_winner(
    outcomes: Sequence[Outcome], losing: tuple[type[DomainError], ...] = UNIT_GONE
) -> Posted:
    """The single posted document of a round; every other till lost cleanly."""
    winners = [o.posted for o in outcomes if o.posted is not None]
    errors = [o.error for o in outcomes if o.error is not None]
    unexpected = [e for e in errors if not isinstance(e, losing)]
    assert not unexpected, f"a till crashed instead of losing cleanly: {unexpected!r}"
    assert len(winners) == 1, f"{len(winners)} tills won: {[w.number for w in winners]}"
    return winners[0]


def written_by(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """What changed between two counts, without the zeros."""
    return {
        key: after.get(key, 0) - before.get(key, 0)
        for key in after
        if after.get(key, 0) != before.get(key, 0)
    }


def assert_projections_match_the_ledger(db: Database) -> None:
    """serial_unit, stock_level and cost_layer equal the fold of the movements, and the
    tamper-evident chain links every row the racing tills wrote, one link after another."""
    check = rebuild.verify(UnitOfWork(db))
    assert check.ok, check.differences
    chain = verify_chain(UnitOfWork(db, checking=True))
    assert chain.ok, chain.messages
    assert chain.links == chain.head_seq > 0


def sell(serial: str) -> Action:
    """A till selling one phone by serial number."""
    return selling_of(RecordSale((Item("PHONE", serial),), customer="Покупець"))


def selling_of(command: RecordSale) -> Action:
    """A till posting this sale."""
    return lambda uow, ctx: selling.sell(command, uow, ctx)


def receiving_of(command: ReceiveStock) -> Action:
    """A till posting this receipt."""
    return lambda uow, ctx: receiving.receive(command, uow, ctx)


def writing_off(command: WriteOff) -> Action:
    """A till posting this write-off."""
    return lambda uow, ctx: stock_out.write_off(command, uow, ctx)


def returning_to_supplier(command: ReturnToSupplier) -> Action:
    """A till posting this supplier return."""
    return lambda uow, ctx: stock_out.return_to_supplier(command, uow, ctx)


def correcting(command: CorrectReceiptSerials) -> Action:
    """A till posting this correction of a receipt's serial numbers."""
    return lambda uow, ctx: corrections.correct_receipt_serials(command, uow, ctx)


@pytest.fixture
def shop(any_db: Database) -> Iterator[Shop]:
    """The catalogue shop, with one document of each racing kind already posted.

    Posting them first keeps these races about units and stock; the very first document of a
    kind is raced separately below."""
    shop = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "WARM-UP-1", "WARM-UP-2", "WARM-UP-3")
    shop.sell("PHONE", "WARM-UP-1")
    stock_out.write_off(WriteOff("тест", (Item("PHONE", "WARM-UP-2"),)), shop.uow, shop.ctx)
    stock_out.return_to_supplier(
        ReturnToSupplier("ТОВ Постач", (Item("PHONE", "WARM-UP-3"),)), shop.uow, shop.ctx
    )
    yield shop
    assert_projections_match_the_ledger(any_db)


# -- threads on one database: SQLite (BEGIN IMMEDIATE) and PostgreSQL (FOR UPDATE) -------------


def test_four_tills_selling_the_same_unit_have_exactly_one_winner(shop: Shop) -> None:
    """In every round one till sells the unit; the others are refused and write nothing."""
    db = shop.uow.db
    clock = ThinkingClock()
    for round_ in range(ROUNDS):
        serial = f"RACE-{round_}"
        shop.receive("PHONE", serial, cost=1000 + round_)
        before = counts(db)
        winner = one_winner(race(db, [sell(serial)] * TILLS, clock))
        assert winner.lines[0].serials == (serial,)
        assert written_by(before, counts(db)) == {
            "document": 1,
            "document_line": 1,
            "movement": 1,
            "counter:sale": 1,
        }
        sales = Sql(db).scalar(
            "SELECT COUNT(*) FROM movement WHERE serial = ? AND to_location = ?",
            (serial, Location.CUSTOMER.value),
        )
        assert sales == 1
        cost = Sql(db).scalar(
            "SELECT cost FROM document_line l JOIN document d ON d.id = l.document_id "
            "WHERE d.number = ?",
            (winner.number,),
        )
        assert cost == 1000 + round_, "the sale must write off that very unit's cost"


def test_four_tills_receiving_the_same_new_serial_take_it_in_once(shop: Shop) -> None:
    """In every round one receipt takes the new unit in; the others are refused as duplicates."""
    db = shop.uow.db
    clock = ThinkingClock()
    for round_ in range(ROUNDS):
        command = ReceiveStock("ТОВ Постач", (ReceiptLine("PHONE", 1, 700, (f"NEW-{round_}",)),))
        before = counts(db)
        one_winner(race(db, [receiving_of(command)] * TILLS, clock))
        assert written_by(before, counts(db)) == {
            "document": 1,
            "document_line": 1,
            "movement": 1,
            "serial_unit": 1,
            "counter:receipt": 1,
        }
    with UnitOfWork(db) as uow:
        assert uow.stock.on_hand(require_product(uow, "PHONE").id) == ROUNDS


def test_four_tills_taking_the_last_untracked_units_leave_none_behind_twice(shop: Shop) -> None:
    """The last units of a FIFO layer go to one till; the others get 'not enough stock'."""
    db = shop.uow.db
    clock = ThinkingClock()
    command = RecordSale((Item("CABLE", quantity=2),))
    for round_ in range(ROUNDS):
        shop.receive("CABLE", quantity=2, cost=300 + round_)
        before = counts(db)
        winner = one_winner(race(db, [selling_of(command)] * TILLS, clock), STOCK_GONE)
        assert winner.lines[0].quantity == 2
        assert written_by(before, counts(db)) == {
            "document": 1,
            "document_line": 1,
            "movement": 1,
            "counter:sale": 1,
        }
        with UnitOfWork(db) as uow:
            cable = require_product(uow, "CABLE")
            assert uow.stock.on_hand(cable.id) == 0
            assert uow.stock.layers(cable.id, MAIN_SITE) == []
    negative = Sql(db).scalar("SELECT COUNT(*) FROM cost_layer WHERE remaining < 0")
    assert negative == 0


def test_a_sale_a_write_off_and_a_supplier_return_of_one_unit_have_one_winner(shop: Shop) -> None:
    """Different documents racing for one unit: exactly one takes it, whichever kind it is."""
    db = shop.uow.db
    clock = ThinkingClock()
    for round_ in range(ROUNDS // 2):
        serial = f"MIXED-{round_}"
        shop.receive("PHONE", serial)
        items = (Item("PHONE", serial),)
        actions = [
            sell(serial),
            writing_off(WriteOff("розбито", items)),
            returning_to_supplier(ReturnToSupplier("ТОВ Постач", items)),
            sell(serial),
        ]
        before = counts(db)
        one_winner(race(db, actions, clock))
        changed = written_by(before, counts(db))
        assert {k: v for k, v in changed.items() if not k.startswith("counter:")} == {
            "document": 1,
            "document_line": 1,
            "movement": 1,
        }
        assert sum(v for k, v in changed.items() if k.startswith("counter:")) == 1
        moves = Sql(db).scalar(
            "SELECT COUNT(*) FROM movement WHERE serial = ? AND from_location = ?",
            (serial, Location.STORE.value),
        )
        assert moves == 1


def test_tills_selling_different_goods_at_once_all_post_and_chain_one_after_another(
    shop: Shop,
) -> None:
    """Sales of different products lock no row in common (on PostgreSQL they post alongside
    each other): every one posts, and the chain links each sale's rows after the other's."""
    db = shop.uow.db
    clock = RendezvousClock(3)
    for round_ in range(ROUNDS // 2):
        shop.receive("PHONE", f"APART-{round_}")
        shop.receive("BIKE", f"WHEEL-{round_}")
        shop.receive("CABLE", quantity=1)
        actions = [
            sell(f"APART-{round_}"),
            selling_of(RecordSale((Item("BIKE", f"WHEEL-{round_}"),))),
            selling_of(RecordSale((Item("CABLE"),))),
        ]
        before = counts(db)
        outcomes = race(db, actions, clock)
        assert [o.error for o in outcomes] == [None, None, None]
        assert written_by(before, counts(db))["document"] == 3
    assert_projections_match_the_ledger(db)


# -- separate processes on one SQLite file ------------------------------------------------------


def _sell_in_process(path: str, serials: list[str], till: int, barrier: Any, results: Any) -> None:
    """A till in its own process: sell each serial number when every till is ready."""
    db = open_database(path)
    ctx = Context(ThinkingClock(), f"till-{till}", f"cashier-{till}")
    try:
        for serial in serials:
            barrier.wait(timeout=30)
            try:
                posted = selling.sell(RecordSale((Item("PHONE", serial),)), UnitOfWork(db), ctx)
                results.put((serial, till, "posted", posted.number))
            except DomainError as exc:
                results.put((serial, till, type(exc).__name__, exc.rule))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as a crash
                results.put((serial, till, "crash", repr(exc)))
    finally:
        db.close()


def test_tills_in_separate_processes_sell_a_unit_of_one_sqlite_file_once(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Processes racing on one SQLite file (no shared Python state at all): one sale per unit."""
    shop = Shop.with_catalogue(UnitOfWork(sqlite_db), Context(FakeClock(), "till-0", "olena"))
    serials = [f"PROC-{i}" for i in range(6)]
    shop.receive("PHONE", *serials)
    shop.sell("PHONE", serials[0])
    serials = serials[1:]
    sqlite_db.close()
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(TILLS)
    results = context.Queue()
    path = str(sqlite_db.database)
    processes = [
        context.Process(target=_sell_in_process, args=(path, serials, till, barrier, results))
        for till in range(1, TILLS + 1)
    ]
    for process in processes:
        process.start()
    got: list[tuple[str, int, str, str]] = []
    deadline = time.monotonic() + 60
    while len(got) < TILLS * len(serials) and time.monotonic() < deadline:
        try:
            got.append(results.get(timeout=0.5))
        except queue.Empty:
            crashed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            assert not crashed, f"a till process died: exit codes {crashed}"
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    for serial in serials:
        outcomes = [(kind, detail) for sn, _, kind, detail in got if sn == serial]
        assert len(outcomes) == TILLS
        assert [kind for kind, _ in outcomes].count("posted") == 1, outcomes
        assert all(kind in {"posted", "SerialRuleError", "ConflictError"} for kind, _ in outcomes)
    sold = Sql(sqlite_db).scalar(
        "SELECT COUNT(*) FROM movement WHERE to_location = ?", (Location.CUSTOMER.value,)
    )
    assert sold == 1 + len(serials)
    documents = Sql(sqlite_db).scalar("SELECT COUNT(*) FROM document WHERE kind = 'sale'")
    assert documents == 1 + len(serials)
    assert_projections_match_the_ledger(sqlite_db)


# -- PostgreSQL: transactions forced to overlap, where lock order and first inserts matter ----


def _pause_after_first_call(obj: object, name: str, barrier: threading.Barrier) -> None:
    """Make ``obj.name`` wait for the other tills right after its first call returns."""
    real = getattr(obj, name)
    done = threading.Event()

    def paused(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if not done.is_set():
            done.set()
            _wait(barrier)
        return result

    setattr(obj, name, paused)


def _short_deadlock_timeout(uow: UnitOfWork) -> None:
    """Let PostgreSQL detect a deadlock after 100 ms instead of a second (superuser only)."""
    try:
        uow.sql.run("SET deadlock_timeout = '100ms'")
    except Exception:  # noqa: BLE001 - only a speed-up
        uow.db.rollback()


def test_the_first_sale_of_a_fresh_sqlite_database_raced_by_two_tills_has_one_winner(
    sqlite_db: Database,
) -> None:
    """No document of the kind exists yet, so both tills also race to create its counter."""
    shop = Shop.with_catalogue(UnitOfWork(sqlite_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "FIRST")
    one_winner(race(sqlite_db, [sell("FIRST")] * 2, ThinkingClock()))
    assert_projections_match_the_ledger(sqlite_db)


@pytest.mark.postgres
def test_the_first_sale_of_a_fresh_postgres_database_raced_by_two_tills_has_one_winner(
    postgres_db: Database,
) -> None:
    """No document of the kind exists yet, so both tills also race to create its counter."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "FIRST")
    one_winner(race(postgres_db, [sell("FIRST")] * 2, RendezvousClock(2)))
    assert_projections_match_the_ledger(postgres_db)


@pytest.mark.postgres
def test_a_receipt_and_a_correction_racing_to_take_in_one_new_serial_have_one_winner(
    postgres_db: Database,
) -> None:
    """Both documents find the new SN unknown; the second to save it must lose cleanly."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "WRONG-0")
    corrections.correct_receipt_serials(
        CorrectReceiptSerials(shop.receive("PHONE", "WRONG-1").number, (("WRONG-1", "RIGHT-1"),)),
        shop.uow,
        shop.ctx,
    )
    receipt = shop.receive("PHONE", "WRONG").number
    barrier = threading.Barrier(2, timeout=5)
    actions = [
        receiving_of(ReceiveStock("ТОВ Постач", (ReceiptLine("PHONE", 1, 700, ("NEW",)),))),
        correcting(CorrectReceiptSerials(receipt, (("WRONG", "NEW"),))),
    ]
    outcomes = race(
        postgres_db,
        actions,
        FakeClock(),
        prepare=lambda uow: _before_first_call(uow.units, "insert_many", barrier),
    )
    one_winner(outcomes)


def _before_first_call(obj: object, name: str, barrier: threading.Barrier) -> None:
    """Make ``obj.name`` wait for the other tills right before its first call."""
    real = getattr(obj, name)
    done = threading.Event()

    def paused(*args: Any, **kwargs: Any) -> Any:
        if not done.is_set():
            done.set()
            _wait(barrier)
        return real(*args, **kwargs)

    setattr(obj, name, paused)


@pytest.mark.postgres
@pytest.mark.parametrize("goods", ["two phones by serial number", "cables and a bike by quantity"])
def test_two_documents_naming_the_same_goods_in_opposite_order_never_deadlock(
    postgres_db: Database, goods: str
) -> None:
    """A sale of A then B and a write-off of B then A: one winner, or both when stock allows."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "A", "B", "C")
    shop.receive("CABLE", quantity=10)
    shop.receive("BIKE", quantity=10)
    shop.sell("PHONE", "C")
    stock_out.write_off(WriteOff("тест", (Item("CABLE"),)), shop.uow, shop.ctx)
    if goods.startswith("two phones"):
        first, second = Item("PHONE", "A"), Item("PHONE", "B")
        locking = "get"
    else:
        first, second = Item("CABLE"), Item("BIKE")
        locking = "layers"
    barrier = threading.Barrier(2, timeout=5)

    def prepare(uow: UnitOfWork) -> None:
        _short_deadlock_timeout(uow)
        _pause_after_first_call(uow.units if locking == "get" else uow.stock, locking, barrier)

    actions = [
        selling_of(RecordSale((first, second))),
        writing_off(WriteOff("тест", (second, first))),
    ]
    outcomes = race(postgres_db, actions, FakeClock(), prepare=prepare)
    errors = [o.error for o in outcomes if o.error is not None]
    assert all(isinstance(e, DomainError) for e in errors), f"not a clean refusal: {errors!r}"
    if locking == "layers":
        assert not errors, "both documents fit in stock, so both must post"
    assert_projections_match_the_ledger(postgres_db)


@pytest.mark.postgres
def test_a_postgres_sale_posts_while_another_till_is_mid_sale_of_another_unit(
    postgres_db: Database,
) -> None:
    """Sales take the write lock shared and lock only their own units: no queue behind one
    another; a migration (the exclusive lock) still waits for the sale in progress."""
    shop = Shop.with_catalogue(UnitOfWork(postgres_db), Context(FakeClock(), "till-0", "olena"))
    shop.receive("PHONE", "A", "B")
    other = PostgresqlDatabase(
        postgres_db.database, autorollback=False, **postgres_db.connect_params
    )
    other_sql = Sql(other)
    other_sql.run("BEGIN")
    other_sql.rows(write_lock("pg_advisory_xact_lock_shared"))
    other_sql.rows("SELECT id FROM serial_unit WHERE serial = 'A' FOR UPDATE")
    try:
        Sql(postgres_db).run("SET lock_timeout = '10s'")
        posted = shop.sell("PHONE", "B")
        Sql(postgres_db).run("DELETE FROM schema_version WHERE version = ?", (SCHEMA_VERSION,))
        Sql(postgres_db).run("INSERT INTO schema_version (version) VALUES (?)", (8,))
        with pytest.raises(MigrationLocked):
            upgrade(postgres_db, backup=False, lock_timeout=0.2)
    finally:
        other_sql.run("ROLLBACK")
        other.close()
        Sql(postgres_db).run("SET lock_timeout = 0")
    assert posted.lines[0].serials == ("B",)
    assert shop.sell("PHONE", "A").number != posted.number
