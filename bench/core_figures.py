"""Core figures: each service call beside raw ``sqlite3`` doing the same work on the same file."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bench import timing
from bench.generate import AS_OF, PHONES, serial_of
from bench.results import Figure, absolute, relative
from bootstrap.services import Services, build
from core.commands import Item, Payment, ReceiptLine, ReceiveStock, RecordSale
from core.config import Config
from core.persistence.db import Sql
from core.reports import WarrantyFilter
from core.services import count_sheets, counting, receiving, reports, selling
from core.services.queries import find_units

UNIT_COLUMNS = (
    "product_id, serial, location, cost, received_doc, received_on, supplier, sale_doc, "
    "sold_on, customer, phone, price, warranty_end"
)
DURABLE = {"synchronous": "FULL", "wal_autocheckpoint": "0"}
"""Bench-only pragmas on both connections: fsync every commit, checkpoints only when asked."""
PRODUCT_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": "1",
    "cache_size": "-32000",
    "busy_timeout": "10000",
}
"""The product's own SQLite settings (core.persistence.db), repeated for the raw connection."""
CUSTOMER = ("Олена Коваль", "+380671112233")


class BenchClock:
    """Noon of the benchmark's today."""

    def now(self) -> datetime:
        """Noon UTC of AS_OF."""
        return datetime(AS_OF.year, AS_OF.month, AS_OF.day, 12, tzinfo=UTC)

    def today(self) -> date:
        """AS_OF."""
        return AS_OF


@dataclass
class Workbench:
    """The till's services and a raw connection on one working copy of the generated shop."""

    path: Path
    services: Services
    raw: sqlite3.Connection
    rng: random.Random

    def checkpoint(self) -> None:
        """Copy the WAL back into the database, off the timed path."""
        self.raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        """Close both connections."""
        self.raw.close()
        self.services.db.close()


def open_workbench(path: Path) -> Workbench:
    """Open the services (as the till does) and a raw connection, both durable."""
    services = build(str(path), config=Config(), clock=BenchClock())
    for name, value in DURABLE.items():
        Sql(services.db).rows(f"PRAGMA {name}={value}")
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for name, value in {**PRODUCT_PRAGMAS, **DURABLE}.items():
        raw.execute(f"PRAGMA {name}={value}").fetchall()
    return Workbench(path, services, raw, random.Random(2026))


def core_figures(bench: Workbench, log: Callable[[str], None]) -> list[Figure]:
    """Every core figure, measured on the workbench: the read-only ones before the writes."""
    figures: list[Figure] = []
    for measure in (
        lookup_figures,
        warranty_figures,
        count_sheet_figures,
        sale_figures,
        receipt_figures,
    ):
        log(f"  {measure.__name__.removesuffix('_figures').replace('_', ' ')} …")
        figures.extend(measure(bench))
    return figures


def units(bench: Workbench, state: str, count: int) -> list[tuple[int, str, str, int]]:
    """``count`` random units in a state: product id, SKU, serial number and cost."""
    ids = [i for (i,) in bench.raw.execute("SELECT id FROM serial_unit WHERE state = ?", (state,))]
    chosen = bench.rng.sample(ids, count)
    found: dict[int, tuple[int, str, str, int]] = {}
    for start in range(0, count, 10_000):
        chunk = chosen[start : start + 10_000]
        marks = ", ".join("?" for _ in chunk)
        for unit_id, *unit in bench.raw.execute(
            "SELECT u.id, u.product_id, p.sku, u.serial, u.cost FROM serial_unit u "
            f"JOIN product p ON p.id = u.product_id WHERE u.id IN ({marks})",
            chunk,
        ):
            found[unit_id] = (unit[0], unit[1], unit[2], unit[3])
    return [found[i] for i in chosen]


# --- SN look-up -----------------------------------------------------------------------------


