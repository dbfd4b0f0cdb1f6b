"""`till report quantities`: every product in stock with its quantity and value, per type."""

from __future__ import annotations

import argparse
import sys

from bootstrap.services import Services
from cli.output import money, print_json, table, write_csv
from core.reports import QuantityReport, QuantityTotal
from core.services import reports

PRODUCT_HEADERS = (
    "sku",
    "name",
    "type",
    "tracking",
    "quantity",
    "value_at_cost",
    "price",
    "value_at_price",
)
TOTAL_HEADERS = ("type", "products", "quantity", "value_at_cost", "value_at_price")


def quantities(args: argparse.Namespace, services: Services) -> int:
    """The report as a table (products, then per type, then the shop), CSV or JSON."""
    found = reports.quantities(services.uow(), args.type, args.product)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        print_json(_json(found))
    elif fmt == "csv":
        write_csv(("row", *PRODUCT_HEADERS), _csv_rows(found))
    else:
        table(PRODUCT_HEADERS, _product_rows(found))
        print()
        table(TOTAL_HEADERS, [_total_row(t) for t in (*found.types, found.total)])
        print(f"{len(found.rows)} products", file=sys.stderr)
    return 0


def _product_rows(found: QuantityReport) -> list[tuple[object, ...]]:
    return [
        (
            r.sku,
            r.name,
            r.type_path,
            r.tracking,
            r.quantity,
            money(r.cost_value),
            money(r.price),
            money(r.price_value),
        )
        for r in found.rows
    ]


def _total_row(total: QuantityTotal) -> tuple[object, ...]:
    return (
        total.type_path or "all goods",
        total.products,
        total.quantity,
        money(total.cost_value),
        money(total.price_value),
    )


def _csv_rows(found: QuantityReport) -> list[tuple[object, ...]]:
    """Product rows, then one row per type and one for the shop (``row`` says which)."""
    rows: list[tuple[object, ...]] = [("product", *row) for row in _product_rows(found)]
    for total in (*found.types, found.total):
        path, _products, quantity, cost, price = _total_row(total)
        kind = "type" if total.type_path else "total"
        rows.append((kind, "", "", path, "", quantity, cost, "", price))
    return rows


def _json(found: QuantityReport) -> dict[str, object]:
    return {
        "products": [dict(zip(PRODUCT_HEADERS, row, strict=True)) for row in _product_rows(found)],
        "types": [dict(zip(TOTAL_HEADERS, _total_row(t), strict=True)) for t in found.types],
        "total": dict(zip(TOTAL_HEADERS[1:], _total_row(found.total)[1:], strict=True)),
    }
