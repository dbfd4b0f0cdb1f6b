"""A demo shop: types in all three modes, products, stock and past sales."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.commands import Item, ReceiptLine, ReceiveStock, RecordSale
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.serial_rules import luhn_valid
from core.domain.warranty import WarrantyPeriod
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services import catalogue, receiving, selling
from core.services.catalogue import NewProduct

_TYPES = [
    TypeSettings("Телефони", TrackingMode.STRICT, WarrantyPeriod(months=12), sn_check="imei"),
    TypeSettings(
        "Інструмент", TrackingMode.STRICT, WarrantyPeriod(months=24), sn_pattern=r"[A-Z0-9-]{6,20}"
    ),
    TypeSettings("Інструмент/Акумуляторний"),
    TypeSettings("Велосипеди", TrackingMode.SOFT, WarrantyPeriod(months=12)),
    TypeSettings("Аксесуари", TrackingMode.NONE, WarrantyPeriod(days=14)),
]

_PRODUCTS = [
    NewProduct(
        "GAL-A15", "Смартфон Samsung Galaxy A15 128 ГБ", "Телефони", 699900, ("8806095300001",)
    ),
    NewProduct(
        "RN13", "Смартфон Xiaomi Redmi Note 13 256 ГБ", "Телефони", 899900, ("6941812700002",)
    ),
    NewProduct("GSB13", "Дриль ударний Bosch GSB 13 RE", "Інструмент", 289900, ("3165140000003",)),
    NewProduct(
        "DGA504",
        "Шліфмашина Makita DGA504 18 В",
        "Інструмент/Акумуляторний",
        749900,
        ("0088381000004",),
        WarrantyPeriod(months=36),
    ),
    NewProduct("CROSS26", 'Велосипед Cross Hunter 26"', "Велосипеди", 1249900, ("4820000000015",)),
    NewProduct("USBC1", "Кабель USB-C — USB-C 1 м", "Аксесуари", 19900, ("4820000000022",)),
    NewProduct("GLASS15", "Захисне скло для Galaxy A15", "Аксесуари", 24900, ("4820000000039",)),
]


def imei(body: str) -> str:
    """A valid IMEI from 14 digits, with its Luhn check digit appended."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


@dataclass(frozen=True)
class DemoBuilt:
    """What the demo put in the database."""

    documents: int
    units: int


def _serials(prefix: str, count: int, start: int) -> list[str]:
    if prefix == "imei":
        return [imei(f"35{start + i:012d}") for i in range(count)]
    return [f"{prefix}{start + i:06d}" for i in range(count)]


def build_demo(uow: UnitOfWork, ctx: Context, today: date) -> DemoBuilt:
    """Fill an empty database with a shop's worth of history ending today, in one transaction."""
    with uow:
        return _fill(uow, ctx, today)


def _fill(uow: UnitOfWork, ctx: Context, today: date) -> DemoBuilt:
    for node in _TYPES:
        catalogue.set_type(uow, node)
    catalogue.add_products(uow, _PRODUCTS)
    long_ago = today - timedelta(days=800)
    plan = [
        ("GAL-A15", "imei", 8, 100, 520000),
        ("RN13", "imei", 6, 200, 690000),
        ("GSB13", "BSH-GSB-", 5, 1, 210000),
        ("DGA504", "MKT-DGA-", 3, 1, 560000),
        ("CROSS26", "CRS", 4, 1, 900000),
    ]
    lines = [
        ReceiptLine(code, count, cost, tuple(_serials(prefix, count, start)))
        for code, prefix, count, start, cost in plan
    ]
    lines += [ReceiptLine("USBC1", 50, 8000), ReceiptLine("GLASS15", 40, 9000)]
    receiving.receive(ReceiveStock("ТОВ «Мобіленд»", tuple(lines), "ВН-1024", long_ago), uow, ctx)
    sales = [
        (
            long_ago + timedelta(days=5),
            "Іван Петренко",
            "+380501112233",
            [Item("GAL-A15", _serials("imei", 1, 100)[0]), Item("GLASS15")],
        ),
        (
            long_ago + timedelta(days=40),
            "Оксана Ковальчук",
            "+380672223344",
            [Item("GSB13", "BSH-GSB-000001")],
        ),
        (
            today - timedelta(days=200),
            "Марія Шевченко",
            "+380633334455",
            [Item("RN13", _serials("imei", 1, 200)[0]), Item("USBC1", quantity=2)],
        ),
        (
            today - timedelta(days=30),
            "Андрій Бондар",
            None,
            [Item("DGA504", "MKT-DGA-000001"), Item("CROSS26", "CRS000001")],
        ),
        (today - timedelta(days=3), None, None, [Item("GAL-A15", _serials("imei", 1, 101)[0])]),
    ]
    for on, customer, phone, items in sales:
        selling.sell(RecordSale(tuple(items), customer, phone, on), uow, ctx)
    return DemoBuilt(documents=1 + len(sales), units=sum(p[2] for p in plan))


def is_empty(uow: UnitOfWork) -> bool:
    """True when the database has no products yet."""
    return bool(uow.sql.scalar("SELECT COUNT(*) FROM product") == 0)