def lookup_figures(bench: Workbench) -> list[Figure]:
    """A scan's look-up through the service layer against one indexed raw query."""
    chosen = units(bench, "in_stock", 1500) + units(bench, "sold", 500)
    serials = [serial for _, _, serial, _ in chosen]
    bench.rng.shuffle(serials)
    uow = bench.services.uow()
    statement = f"SELECT {UNIT_COLUMNS} FROM serial_unit WHERE serial = ?"
    raw = bench.raw

    def ours(serial: str) -> object:
        found = find_units(uow, serial)
        assert found, serial
        return found

    def baseline(serial: str) -> object:
        return raw.execute(statement, (serial,)).fetchall()

    timing.paired(serials[:200], ours, baseline)
    measured, base = timing.paired(serials, ours, baseline, rounds=5)
    return [
        relative(
            "SN look-up, find_units (median)",
            timing.median(measured) * 1e6,
            timing.median(base) * 1e6,
            "µs",
            3.0,
        )
    ]


# --- durable sale ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Catalogue:
    """What a hand-written till would keep in memory about a product."""

    price: int
    warranty_end: str


def _catalogue(bench: Workbench, product_ids: set[int]) -> dict[int, _Catalogue]:
    uow = bench.services.uow()
    found = {}
    for product_id in product_ids:
        product = uow.catalogue.product_by_id(product_id)
        end = product.warranty.end(AS_OF).isoformat()
        found[product_id] = _Catalogue(product.price, end)
    return found


def _raw_sale(
    con: sqlite3.Connection, unit: tuple[int, str, str, int], product: _Catalogue
) -> None:
    """The rows one sale writes, with the fewest statements a hand-written till needs."""
    product_id, _sku, serial, _cost = unit
    at = BenchClock().now().isoformat()
    on = AS_OF.isoformat()
    customer, phone = CUSTOMER
    con.execute("BEGIN IMMEDIATE")
    try:
        found = con.execute(
            "SELECT location, cost FROM serial_unit WHERE product_id = ? AND serial = ?",
            (product_id, serial),
        ).fetchone()
        if found is None or found[0] != "store":
            raise RuntimeError(f"raw sale: {serial} is not in stock")
        cost = found[1]
        (last,) = con.execute(
            "UPDATE counter SET last = last + 1 WHERE kind = 'sale' RETURNING last"
        ).fetchone()
        number = f"SL-{last:06d}"
        (document,) = con.execute(
            "INSERT INTO document (number, kind, date, created_at, party, phone, payment, "
            "total, till, operator) VALUES (?, 'sale', ?, ?, ?, ?, 'cash', ?, 'till-1', 'raw') "
            "RETURNING id",
            (number, on, at, customer, phone, product.price),
        ).fetchone()
        (line,) = con.execute(
            "INSERT INTO document_line (document_id, position, product_id, quantity, "
            "unit_amount, cost) VALUES (?, 1, ?, 1, ?, ?) RETURNING id",
            (document, product_id, product.price, cost),
        ).fetchone()
        con.execute(
            "INSERT INTO movement (at, kind, document_id, line_id, product_id, serial, quantity, "
            "from_location, to_location, unit_cost, unit_price, warranty_end, till, operator) "
            "VALUES (?, 'sale', ?, ?, ?, ?, 1, 'store', 'customer', ?, ?, ?, 'till-1', 'raw')",
            (at, document, line, product_id, serial, cost, product.price, product.warranty_end),
        )
        changed = con.execute(
            "UPDATE serial_unit SET location = 'customer', state = 'sold', sale_doc = ?, "
            "sold_on = ?, customer = ?, phone = ?, price = ?, warranty_end = ? "
            "WHERE product_id = ? AND serial = ? AND location = 'store'",
            (number, on, customer, phone, product.price, product.warranty_end, product_id, serial),
        ).rowcount
        if changed != 1:
            raise RuntimeError(f"raw sale: {serial} moved meanwhile")
        con.execute(
            "UPDATE stock_level SET on_hand = on_hand - 1 WHERE product_id = ?", (product_id,)
        )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def sale_figures(bench: Workbench, count: int = 1000, warm: int = 100) -> list[Figure]:
    """One sale posted durably (WAL, synchronous=FULL), p50 and p99, checkpoints kept apart."""
    chosen = units(bench, "in_stock", 2 * (count + warm))
    catalogue = _catalogue(bench, {unit[0] for unit in chosen})
    services = bench.services
    customer, phone = CUSTOMER

    def ours(unit: tuple[int, str, str, int]) -> Callable[[], object]:
        cmd = RecordSale((Item(unit[1], unit[2]),), customer, phone, payment=Payment.CASH)
        return lambda: selling.sell(cmd, services.uow(), services.ctx)

    def raw(unit: tuple[int, str, str, int]) -> Callable[[], object]:
        return lambda: _raw_sale(bench.raw, unit, catalogue[unit[0]])

    half = count + warm
    measured_calls = [ours(unit) for unit in chosen[:half]]
    raw_calls = [raw(unit) for unit in chosen[half:]]
    timing.batched(measured_calls[:warm], raw_calls[:warm], batch=25, between=bench.checkpoint)
    measured, base = timing.batched(
        measured_calls[warm:], raw_calls[warm:], batch=50, between=bench.checkpoint
    )
    bench.checkpoint()
    sold = bench.raw.execute(
        "SELECT COUNT(*) FROM serial_unit WHERE state = 'sold' AND sold_on = ?",
        (AS_OF.isoformat(),),
    ).fetchone()[0]
    assert sold == 2 * half, f"{sold} sales recorded, expected {2 * half}"
    return [
        relative(
            "sale, durable (p50)",
            timing.percentile(measured, 50) * 1e6,
            timing.percentile(base, 50) * 1e6,
            "µs",
            2.5,
        ),
        relative(
            "sale, durable (p99)",
            timing.percentile(measured, 99) * 1e6,
            timing.percentile(base, 99) * 1e6,
            "µs",
            2.5,
        ),
    ]


