"""A deterministic shop history at any scale, written with bulk SQL and cached under bench/data/.

The catalogue goes through the services; the ledger (receipts, sales, their movements) and
the projections it implies are computed in Python in chronological order and bulk-inserted
in one transaction with the secondary indexes dropped, which are then rebuilt and analysed.
The projections equal the fold of the movements (``tests/unit/test_bench_generator.py``).
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.warranty import WarrantyPeriod
from core.persistence.db import Sql, open_database
from core.persistence.schema import SCHEMA_VERSION, create_schema
from core.persistence.unit_of_work import UnitOfWork
from core.services import catalogue
from core.services.catalogue import NewProduct

GENERATOR_VERSION = 1
"""Raise it whenever the generated data changes: the cache file name carries it."""

DATA_DIR = Path(__file__).resolve().parent / "data"
AS_OF = date(2026, 3, 2)
"""The benchmark's today: the history ends the day before."""
HISTORY_DAYS = 3 * 365
TILLS = ("till-1", "till-2", "till-3")
OPERATORS = ("olena", "taras", "iryna", "bohdan")
SUPPLIERS = ("ТОВ «Мобіленд»", "ТОВ «Діджитал Дистрибуція»", "ТОВ «Інструмент-Опт»")
FIRST_NAMES = ("Іван", "Оксана", "Марія", "Андрій", "Олег", "Наталія", "Юрій", "Софія", "Дмитро")
LAST_NAMES = ("Петренко", "Коваль", "Шевченко", "Бондар", "Ткаченко", "Мельник", "Кравчук")


@dataclass(frozen=True)
class Scale:
    """How much history to generate."""

    units: int = 1_000_000
    """Tracked serial units, all received (one receipt movement each)."""
    sales: int = 100_000
    """Sale documents, each selling one tracked unit with its warranty."""
    movements: int = 2_000_000
    """Total ledger lines; the rest are accessories (untracked) received and sold by quantity."""
    receipt_size: int = 1000
    """Serial numbers on each receipt of tracked goods."""
    seed: int = 6

    @property
    def label(self) -> str:
        """A short name of the scale for file names and headings."""
        return f"{self.units}u-{self.movements}m-{self.sales}s-{self.receipt_size}r-{self.seed}"


FULL = Scale()


@dataclass(frozen=True)
class TrackedKind:
    """A family of tracked products: its type, warranty and serial-number format."""

    type_path: str
    settings: TypeSettings
    products: int
    share: int
    cost_range: tuple[int, int]


PHONES = "Телефони"
LAPTOPS = "Ноутбуки"
TOOLS = "Інструмент"
ACCESSORIES = "Аксесуари"
ACCESSORY_COUNT = 18

KINDS = (
    TrackedKind(
        PHONES,
        TypeSettings(PHONES, TrackingMode.STRICT, WarrantyPeriod(months=12), sn_check="imei"),
        8,
        6,
        (450_000, 3_500_000),
    ),
    TrackedKind(
        LAPTOPS,
        TypeSettings(
            LAPTOPS, TrackingMode.STRICT, WarrantyPeriod(months=24), sn_pattern=r"[A-Z0-9]{8,14}"
        ),
        4,
        2,
        (1_500_000, 6_000_000),
    ),
    TrackedKind(
        TOOLS,
        TypeSettings(
            TOOLS, TrackingMode.STRICT, WarrantyPeriod(months=36), sn_pattern=r"[A-Z0-9-]{6,20}"
        ),
        4,
        2,
        (150_000, 1_200_000),
    ),
)


def luhn_digit(body: str) -> str:
    """The Luhn check digit that completes ``body``."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str((10 - total % 10) % 10)


def ean13(body: str) -> str:
    """A valid EAN-13 from 12 digits."""
    weighted = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - weighted % 10) % 10)


def serial_of(kind: str, product_index: int, number: int) -> str:
    """The serial number ``number`` of a tracked product, valid under its type's rule."""
    if kind == PHONES:
        body = f"35{210000 + product_index * 1000:06d}{number:06d}"
        return body + luhn_digit(body)
    if kind == LAPTOPS:
        return f"5CD{chr(65 + product_index)}{number:07d}"
    return f"T{product_index:02d}-{number:07d}"


