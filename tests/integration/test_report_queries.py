"""The report queries: filters on serial_unit alone, counts that agree, keyset pages in order."""

from __future__ import annotations

from datetime import date

from core.commands import Item, RecordSale
from core.reports import StockFilter, WarrantyFilter, WarrantyRow
from core.services import reports, selling
from tests.shop import PHONE_BARCODE, Shop

AS_OF = date(2026, 3, 2)


def _sold(shop: Shop) -> None:
    """Six phones and two bikes sold over two years, two of them on the same day."""
    shop.receive("PHONE", *(f"P{n}" for n in range(1, 9)), on=date(2023, 12, 1))
    shop.receive("BIKE", "B1", "B2", on=date(2023, 12, 1))
    sales = [
        ("P1", "PHONE", date(2024, 1, 10), "Олена Коваль"),
        ("P2", "PHONE", date(2024, 6, 1), "Іван Петренко"),
        ("B1", "BIKE", date(2024, 6, 1), "Олена Коваль"),
        ("P3", "PHONE", date(2025, 4, 2), None),
        ("P4", "PHONE", date(2025, 4, 2), "Оксана Бондар"),
        ("B2", "BIKE", date(2025, 9, 9), None),
        ("P5", "PHONE", date(2026, 1, 5), "Олена Коваль"),
        ("P6", "PHONE", date(2026, 2, 28), None),
    ]
    for serial, code, on, customer in sales:
        selling.sell(RecordSale((Item(code, serial),), customer, on=on), shop.uow, shop.ctx)


def _all_pages(shop: Shop, flt: WarrantyFilter, size: int) -> list[WarrantyRow]:
    rows: list[WarrantyRow] = []
    cursor = None
    while True:
        page = reports.warranty_page(shop.uow, flt, cursor, size)
        rows.extend(page.rows)
        if page.next_cursor is None:
            return rows
        cursor = page.next_cursor


def test_warranty_pages_walk_every_sold_unit_latest_sale_first(any_shop: Shop) -> None:
    """Pages of two continue after the last row, ties on a date broken by the newest unit."""
    _sold(any_shop)
    rows = _all_pages(any_shop, WarrantyFilter(as_of=AS_OF), 2)
    assert [r.serial for r in rows] == ["P6", "P5", "B2", "P4", "P3", "B1", "P2", "P1"]
    assert reports.warranty_count(any_shop.uow, WarrantyFilter(as_of=AS_OF)) == 8


def test_warranty_filters_count_exactly_what_the_pages_list(any_shop: Shop) -> None:
    """Type, product by SKU or barcode, customer, dates and active/expired, alone and together."""
    _sold(any_shop)
    filters = [
        WarrantyFilter(as_of=AS_OF, active=True),
        WarrantyFilter(as_of=AS_OF, active=False),
        WarrantyFilter(as_of=AS_OF, type_path="Electronics"),
        WarrantyFilter(as_of=AS_OF, type_path="Bikes", active=True),
        WarrantyFilter(as_of=AS_OF, product_code="PHONE", active=False),
        WarrantyFilter(as_of=AS_OF, product_code=PHONE_BARCODE),
        WarrantyFilter(as_of=AS_OF, customer="валь"),
        WarrantyFilter(as_of=AS_OF, sold_from=date(2024, 6, 1), sold_to=date(2025, 4, 2)),
    ]
    expected = [
        ["P6", "P5", "B2", "P4", "P3", "B1"],
        ["P2", "P1"],
        ["P6", "P5", "P4", "P3", "P2", "P1"],
        ["B2", "B1"],
        ["P2", "P1"],
        ["P6", "P5", "P4", "P3", "P2", "P1"],
        ["P5", "B1", "P1"],
        ["P4", "P3", "B1", "P2"],
    ]
    for flt, serials in zip(filters, expected, strict=True):
        assert [r.serial for r in _all_pages(any_shop, flt, 3)] == serials, flt
        assert reports.warranty_count(any_shop.uow, flt) == len(serials), flt


def test_stock_filters_count_exactly_what_the_pages_list(any_shop: Shop) -> None:
    """Search by SN, SKU or name, type and product code on the stock report."""
    _sold(any_shop)
    cases = [
        (StockFilter(), ["P8", "P7"]),
        (StockFilter(search="p7"), ["P7"]),
        (StockFilter(search="phone"), ["P8", "P7"]),
        (StockFilter(search="алакс"), ["P8", "P7"]),
        (StockFilter(type_path="Bikes"), []),
        (StockFilter(product_code=PHONE_BARCODE), ["P8", "P7"]),
    ]
    for flt, serials in cases:
        page = reports.stock_page(any_shop.uow, flt)
        assert [r.serial for r in page.rows] == serials, flt
        assert reports.stock_count(any_shop.uow, flt) == len(serials), flt


def test_search_text_is_taken_literally_not_as_sql_wildcards(any_shop: Shop) -> None:
    """``%`` and ``_`` in a search find those characters, never every unit."""
    any_shop.receive("PHONE", "P_1", "P%2", "PX3")
    found = {
        text: [r.serial for r in reports.stock_page(any_shop.uow, StockFilter(search=text)).rows]
        for text in ("%", "_", "P_", "!")
    }
    assert found == {"%": ["P%2"], "_": ["P_1"], "P_": ["P_1"], "!": []}
    assert reports.stock_count(any_shop.uow, StockFilter(search="%")) == 1