# --- 1,000-SN receipt -----------------------------------------------------------------------


def _raw_receipt(
    con: sqlite3.Connection, product_id: int, cost: int, serials: Sequence[str]
) -> None:
    """A receipt's rows written with executemany in one transaction."""
    at = BenchClock().now().isoformat()
    on = AS_OF.isoformat()
    supplier = "ТОВ «Мобіленд»"
    con.execute("BEGIN IMMEDIATE")
    try:
        (last,) = con.execute(
            "UPDATE counter SET last = last + 1 WHERE kind = 'receipt' RETURNING last"
        ).fetchone()
        number = f"RC-{last:06d}"
        (document,) = con.execute(
            "INSERT INTO document (number, kind, date, created_at, party, total, till, "
            "operator) VALUES (?, 'receipt', ?, ?, ?, ?, 'till-1', 'raw') RETURNING id",
            (number, on, at, supplier, cost * len(serials)),
        ).fetchone()
        (line,) = con.execute(
            "INSERT INTO document_line (document_id, position, product_id, quantity, "
            "unit_amount, cost) VALUES (?, 1, ?, ?, ?, 0) RETURNING id",
            (document, product_id, len(serials), cost),
        ).fetchone()
        con.executemany(
            "INSERT INTO movement (at, kind, document_id, line_id, product_id, serial, quantity, "
            "from_location, to_location, unit_cost, till, operator) "
            "VALUES (?, 'receipt', ?, ?, ?, ?, 1, 'supplier', 'store', ?, 'till-1', 'raw')",
            [(at, document, line, product_id, serial, cost) for serial in serials],
        )
        con.executemany(
            "INSERT INTO serial_unit (product_id, serial, state, location, cost, received_doc, "
            "received_on, supplier) VALUES (?, ?, 'in_stock', 'store', ?, ?, ?, ?)",
            [(product_id, serial, cost, number, on, supplier) for serial in serials],
        )
        con.execute(
            "UPDATE stock_level SET on_hand = on_hand + ? WHERE product_id = ?",
            (len(serials), product_id),
        )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def receipt_figures(bench: Workbench, count: int = 15, size: int = 1000) -> list[Figure]:
    """A 1,000-SN receipt through the service against raw executemany, checkpoint between."""
    sku = "ТЕЛ-01"
    product_id, cost = bench.raw.execute(
        "SELECT p.id, u.cost FROM product p JOIN serial_unit u ON u.product_id = p.id "
        "WHERE p.sku = ? LIMIT 1",
        (sku,),
    ).fetchone()
    batches = [
        [serial_of(PHONES, 0, 900_000 + (2 * k + side) * size + i) for i in range(size)]
        for k in range(count + 1)
        for side in (0, 1)
    ]
    services = bench.services

    def ours(serials: list[str]) -> Callable[[], object]:
        line = ReceiptLine(sku, len(serials), cost, tuple(serials))
        cmd = ReceiveStock("ТОВ «Мобіленд»", (line,), "ВН-БЕНЧ")
        return lambda: receiving.receive(cmd, services.uow(), services.ctx)

    def raw(serials: list[str]) -> Callable[[], object]:
        return lambda: _raw_receipt(bench.raw, product_id, cost, serials)

    measured_calls = [ours(batch) for batch in batches[0::2]]
    raw_calls = [raw(batch) for batch in batches[1::2]]
    timing.batched(measured_calls[:1], raw_calls[:1], batch=1, between=bench.checkpoint)
    measured, base = timing.batched(
        measured_calls[1:], raw_calls[1:], batch=1, between=bench.checkpoint
    )
    bench.checkpoint()
    return [
        relative(
            f"receipt of {size:,} SNs (median)",
            timing.median(measured) * 1e3,
            timing.median(base) * 1e3,
            "ms",
            3.0,
        )
    ]