@dataclass(frozen=True)
class CatalogueProduct:
    """A product of the generated catalogue with what the generator needs of it."""

    sku: str
    kind: str
    index: int
    cost: int
    price: int
    warranty: WarrantyPeriod


def catalogue_plan() -> list[CatalogueProduct]:
    """The generated catalogue, tracked products first, then accessories."""
    rng = random.Random(1)
    plan: list[CatalogueProduct] = []
    for kind in KINDS:
        assert kind.settings.warranty is not None
        for index in range(kind.products):
            cost = rng.randrange(*kind.cost_range, 100)
            sku = f"{kind.type_path[:3].upper()}-{index + 1:02d}"
            plan.append(
                CatalogueProduct(
                    sku, kind.type_path, index, cost, cost * 5 // 4, kind.settings.warranty
                )
            )
    for index in range(ACCESSORY_COUNT):
        cost = rng.randrange(3_000, 60_000, 100)
        plan.append(
            CatalogueProduct(
                f"ACC-{index + 1:02d}", ACCESSORIES, index, cost, cost * 2, WarrantyPeriod(days=14)
            )
        )
    return plan


def _new_products(plan: list[CatalogueProduct]) -> list[NewProduct]:
    names = {PHONES: "Смартфон", LAPTOPS: "Ноутбук", TOOLS: "Інструмент", ACCESSORIES: "Аксесуар"}
    return [
        NewProduct(
            p.sku,
            f"{names[p.kind]} модель {p.index + 1}",
            p.kind,
            p.price,
            (ean13(f"48200{number:07d}"),),
        )
        for number, p in enumerate(plan, start=1)
    ]


