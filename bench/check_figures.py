"""Scan check under write load: another process posts sales while this one checks scans.

A check reads one snapshot and takes no lock, so it must not queue behind the writer. The
baseline is raw ``sqlite3`` reading the unit in a deferred transaction under the same load;
a check that took the write lock (``BEGIN IMMEDIATE``) is timed too and logged, to show what
the write lock would cost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections.abc import Callable, Sequence
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from bench import timing
from bench.results import Figure, absolute
from core.commands import Item, Payment, RecordSale
from core.services import selling

Unit = tuple[int, str, str, int]
"""Product id, SKU, serial number and cost, as ``core_figures.units`` gives them."""
TARGET_MS = 20.0
"""A check must answer within this while another till posts sales."""
_UNIT_ROW = "SELECT location, cost FROM serial_unit WHERE product_id = ? AND serial = ?"


def post_sales(path: str, units: Sequence[Unit], ready: Event, stop: Event, sold: Any) -> None:
    """The other till: sell these units one after another, as fast as it can, until stopped."""
    from bench.core_figures import CUSTOMER, BenchClock
    from bootstrap.services import build
    from core.config import Config
    from core.persistence.db import Sql

    services = build(path, config=Config(), clock=BenchClock())
    Sql(services.db).rows("PRAGMA synchronous=FULL")  # durable; SQLite checkpoints on its own
    ready.set()
    for _product, sku, serial, _cost in units:
        if stop.is_set():
            break
        cmd = RecordSale((Item(sku, serial),), *CUSTOMER, payment=Payment.CASH)
        selling.sell(cmd, services.uow(), services.ctx)
        sold.value += 1
    services.db.close()


def _check(services: Any, unit: Unit) -> None:
    """What a scan at the sale screen asks of the core: would the sale take this unit?"""
    cmd = RecordSale((Item(unit[1], unit[2]),), payment=Payment.CASH)
    posted = selling.sell(cmd, services.rehearsal(), services.ctx)
    assert posted.lines[0].serials == (unit[2],), unit


def _raw_read(con: sqlite3.Connection, unit: Unit, lock: str = "") -> None:
    """The same unit read by hand in its own transaction (deferred, or taking the lock)."""
    con.execute(f"BEGIN {lock}")
    try:
        found = con.execute(_UNIT_ROW, (unit[0], unit[2])).fetchone()
        assert found is not None and found[0] == "store", unit
    finally:
        con.execute("ROLLBACK")


def scan_check_figures(
    services: Any,
    path: Path,
    checked: Sequence[Unit],
    sold: Sequence[Unit],
    log: Callable[[str], None],
) -> list[Figure]:
    """Scan-check p99 while another process posts sales, beside raw reads under the same load."""
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    raw.execute("PRAGMA busy_timeout=10000").fetchall()
    context = multiprocessing.get_context("spawn")
    ready, stop, count = context.Event(), context.Event(), context.Value("i", 0)
    writer = context.Process(target=post_sales, args=(str(path), sold, ready, stop, count))
    writer.start()
    try:
        if not ready.wait(60):
            raise RuntimeError("the writing process did not start")
        while count.value < 20 and writer.is_alive():
            time.sleep(0.01)  # the writer's first sales: it is at its steady pace
        started, before = time.perf_counter(), count.value
        ours, base = timing.paired(
            checked, lambda u: _check(services, u), lambda u: _raw_read(raw, u)
        )
        locked, _ = timing.paired(
            checked[:500], lambda u: _raw_read(raw, u, "IMMEDIATE"), lambda u: _raw_read(raw, u)
        )
        rate = (count.value - before) / (time.perf_counter() - started)
    finally:
        stop.set()
        writer.join(60)
        raw.close()
    if writer.exitcode != 0:
        raise RuntimeError(f"the writing process failed (exit {writer.exitcode})")
    if count.value >= len(sold):
        log("    warning: the writer ran out of units before the checks ended")
    log(
        f"    writer: {rate:.0f} sales/s; a read taking the write lock instead: "
        f"p99 {timing.percentile(locked, 99) * 1e3:.2f} ms"
    )
    return [
        absolute(
            "scan check while another process posts sales (p99)",
            timing.percentile(ours, 99) * 1e3,
            timing.percentile(base, 99) * 1e3,
            "ms",
            TARGET_MS,
        )
    ]