# --- warranty report ------------------------------------------------------------------------

_RAW_PAGE = (
    "SELECT u.id, u.serial, p.sku, p.name, u.sold_on, u.sale_doc, u.customer, u.phone, "
    "u.price, u.warranty_end FROM serial_unit u JOIN product p ON p.id = u.product_id "
    "WHERE u.state = 'sold'{extra} ORDER BY u.sold_on DESC, u.id DESC LIMIT 51"
)


def _repeat(call: Callable[[], object], times: int) -> float:
    """The median seconds of ``times`` calls after one warm-up call."""
    call()
    return timing.median([timing.timed(call) for _ in range(times)])


def warranty_figures(bench: Workbench, times: int = 40) -> list[Figure]:
    """The warranty report's first page and count at full scale, each against raw SQL."""
    uow = bench.services.uow()
    raw = bench.raw
    today = AS_OF.isoformat()
    every = WarrantyFilter(as_of=AS_OF)
    active = WarrantyFilter(as_of=AS_OF, active=True)
    expired = WarrantyFilter(as_of=AS_OF, active=False)
    (sold,) = raw.execute("SELECT COUNT(*) FROM serial_unit WHERE state = 'sold'").fetchone()
    depth = min(50_000, sold // 2 // reports.PAGE_SIZE * reports.PAGE_SIZE)
    depth_on, depth_id = raw.execute(
        "SELECT sold_on, id FROM serial_unit WHERE state = 'sold' "
        "ORDER BY sold_on DESC, id DESC LIMIT 1 OFFSET ?",
        (depth - 1,),
    ).fetchone()
    cursor = (date.fromisoformat(depth_on), depth_id)
    cases: list[tuple[str, Callable[[], object], Callable[[], object], float]] = [
        (
            "warranty report, first page (all sold)",
            lambda: reports.warranty_page(uow, every),
            lambda: raw.execute(_RAW_PAGE.format(extra="")).fetchall(),
            5.0,
        ),
        (
            "warranty report, first page (expired only)",
            lambda: reports.warranty_page(uow, expired),
            lambda: raw.execute(
                _RAW_PAGE.format(extra=" AND u.warranty_end < ?"), (today,)
            ).fetchall(),
            5.0,
        ),
        (
            f"warranty report, page {depth // reports.PAGE_SIZE + 1:,} (keyset)",
            lambda: reports.warranty_page(uow, every, cursor),
            lambda: raw.execute(
                _RAW_PAGE.format(extra=" AND (u.sold_on, u.id) < (?, ?)"), (depth_on, depth_id)
            ).fetchall(),
            5.0,
        ),
        (
            "warranty report, count (all sold)",
            lambda: reports.warranty_count(uow, every),
            lambda: raw.execute("SELECT COUNT(*) FROM serial_unit WHERE state = 'sold'").fetchone(),
            50.0,
        ),
        (
            "warranty report, count (active only)",
            lambda: reports.warranty_count(uow, active),
            lambda: raw.execute(
                "SELECT COUNT(*) FROM serial_unit WHERE state = 'sold' AND warranty_end >= ?",
                (today,),
            ).fetchone(),
            50.0,
        ),
    ]
    figures = []
    for name, ours, baseline, bound in cases:
        value = _repeat(ours, times) * 1e3
        figures.append(absolute(name, value, _repeat(baseline, times) * 1e3, "ms", bound))
    return figures


# --- count sheet ---------------------------------------------------------------------------


def _raw_compare(con: sqlite3.Connection, sheet_id: int) -> dict[int, tuple[list[str], list[str]]]:
    """The same comparison written by hand: per product, sorted surplus and shortage."""
    found: dict[int, set[str]] = {}
    for product_id, serial in con.execute(
        "SELECT product_id, serial FROM count_scan WHERE sheet_id = ? AND serial IS NOT NULL "
        "AND kind IN ('expected', 'sold', 'elsewhere', 'unexpected')",
        (sheet_id,),
    ):
        found.setdefault(product_id, set()).add(serial)
    products = [
        p
        for (p,) in con.execute(
            "SELECT product_id FROM count_product WHERE sheet_id = ?", (sheet_id,)
        )
    ]
    result = {}
    for product_id in products:
        expected = {
            serial
            for (serial,) in con.execute(
                "SELECT serial FROM count_expected WHERE sheet_id = ? AND product_id = ? "
                "AND serial IS NOT NULL",
                (sheet_id, product_id),
            )
        }
        seen = found.get(product_id, set())
        result[product_id] = (sorted(seen - expected), sorted(expected - seen))
    return result


def count_sheet_figures(bench: Workbench, scans: int = 100_000, times: int = 5) -> list[Figure]:
    """A count sheet over the whole stock with 100,000 scans, compared (count_sheets.view)."""
    services = bench.services
    (shop_units,) = bench.raw.execute("SELECT COUNT(*) FROM serial_unit").fetchone()
    scans = min(scans, shop_units // 10)
    present = [serial for _, _, serial, _ in units(bench, "in_stock", scans * 95 // 100)]
    sold = [serial for _, _, serial, _ in units(bench, "sold", scans * 25 // 1000)]
    unknown = [f"UNKNOWN-{n:07d}" for n in range(scans - len(present) - len(sold))]
    scanned = present + sold + unknown
    bench.rng.shuffle(scanned)
    sheet = counting.open_sheet(services.uow(), services.ctx, counting.CountScope())
    for start in range(0, len(scanned), 1000):
        counting.scan(services.uow(), services.ctx, sheet.number, scanned[start : start + 1000])
    (sheet_id,) = bench.raw.execute(
        "SELECT id FROM count_sheet WHERE number = ?", (sheet.number,)
    ).fetchone()
    bench.checkpoint()
    view = count_sheets.view(services.uow(), sheet.number)
    assert view.total_shortage == sheet.expected_units - len(present), view.total_shortage
    assert view.total_surplus == len(sold), view.total_surplus
    del view
    value = _repeat(lambda: count_sheets.view(services.uow(), sheet.number), times)
    base = _repeat(lambda: _raw_compare(bench.raw, sheet_id), times)
    return [
        absolute(
            f"count sheet compared: {len(scanned):,} scans vs {sheet.expected_units:,} "
            "expected (count_sheets.view)",
            value * 1e3,
            base * 1e3,
            "ms",
            1000.0,
        )
    ]
