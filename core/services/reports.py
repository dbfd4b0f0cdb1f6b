"""The warranty stock and warranty tracking reports, a page at a time, and the quantities of
every product in stock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

from core.domain import limits
from core.domain.catalogue import TrackingMode
from core.domain.limits import TextLimit
from core.i18n import _
from core.persistence.catalogue_repo import ancestors
from core.persistence.unit_of_work import UnitOfWork
from core.reports import (
    PAGE_SIZE,
    Page,
    QuantityReport,
    QuantityRow,
    QuantityTotal,
    StockFilter,
    StockRow,
    WarrantyFilter,
    WarrantyRow,
)
from core.services.catalogue import clean_path

T = TypeVar("T")


def _clean_stock(flt: StockFilter) -> StockFilter:
    return StockFilter(
        type_path=clean_path(flt.type_path) if flt.type_path else None,
        search=limits.optional_text(_("Search"), flt.search, TextLimit.NAME),
        product_code=limits.optional_text(_("Product"), flt.product_code, TextLimit.CODE),
        site=flt.site,
    )


def _clean_warranty(flt: WarrantyFilter) -> WarrantyFilter:
    return replace(
        flt,
        type_path=clean_path(flt.type_path) if flt.type_path else None,
        product_code=limits.optional_text(_("Product"), flt.product_code, TextLimit.CODE),
        customer=limits.optional_text(_("Customer"), flt.customer, TextLimit.PARTY),
        phone=limits.optional_text(_("Phone"), flt.phone, TextLimit.PHONE),
    )


def stock_page(
    uow: UnitOfWork,
    flt: StockFilter,
    after: tuple[object, ...] | None = None,
    limit: int = PAGE_SIZE,
) -> Page[StockRow]:
    """One page of tracked units in stock, newest first."""
    return uow.reports.stock_page(_clean_stock(flt), after, limit)


def stock_count(uow: UnitOfWork, flt: StockFilter) -> int:
    """How many tracked units in stock match the filter."""
    return uow.reports.stock_count(_clean_stock(flt))


def warranty_page(
    uow: UnitOfWork,
    flt: WarrantyFilter,
    after: tuple[object, ...] | None = None,
    limit: int = PAGE_SIZE,
) -> Page[WarrantyRow]:
    """One page of sold units with their warranties, latest sale first."""
    return uow.reports.warranty_page(_clean_warranty(flt), after, limit)


def warranty_count(uow: UnitOfWork, flt: WarrantyFilter) -> int:
    """How many sold units match the filter."""
    return uow.reports.warranty_count(_clean_warranty(flt))


def all_stock(uow: UnitOfWork, flt: StockFilter, batch: int = 1000) -> Iterator[StockRow]:
    """Every matching unit in stock, fetched page by page (for exports)."""
    return every_page(lambda after: stock_page(uow, flt, after, batch))


def all_warranty(uow: UnitOfWork, flt: WarrantyFilter, batch: int = 1000) -> Iterator[WarrantyRow]:
    """Every matching sold unit, fetched page by page (for exports)."""
    return every_page(lambda after: warranty_page(uow, flt, after, batch))


def every_page(fetch: Callable[[tuple[object, ...] | None], Page[T]]) -> Iterator[T]:
    """The rows of every page, following the keyset cursor until the last page."""
    after: tuple[object, ...] | None = None
    while True:
        page = fetch(after)
        yield from page.rows
        if page.next_cursor is None:
            return
        after = page.next_cursor


def quantities(
    uow: UnitOfWork,
    type_path: str | None = None,
    product_code: str | None = None,
    site: str | None = None,
) -> QuantityReport:
    """Every product with goods in stock (at one location, or at all): quantity, value at
    cost and at today's price, with totals per type node (a type counts its sub-types) and
    for the whole shop."""
    path = clean_path(type_path) if type_path else None
    rows = []
    for sku, name, row_path, price, on_hand, fifo, units, unit_cost in uow.reports.quantities(
        path, (product_code or "").strip() or None, site
    ):
        tracking = uow.catalogue.policy(row_path).tracking
        strict = tracking is TrackingMode.STRICT
        quantity = units if strict else on_hand
        cost = unit_cost if strict else fifo
        rows.append(
            QuantityRow(
                sku, name, row_path, tracking.value, quantity, cost, price, quantity * price
            )
        )
    return QuantityReport(tuple(rows), _type_totals(rows), _total("", rows))


def _type_totals(rows: list[QuantityRow]) -> tuple[QuantityTotal, ...]:
    nodes = sorted({node for row in rows for node in ancestors(row.type_path)})
    return tuple(
        _total(node, [r for r in rows if r.type_path == node or r.type_path.startswith(f"{node}/")])
        for node in nodes
    )


def _total(path: str, rows: list[QuantityRow]) -> QuantityTotal:
    return QuantityTotal(
        path,
        len(rows),
        sum(r.quantity for r in rows),
        sum(r.cost_value for r in rows),
        sum(r.price_value for r in rows),
    )
