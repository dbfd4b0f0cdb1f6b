"""Several tills on one database: eight till processes selling from overlapping stock, and on
PostgreSQL one durable sale beside the same SQL sent through psycopg2 directly.

Each till process walks the shared pool of units in its own random order and sells each unit
it reaches with ``selling.sell`` (what `till sell` and the sale screen post), as fast as it
can for the run's seconds; a unit another till sold first is refused. The baseline is the
same eight processes selling from a pool of their own with the fewest statements a
hand-written till needs (raw ``sqlite3`` or ``psycopg2``). Afterwards every refusal is
checked against the ledger (a right refusal names a unit that another till sold) and the
ledger is searched for a unit sold twice."""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import timing
from bench.results import Figure, absolute, at_least, relative

TILLS = 8
SECONDS = float(os.environ.get("BENCH_SHARED_SECONDS", "30"))
"""How long each eight-till run sells (``BENCH_SHARED_SECONDS`` shortens a trial run)."""
POOL = 30_000
"""Units each run's tills share: more than they sell in the run (raw tills sold 12,000 in
under 30 s once sales stopped queueing), so collisions stay a minority."""
SKU = "PHONE"
PRICE = 899900
COST = 700000
CUSTOMER = ("Олена Коваль", "+380671112233")
LOCKED_WORDS = ("locked", "busy")
"""What a 'database is locked' error says, in any form it reaches a cashier."""


@dataclass
class TillRun:
    """What eight tills did in one run."""

    seconds: float
    posted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        """Sales posted per second by all tills together."""
        return len(self.posted) / self.seconds

    @property
    def locked(self) -> int:
        """Errors that told a cashier the database was locked or busy."""
        return sum(any(word in e.lower() for word in LOCKED_WORDS) for e in self.errors)


# --- the shop -------------------------------------------------------------------------------


def _prepare(url: str, pools: int) -> list[list[str]]:
    """A fresh shop at ``url``: one strictly tracked product, ``pools`` pools of units in stock,
    and one sale posted (so the raw till finds the sale counter)."""
    from bench.core_figures import BenchClock
    from bootstrap.services import build
    from core.commands import Item, ReceiptLine, ReceiveStock, RecordSale
    from core.config import Config
    from core.domain.catalogue import TrackingMode, TypeSettings
    from core.domain.warranty import WarrantyPeriod
    from core.persistence.schema import upgrade
    from core.services import catalogue, receiving, selling
    from core.services.catalogue import NewProduct

    services = build(url, config=Config(), clock=BenchClock(), check_schema=False)
    upgrade(services.db, backup=False)
    uow, ctx = services.uow(), services.ctx
    catalogue.set_type(uow, TypeSettings("Phones", TrackingMode.STRICT, WarrantyPeriod(months=12)))
    catalogue.add_products(uow, [NewProduct(SKU, "Смартфон", "Phones", PRICE)])
    serials = [f"BENCH-{n:07d}" for n in range(pools * POOL + 1)]
    for start in range(0, len(serials), 1000):
        batch = tuple(serials[start : start + 1000])
        line = ReceiptLine(SKU, len(batch), COST, batch)
        receiving.receive(ReceiveStock("ТОВ Постач", (line,)), uow, ctx)
    selling.sell(RecordSale((Item(SKU, serials[-1]),)), uow, ctx)
    services.db.close()
    return [serials[n * POOL : (n + 1) * POOL] for n in range(pools)]