def schema_digest() -> str:
    """A short hash of the schema the product creates, so a schema change rebuilds the cache."""
    db = open_database(":memory:")
    create_schema(db)
    rows = Sql(db).rows("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
    ddl = "\n".join(str(sql) for (sql,) in rows)
    db.close()
    return hashlib.sha256(f"{SCHEMA_VERSION}\n{ddl}".encode()).hexdigest()[:8]


def cache_path(scale: Scale = FULL, folder: Path = DATA_DIR) -> Path:
    """Where the database of this scale, generator version and schema is cached."""
    return folder / f"shop-g{GENERATOR_VERSION}-{schema_digest()}-{scale.label}.sqlite3"


def ensure(scale: Scale = FULL, folder: Path = DATA_DIR, *, log: bool = True) -> Path:
    """The cached database of this scale, generated first if it is missing."""
    path = cache_path(scale, folder)
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("shop-g*.sqlite3*"):
        stale.unlink()
    started = time.perf_counter()
    generate(path, scale)
    if log:
        print(f"generated {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def generate(path: Path, scale: Scale) -> None:
    """Write the history of ``scale`` to a new database at ``path`` (atomically)."""
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_database(str(partial))
    create_schema(db)
    plan = catalogue_plan()
    uow = UnitOfWork(db)
    for kind in KINDS:
        catalogue.set_type(uow, kind.settings)
    catalogue.set_type(uow, TypeSettings(ACCESSORIES, TrackingMode.NONE, WarrantyPeriod(days=14)))
    catalogue.add_products(uow, _new_products(plan))
    db.close()
    con = sqlite3.connect(partial, isolation_level=None)
    try:
        _bulk(con, plan, scale)
    finally:
        con.close()
    os.replace(partial, path)


def _bulk(con: sqlite3.Connection, plan: list[CatalogueProduct], scale: Scale) -> None:
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    con.execute("PRAGMA temp_store=MEMORY")
    ids = dict(con.execute("SELECT sku, id FROM product").fetchall())
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    con.execute("BEGIN")
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    _History(con, plan, ids, scale).write()
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")


_MOVEMENT = (
    "INSERT INTO movement (id, at, kind, document_id, line_id, origin_id, product_id, serial, "
    "quantity, from_location, to_location, unit_cost, unit_price, layer_id, warranty_end, note, "
    "till, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_DOCUMENT = (
    "INSERT INTO document (id, number, kind, date, created_at, party, phone, external_number, "
    "reason, ref_id, payment, total, till, operator) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)"
)
_LINE = (
    "INSERT INTO document_line (id, document_id, position, product_id, quantity, unit_amount, "
    "cost) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class _History:
    """Walks the shop's days in order, posting receipts and sales as bulk rows."""

    def __init__(
        self,
        con: sqlite3.Connection,
        plan: list[CatalogueProduct],
        ids: dict[str, int],
        scale: Scale,
    ) -> None:
        self.con, self.scale = con, scale
        self.rng = random.Random(scale.seed)
        self.tracked = [p for p in plan if p.kind != ACCESSORIES]
        self.accessories = [p for p in plan if p.kind == ACCESSORIES]
        self.ids = ids
        shares = {kind.type_path: kind.share / kind.products for kind in KINDS}
        self.weights = [shares[p.kind] for p in self.tracked]
        self.receipts = -(-scale.units // scale.receipt_size)
        self.accessory_receipts = max(2, self.receipts // 40)
        receipt_lines = self.accessory_receipts * len(self.accessories)
        self.accessory_sale_lines = scale.movements - scale.units - receipt_lines - scale.sales
        if not 0 <= self.accessory_sale_lines <= scale.sales * len(self.accessories):
            raise ValueError(f"{scale} cannot hold its movements with {len(plan)} products")
        demand = self.accessory_sale_lines / len(self.accessories)
        self.layer_size = max(10, int(2.5 * demand / self.accessory_receipts) + 1)
        self.doc_id = self.line_id = self.move_id = 0
        self.numbers = {"receipt": 0, "sale": 0}
        self.next_serial = [0] * len(self.tracked)
        self.unit_serial: list[str] = []
        self.unit_product = array("H")
        self.unit_cost = array("q")
        self.unit_receipt = array("I")
        self.receipt_docs: list[tuple[str, str, str]] = []
        self.sold: dict[int, tuple[str, str, str | None, str | None, int, str]] = {}
        self.pool: list[int] = []
        self.layers: dict[int, list[list[int]]] = {i: [] for i in range(len(self.accessories))}
        self.all_layers: list[list[int]] = []
        self.on_hand = [0] * (len(self.tracked) + len(self.accessories))
        self.movements: list[tuple[object, ...]] = []
        self.documents: list[tuple[object, ...]] = []
        self.lines: list[tuple[object, ...]] = []

    def write(self) -> None:
        """Post the whole history, then the projections and counters."""
        start = AS_OF - timedelta(days=HISTORY_DAYS)
        receipt_days = _spread(self.receipts, HISTORY_DAYS)
        accessory_days = _spread(self.accessory_receipts, HISTORY_DAYS)
        sale_days = _spread(self.scale.sales, HISTORY_DAYS)
        base, extra = divmod(self.accessory_sale_lines, self.scale.sales)
        per_day = Counter(receipt_days + accessory_days + sale_days)
        r = a = s = 0
        for day in range(HISTORY_DAYS):
            on = start + timedelta(days=day)
            self._open_day(on, per_day[day])
            while a < len(accessory_days) and accessory_days[a] == day:
                self._accessory_receipt(on)
                a += 1
            while r < len(receipt_days) and receipt_days[r] == day:
                size = min(self.scale.receipt_size, self.scale.units - r * self.scale.receipt_size)
                self._receipt(on, size)
                r += 1
            while s < len(sale_days) and sale_days[s] == day:
                self._sale(on, base + (1 if s < extra else 0))
                s += 1
            self._flush(False)
        self._flush(True)
        self._projections()

    def _open_day(self, on: date, events: int) -> None:
        self.day_start = datetime(on.year, on.month, on.day, 7, tzinfo=UTC)
        self.spacing = max(1, 14 * 3600 // max(1, events))
        self.event = 0

    def _at(self) -> str:
        """The time of the day's next event: events keep their order within the day."""
        offset = self.event * self.spacing + self.rng.randrange(self.spacing)
        self.event += 1
        return (self.day_start + timedelta(seconds=offset)).isoformat()

    def _document(
        self, kind: str, on: date, at: str, party: str | None, phone: str | None, total: int
    ) -> tuple[int, str]:
        self.doc_id += 1
        self.numbers[kind] += 1
        number = f"{'RC' if kind == 'receipt' else 'SL'}-{self.numbers[kind]:06d}"
        external = f"ВН-{self.numbers[kind]:05d}" if kind == "receipt" else None
        payment = None if kind == "receipt" else self.rng.choice(("cash", "card"))
        till = self.rng.choice(TILLS)
        self.documents.append(
            (
                self.doc_id,
                number,
                kind,
                on.isoformat(),
                at,
                party,
                phone,
                external,
                payment,
                total,
                till,
                self.rng.choice(OPERATORS),
            )
        )
        return self.doc_id, number

    def _line(
        self, doc: int, position: int, product: int, quantity: int, amount: int, cost: int
    ) -> int:
        self.line_id += 1
        self.lines.append((self.line_id, doc, position, product, quantity, amount, cost))
        return self.line_id

    def _move(self, row: tuple[object, ...]) -> None:
        self.move_id += 1
        self.movements.append((self.move_id, *row))

    def _receipt(self, on: date, size: int) -> None:
        index = self.rng.choices(range(len(self.tracked)), self.weights)[0]
        product = self.tracked[index]
        supplier = (
            SUPPLIERS[0] if product.kind == PHONES else SUPPLIERS[1 + (product.kind == TOOLS)]
        )
        at = self._at()
        doc, number = self._document("receipt", on, at, supplier, None, product.cost * size)
        pid = self.ids[product.sku]
        line = self._line(doc, 1, pid, size, product.cost, 0)
        self.receipt_docs.append((number, on.isoformat(), supplier))
        receipt = len(self.receipt_docs) - 1
        till, operator = self.documents[-1][-2], self.documents[-1][-1]
        for _ in range(size):
            serial = serial_of(product.kind, product.index, self.next_serial[index])
            self.next_serial[index] += 1
            uid = len(self.unit_serial)
            self.unit_serial.append(serial)
            self.unit_product.append(index)
            self.unit_cost.append(product.cost)
            self.unit_receipt.append(receipt)
            self.pool.append(uid)
            self._move(
                (
                    at,
                    "receipt",
                    doc,
                    line,
                    None,
                    pid,
                    serial,
                    1,
                    "supplier",
                    "store",
                    product.cost,
                    None,
                    None,
                    None,
                    None,
                    till,
                    operator,
                )
            )
        self.on_hand[index] += size

    def _accessory_receipt(self, on: date) -> None:
        at = self._at()
        total = sum(p.cost * self.layer_size for p in self.accessories)
        doc, _number = self._document("receipt", on, at, SUPPLIERS[0], None, total)
        till, operator = self.documents[-1][-2], self.documents[-1][-1]
        for position, product in enumerate(self.accessories, start=1):
            pid = self.ids[product.sku]
            line = self._line(doc, position, pid, self.layer_size, product.cost, 0)
            layer = [line, pid, product.cost, self.layer_size]
            self.layers[position - 1].append(layer)
            self.all_layers.append(layer)
            self.on_hand[len(self.tracked) + position - 1] += self.layer_size
            self._move(
                (
                    at,
                    "receipt",
                    doc,
                    line,
                    None,
                    pid,
                    None,
                    self.layer_size,
                    "supplier",
                    "store",
                    product.cost,
                    None,
                    line,
                    None,
                    None,
                    till,
                    operator,
                )
            )

    def _customer(self) -> tuple[str | None, str | None]:
        if self.rng.random() < 0.3:
            return None, None
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        return name, f"+38067{self.rng.randrange(10**7):07d}"

    def _sale(self, on: date, accessory_lines: int) -> None:
        pick = self.rng.randrange(len(self.pool))
        uid = self.pool[pick]
        self.pool[pick] = self.pool[-1]
        self.pool.pop()
        index = self.unit_product[uid]
        product = self.tracked[index]
        chosen = self._accessories(accessory_lines)
        customer, phone = self._customer()
        total = product.price + sum(self.accessories[i].price for i in chosen)
        at = self._at()
        doc, number = self._document("sale", on, at, customer, phone, total)
        till, operator = self.documents[-1][-2], self.documents[-1][-1]
        pid = self.ids[product.sku]
        line = self._line(doc, 1, pid, 1, product.price, self.unit_cost[uid])
        end = product.warranty.end(on).isoformat()
        serial = self.unit_serial[uid]
        self._move(
            (
                at,
                "sale",
                doc,
                line,
                None,
                pid,
                serial,
                1,
                "store",
                "customer",
                self.unit_cost[uid],
                product.price,
                None,
                end,
                None,
                till,
                operator,
            )
        )
        self.sold[uid] = (number, on.isoformat(), customer, phone, product.price, end)
        self.on_hand[index] -= 1
        for position, accessory in enumerate(chosen, start=2):
            layer = self._draw(accessory)
            item = self.accessories[accessory]
            line = self._line(doc, position, layer[1], 1, item.price, layer[2])
            self._move(
                (
                    at,
                    "sale",
                    doc,
                    line,
                    None,
                    layer[1],
                    None,
                    1,
                    "store",
                    "customer",
                    layer[2],
                    item.price,
                    layer[0],
                    None,
                    None,
                    till,
                    operator,
                )
            )
            self.on_hand[len(self.tracked) + accessory] -= 1

    def _accessories(self, count: int) -> list[int]:
        available = [i for i, layers in self.layers.items() if layers]
        if len(available) < count:
            raise ValueError("the accessories ran out: raise the layer size")
        return self.rng.sample(available, count)

    def _draw(self, accessory: int) -> list[int]:
        layers = self.layers[accessory]
        layer = layers[0]
        layer[3] -= 1
        if layer[3] == 0:
            layers.pop(0)
        return layer

    def _flush(self, force: bool) -> None:
        if force or len(self.movements) >= 200_000:
            self.con.executemany(_DOCUMENT, self.documents)
            self.con.executemany(_LINE, self.lines)
            self.con.executemany(_MOVEMENT, self.movements)
            self.documents, self.lines, self.movements = [], [], []

    def _projections(self) -> None:
        self.con.executemany(
            "INSERT INTO serial_unit (id, product_id, serial, state, location, cost, "
            "received_doc, received_on, supplier, sale_doc, sold_on, customer, phone, price, "
            "warranty_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._units(),
        )
        products = self.tracked + self.accessories
        self.con.executemany(
            "INSERT INTO stock_level (product_id, on_hand) VALUES (?, ?)",
            [(self.ids[p.sku], qty) for p, qty in zip(products, self.on_hand, strict=True)],
        )
        self.con.executemany(
            "INSERT INTO cost_layer (line_id, product_id, unit_cost, remaining) "
            "VALUES (?, ?, ?, ?)",
            [tuple(layer) for layer in self.all_layers],
        )
        self.con.executemany(
            "INSERT INTO counter (kind, last) VALUES (?, ?)", list(self.numbers.items())
        )

    def _units(self) -> Iterator[tuple[object, ...]]:
        pids = [self.ids[p.sku] for p in self.tracked]
        for uid, serial in enumerate(self.unit_serial):
            received = self.receipt_docs[self.unit_receipt[uid]]
            head = (uid + 1, pids[self.unit_product[uid]], serial)
            sold = self.sold.get(uid)
            if sold is None:
                yield (
                    *head,
                    "in_stock",
                    "store",
                    self.unit_cost[uid],
                    *received,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            else:
                yield (*head, "sold", "customer", self.unit_cost[uid], *received, *sold)


def _spread(count: int, days: int) -> list[int]:
    """``count`` events spread evenly over ``days`` days, as day numbers in order."""
    return [i * days // count for i in range(count)]
