"""Read models for the reports: keyset-paged queries over the serial_unit projection."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.domain.movements import Location
from core.domain.units import UnitState
from core.domain.warranty import days_left, is_active
from core.persistence.db import Sql, as_date, like_pattern
from core.reports import Page, StockFilter, StockRow, WarrantyFilter, WarrantyRow

_FROM = (
    "FROM serial_unit u JOIN product p ON p.id = u.product_id "
    "JOIN product_type t ON t.id = p.type_id"
)


def _type_clause(path: str | None, where: list[str], params: list[Any]) -> None:
    if path:
        where.append(
            "u.product_id IN (SELECT tp.id FROM product tp JOIN product_type tt "
            "ON tt.id = tp.type_id WHERE tt.path = ? OR tt.path LIKE ? ESCAPE '!')"
        )
        params.extend([path, like_pattern(f"{path}/", prefix=True)])


def _product_clause(code: str | None, where: list[str], params: list[Any]) -> None:
    if code:
        where.append(
            "u.product_id IN (SELECT id FROM product WHERE sku = ? "
            "UNION SELECT product_id FROM barcode WHERE code = ?)"
        )
        params.extend([code, code])


class ReportRepository:
    """Pages of the warranty stock and warranty tracking reports, and their counts.

    Every filter is a condition on serial_unit alone (products and types are reached through
    ``product_id IN (…)``), so a count reads one covering index and never joins a million
    rows to their products; only the page, fifty rows, joins them for their names. Pages
    continue after the last row with a row-value comparison, which the index can seek to."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def _stock_where(self, flt: StockFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = ["u.location = ?"]
        params: list[Any] = [Location.STORE.value]
        _type_clause(flt.type_path, where, params)
        _product_clause(flt.product_code, where, params)
        if flt.site is not None:
            where.append("u.site = ?")
            params.append(flt.site)
        if flt.search:
            where.append(
                "(u.serial LIKE ? ESCAPE '!' OR u.product_id IN (SELECT id FROM product "
                "WHERE LOWER(sku) LIKE ? ESCAPE '!' OR LOWER(name) LIKE ? ESCAPE '!'))"
            )
            text = like_pattern(flt.search.strip().lower())
            params.extend([like_pattern(flt.search.strip().upper()), text, text])
        return where, params

    def stock_page(self, flt: StockFilter, after: tuple | None, limit: int) -> Page[StockRow]:
        """Units in stock, newest first, ``limit`` at a time after the cursor."""
        where, params = self._stock_where(flt)
        if after is not None:
            where.append("u.id < ?")
            params.append(after[0])
        rows = self.sql.rows(
            "SELECT u.id, u.serial, p.sku, p.name, t.path, u.cost, u.received_on, "
            f"u.received_doc, u.supplier, u.site {_FROM} WHERE {' AND '.join(where)} "
            "ORDER BY u.id DESC LIMIT ?",
            (*params, limit + 1),
        )
        items = tuple(
            StockRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), as_date(r[6]), r[7], r[8], r[9])
            for r in rows[:limit]
        )
        cursor = (items[-1].id,) if len(rows) > limit else None
        return Page(items, cursor)

    def stock_count(self, flt: StockFilter) -> int:
        """How many units in stock match."""
        where, params = self._stock_where(flt)
        return _count(self.sql, where, params)

    def _warranty_where(self, flt: WarrantyFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = ["u.state = ?"]
        params: list[Any] = ["sold"]
        _type_clause(flt.type_path, where, params)
        _product_clause(flt.product_code, where, params)
        if flt.site is not None:
            where.append("u.site = ?")
            params.append(flt.site)
        if flt.till is not None:
            where.append("u.sale_doc IN (SELECT number FROM document WHERE till = ?)")
            params.append(flt.till)
        if flt.customer:
            where.append("LOWER(u.customer) LIKE ? ESCAPE '!'")
            params.append(like_pattern(flt.customer.strip().lower()))
        if flt.phone:
            where.append("u.phone LIKE ? ESCAPE '!'")
            params.append(like_pattern(flt.phone.strip()))
        if flt.sold_from:
            where.append("u.sold_on >= ?")
            params.append(flt.sold_from)
        if flt.sold_to:
            where.append("u.sold_on <= ?")
            params.append(flt.sold_to)
        if flt.active is True:
            where.append("u.warranty_end >= ?")
            params.append(flt.as_of)
        elif flt.active is False:
            where.append("u.warranty_end < ?")
            params.append(flt.as_of)
        return where, params

    def warranty_page(
        self, flt: WarrantyFilter, after: tuple | None, limit: int
    ) -> Page[WarrantyRow]:
        """Sold units, latest sale first, ``limit`` at a time after the cursor."""
        where, params = self._warranty_where(flt)
        if after is not None:
            where.append("(u.sold_on, u.id) < (?, ?)")
            params.extend([after[0], after[1]])
        rows = self.sql.rows(
            "SELECT u.id, u.serial, p.sku, p.name, u.sold_on, u.sale_doc, u.customer, u.phone, "
            f"u.price, u.warranty_end {_FROM} WHERE {' AND '.join(where)} "
            "ORDER BY u.sold_on DESC, u.id DESC LIMIT ?",
            (*params, limit + 1),
        )
        items = tuple(self._warranty_row(r, flt.as_of) for r in rows[:limit])
        cursor = (items[-1].sold_on, items[-1].id) if len(rows) > limit else None
        return Page(items, cursor)

    @staticmethod
    def _warranty_row(r: tuple, as_of: date) -> WarrantyRow:
        end = as_date(r[9])
        return WarrantyRow(
            id=r[0],
            serial=r[1],
            sku=r[2],
            name=r[3],
            sold_on=as_date(r[4]),
            sale_doc=r[5],
            customer=r[6],
            phone=r[7],
            price=None if r[8] is None else int(r[8]),
            warranty_end=end,
            days_left=days_left(end, as_of),
            active=is_active(end, as_of),
        )

    def warranty_count(self, flt: WarrantyFilter) -> int:
        """How many sold units match."""
        where, params = self._warranty_where(flt)
        return _count(self.sql, where, params)

    def quantities(
        self, type_path: str | None, product_code: str | None, site: str | None = None
    ) -> list[tuple[str, str, str, int, int, int, int, int]]:
        """Per product with goods in the store (at one location, or at all): SKU, name, type
        path, price, quantity on hand, FIFO value left, serial units in the store and their
        cost."""
        where: list[str] = []
        params: list[Any] = []
        if type_path:
            where.append("(t.path = ? OR t.path LIKE ? ESCAPE '!')")
            params.extend([type_path, like_pattern(f"{type_path}/", prefix=True)])
        if product_code:
            where.append(
                "p.id IN (SELECT id FROM product WHERE sku = ? "
                "UNION SELECT product_id FROM barcode WHERE code = ?)"
            )
            params.extend([product_code, product_code])
        where.append("(COALESCE(s.on_hand, 0) <> 0 OR COALESCE(u.units, 0) <> 0)")
        at = "" if site is None else " AND site = ?"
        sites = [] if site is None else [site]
        rows = self.sql.rows(
            "SELECT p.sku, p.name, t.path, p.price, COALESCE(s.on_hand, 0), "
            "COALESCE(l.value, 0), COALESCE(u.units, 0), COALESCE(u.cost, 0) "
            "FROM product p JOIN product_type t ON t.id = p.type_id "
            "LEFT JOIN (SELECT product_id, SUM(on_hand) AS on_hand FROM stock_level "
            f"WHERE 1 = 1{at} GROUP BY product_id) s ON s.product_id = p.id "
            "LEFT JOIN (SELECT product_id, SUM(remaining * unit_cost) AS value FROM cost_layer "
            f"WHERE remaining > 0{at} GROUP BY product_id) l ON l.product_id = p.id "
            "LEFT JOIN (SELECT product_id, COUNT(*) AS units, SUM(cost) AS cost "
            f"FROM serial_unit WHERE state = ?{at} GROUP BY product_id) u "
            "ON u.product_id = p.id "
            f"WHERE {' AND '.join(where)} ORDER BY t.path, p.name, p.sku",
            (*sites, *sites, UnitState.IN_STOCK.value, *sites, *params),
        )
        return [(r[0], r[1], r[2], int(r[3]), *(int(v) for v in r[4:8])) for r in rows]


def _count(sql: Sql, where: list[str], params: list[Any]) -> int:
    """How many units match conditions on serial_unit alone."""
    return int(
        sql.scalar(f"SELECT COUNT(*) FROM serial_unit u WHERE {' AND '.join(where)}", params)
    )