@contextmanager
def postgres_shop(admin_url: str, pools: int) -> Iterator[tuple[str, list[list[str]]]]:
    """A throwaway schema in the PostgreSQL database at ``admin_url``, dropped afterwards."""
    from core.persistence.db import Sql, open_database

    admin = open_database(admin_url)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    Sql(admin).run(f"CREATE SCHEMA {schema}")
    url = f"{admin_url}?search_path={schema}"
    try:
        yield url, _prepare(url, pools)
    finally:
        Sql(admin).run(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@contextmanager
def sqlite_shop(folder: Path, pools: int) -> Iterator[tuple[str, list[list[str]]]]:
    """A fresh SQLite file in WAL, removed afterwards."""
    path = folder / "shared.sqlite3"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        yield str(path), _prepare(str(path), pools)
    finally:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


# --- one till process ------------------------------------------------------------------------


def _our_sale(url: str, till: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A till selling through the services; ``DomainError`` when a unit is gone."""
    from bench.core_figures import BenchClock
    from bootstrap.services import build
    from core.commands import Item, Payment, RecordSale
    from core.config import Config
    from core.ports import Context
    from core.services import selling

    services = build(url, config=Config(), clock=BenchClock())
    ctx = Context(services.ctx.clock, f"till-{till}", f"cashier-{till}")

    def sell(serial: str) -> None:
        cmd = RecordSale((Item(SKU, serial),), *CUSTOMER, payment=Payment.CASH)
        selling.sell(cmd, services.uow(), ctx)

    return sell, services.db.close


class Gone(Exception):
    """The raw till found the unit sold already."""


def _raw_sale(url: str, till: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A hand-written till: the fewest statements one sale needs, sqlite3 or psycopg2."""
    if url.startswith("postgresql://"):
        return _raw_postgres(url, till)
    from bench.core_figures import PRODUCT_PRAGMAS, _Catalogue, _raw_sale

    con = sqlite3.connect(url, isolation_level=None, check_same_thread=False)
    for name, value in PRODUCT_PRAGMAS.items():
        con.execute(f"PRAGMA {name}={value}").fetchall()
    product_id = con.execute("SELECT id FROM product WHERE sku = ?", (SKU,)).fetchone()[0]
    product = _Catalogue(PRICE, _warranty_end())

    def sell(serial: str) -> None:
        try:
            _raw_sale(con, (product_id, SKU, serial, 0), product)
        except RuntimeError as exc:
            raise Gone(str(exc)) from exc

    return sell, con.close


def _warranty_end() -> str:
    from bench.generate import AS_OF
    from core.domain.warranty import WarrantyPeriod

    return WarrantyPeriod(months=12).end(AS_OF).isoformat()


def _raw_postgres(url: str, till: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """The raw sale on PostgreSQL: row lock on the unit, the number from the sale sequence,
    conditional update, one commit."""
    from urllib.parse import parse_qs, urlparse

    import psycopg2

    from bench.core_figures import BenchClock
    from bench.generate import AS_OF

    parts = urlparse(url)
    options = parse_qs(parts.query)
    con = psycopg2.connect(
        dbname=parts.path.strip("/"),
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        options=f"-c search_path={options['search_path'][0]}" if "search_path" in options else "",
    )
    cur = con.cursor()
    cur.execute("SELECT id FROM product WHERE sku = %s", (SKU,))
    (product_id,) = cur.fetchone()
    con.commit()
    at, on, end = BenchClock().now(), AS_OF, _warranty_end()
    customer, phone = CUSTOMER
    who = f"till-{till}"

    def sell(serial: str) -> None:
        try:
            cur.execute(
                "SELECT location, cost FROM serial_unit WHERE product_id = %s AND serial = %s "
                "FOR UPDATE",
                (product_id, serial),
            )
            found = cur.fetchone()
            if found is None or found[0] != "store":
                raise Gone(serial)
            cost = found[1]
            cur.execute("SELECT nextval('number_sale')")
            number = f"SL-{cur.fetchone()[0]:06d}"
            cur.execute(
                "INSERT INTO document (number, kind, date, created_at, party, phone, payment, "
                "total, till, operator) VALUES (%s, 'sale', %s, %s, %s, %s, 'cash', %s, %s, "
                "'raw') RETURNING id",
                (number, on, at, customer, phone, PRICE, who),
            )
            (document,) = cur.fetchone()
            cur.execute(
                "INSERT INTO document_line (document_id, position, product_id, quantity, "
                "unit_amount, cost) VALUES (%s, 1, %s, 1, %s, %s) RETURNING id",
                (document, product_id, PRICE, cost),
            )
            (line,) = cur.fetchone()
            cur.execute(
                "INSERT INTO movement (at, kind, document_id, line_id, product_id, serial, "
                "quantity, from_location, to_location, unit_cost, unit_price, warranty_end, "
                "till, operator) VALUES (%s, 'sale', %s, %s, %s, %s, 1, 'store', 'customer', "
                "%s, %s, %s, %s, 'raw')",
                (at, document, line, product_id, serial, cost, PRICE, end, who),
            )
            cur.execute(
                "UPDATE serial_unit SET location = 'customer', state = 'sold', sale_doc = %s, "
                "sold_on = %s, customer = %s, phone = %s, price = %s, warranty_end = %s "
                "WHERE product_id = %s AND serial = %s AND location = 'store'",
                (number, on, customer, phone, PRICE, end, product_id, serial),
            )
            if cur.rowcount != 1:
                raise Gone(serial)
            cur.execute(
                "UPDATE stock_level SET on_hand = on_hand - 1 WHERE product_id = %s",
                (product_id,),
            )
        except BaseException:
            con.rollback()
            raise
        con.commit()

    return sell, con.close


def till_process(
    kind: str, url: str, till: int, serials: list[str], start: float, seconds: float, out: Any
) -> None:
    """One till: from ``start`` (a shared monotonic moment) sell until ``seconds`` pass."""
    from core.domain.errors import DomainError, TillError

    sell, close = (_our_sale if kind == "ours" else _raw_sale)(url, till)
    order = list(serials)
    random.Random(till).shuffle(order)
    run = TillRun(seconds)
    time.sleep(max(0.0, start - time.monotonic()))
    deadline = start + seconds
    for serial in order:
        if time.monotonic() >= deadline:
            break
        began = time.perf_counter()
        try:
            sell(serial)
        except (DomainError, Gone):
            run.refused.append(serial)
        except TillError as exc:
            run.errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - counted: the cashier would have seen it
            run.errors.append(f"{type(exc).__name__}: {exc}")
        else:
            run.posted.append(serial)
        run.latencies.append(time.perf_counter() - began)
    close()
    out.put(run)


def run_tills(kind: str, url: str, pool: Sequence[str], seconds: float = SECONDS) -> TillRun:
    """Eight till processes selling from one pool for ``seconds``; their runs merged."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start = time.monotonic() + 3.0  # every process imported and connected by then
    processes = [
        context.Process(
            target=till_process, args=(kind, url, till, list(pool), start, seconds, out)
        )
        for till in range(1, TILLS + 1)
    ]
    for process in processes:
        process.start()
    merged = TillRun(seconds)
    for _ in processes:
        try:
            run: TillRun = out.get(timeout=seconds + 60)
        except queue.Empty:
            merged.errors.append("a till process gave no answer")
            continue
        merged.posted += run.posted
        merged.refused += run.refused
        merged.errors += run.errors
        merged.latencies += run.latencies
    for process in processes:
        process.join(timeout=30)
    return merged


def ledger_check(url: str, run: TillRun) -> tuple[int, int]:
    """Units sold twice in the ledger, and refusals that were wrong (the unit is still in stock
    or nobody sold it)."""
    from core.persistence.db import Sql, open_database

    db = open_database(url)
    sql = Sql(db)
    doubles = int(
        sql.scalar(
            "SELECT COUNT(*) FROM (SELECT serial FROM movement WHERE kind = 'sale' "
            "GROUP BY product_id, serial HAVING COUNT(*) > 1) twice"
        )
    )
    sold = {s for (s,) in sql.rows("SELECT serial FROM serial_unit WHERE state = 'sold'")}
    db.close()
    wrong = sum(serial not in sold for serial in run.refused)
    return doubles, wrong


# --- figures --------------------------------------------------------------------------------


def eight_till_figures(
    engine: str, url: str, pools: list[list[str]], log: Callable[[str], None]
) -> list[Figure]:
    """The eight-till run on one engine, beside eight raw tills."""
    log(f"  8 tills on {engine}, {SECONDS:g} s each: the till …")
    ours = run_tills("ours", url, pools[0])
    log("  … and raw")
    raw = run_tills("raw", url, pools[1])
    doubles, wrong = ledger_check(url, ours)
    raw_doubles, _raw_wrong = ledger_check(url, raw)
    log(
        f"  {engine}: {len(ours.posted)} sales, {len(ours.refused)} refusals ({wrong} wrong), "
        f"{len(ours.errors)} errors ({ours.locked} 'locked'); raw {len(raw.posted)} sales, "
        f"{len(raw.refused)} refusals, {len(raw.errors)} errors, {raw_doubles} double"
    )
    for error in sorted(set(ours.errors))[:5]:
        log(f"    error: {error}")
    p99 = timing.percentile(ours.latencies, 99) * 1e3
    raw_p99 = timing.percentile(raw.latencies, 99) * 1e3
    right = len(ours.refused) - wrong
    figures = [
        absolute(f"8 tills on {engine}: double sales", doubles, raw_doubles, "units", 0.0),
        absolute(
            f"8 tills on {engine}: wrong refusals or errors "
            f"(right refusals: {right:,}, each of a unit another till sold)",
            wrong + len(ours.errors),
            len(raw.errors),
            "sales",
            0.0,
        ),
        absolute(f"8 tills on {engine}: sale p99", p99, raw_p99, "ms", P99_MS),
    ]
    if engine == "PostgreSQL":
        figures.insert(
            0,
            at_least(
                f"8 tills on {engine}: sales per second",
                ours.per_second,
                raw.per_second,
                "sales/s",
                PG_SALES_PER_SECOND,
            ),
        )
    else:
        rate = f"8 tills on {engine}: sales per second"
        figures.insert(0, at_least(rate, ours.per_second, raw.per_second, "sales/s", 0.0))
        figures.append(
            absolute(
                f"8 tills on {engine}: 'database is locked' reaching a cashier",
                ours.locked,
                raw.locked,
                "errors",
                0.0,
            )
        )
    return figures


PG_SALES_PER_SECOND = 200.0
"""The eight-till run on PostgreSQL must post at least this many sales per second."""
P99_MS = 250.0
"""A sale's p99 while eight tills sell at once."""


def postgres_sale_figures(url: str, serials: list[str], count: int = 1000) -> list[Figure]:
    """One durable sale on PostgreSQL (p50, p99) beside the same SQL through psycopg2."""
    warm = 100
    chosen = serials[: 2 * (count + warm)]
    ours, close_ours = _our_sale(url, 1)
    raw, close_raw = _raw_sale(url, 2)
    half = count + warm
    measured_calls = [_call(ours, serial) for serial in chosen[:half]]
    raw_calls = [_call(raw, serial) for serial in chosen[half:]]
    timing.batched(measured_calls[:warm], raw_calls[:warm], batch=25, between=_nothing)
    measured, base = timing.batched(
        measured_calls[warm:], raw_calls[warm:], batch=50, between=_nothing
    )
    close_ours()
    close_raw()
    return [
        relative(
            "sale on PostgreSQL, durable (p50)",
            timing.percentile(measured, 50) * 1e6,
            timing.percentile(base, 50) * 1e6,
            "µs",
            2.0,
        ),
        relative(
            "sale on PostgreSQL, durable (p99)",
            timing.percentile(measured, 99) * 1e6,
            timing.percentile(base, 99) * 1e6,
            "µs",
            2.0,
        ),
    ]


def _call(sell: Callable[[str], None], serial: str) -> Callable[[], object]:
    return lambda: sell(serial)


def _nothing() -> None:
    return None


def shared_figures(folder: Path, log: Callable[[str], None]) -> list[Figure]:
    """Every several-tills figure: PostgreSQL when ``TILL_TEST_PG`` names a server, then SQLite."""
    figures: list[Figure] = []
    admin = os.environ.get("TILL_TEST_PG")
    if admin:
        log("several tills on PostgreSQL:")
        with postgres_shop(admin, pools=3) as (url, pools):
            log("  one durable sale, 1,000 beside raw psycopg2 …")
            figures.extend(postgres_sale_figures(url, pools[2]))
            figures.extend(eight_till_figures("PostgreSQL", url, pools, log))
    else:
        log("PostgreSQL figures skipped: set TILL_TEST_PG=postgresql://user@host:5432/name")
    log("several tills on one SQLite file (WAL):")
    with sqlite_shop(folder, pools=2) as (url, pools):
        figures.extend(eight_till_figures("SQLite", url, pools, log))
    return figures
