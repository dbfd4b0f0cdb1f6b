"""`till report quantities`: every product in stock with its quantity and value, per type."""

from __future__ import annotations

import argparse
import sys

from bootstrap.services import Services
from cli.i18n import N_, _
from cli.output import money, print_json, table, write_csv
from core.reports import QuantityReport, QuantityTotal
from core.services import reports

PRODUCT_HEADERS = (
    N_("sku"),
    N_("name"),
    N_("type"),
    N_("tracking"),
    N_("quantity"),
    N_("value_at_cost"),
    N_("price"),
    N_("value_at_price"),
)
TOTAL_HEADERS = (
    N_("type"),
    N_("products"),
    N_("quantity"),
    N_("value_at_cost"),
    N_("value_at_price"),
)
ALL_GOODS = N_("all goods")
"""The shop's total row, in place of a type."""


def quantities(args: argparse.Namespace, services: Services) -> int:
    """The report as a table (products, then per type, then the shop), CSV or JSON."""
    from cli.subcommands.lookup import location_filter

    site = location_filter(services, args.location)
    found = reports.quantities(services.uow(), args.type, args.product, site)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        print_json(_json(found))
    elif fmt == "csv":
        write_csv(("row", *PRODUCT_HEADERS), _csv_rows(found))
    else:
        table([_(header) for header in PRODUCT_HEADERS], _product_rows(found))
        print()
        totals = [_total_row(t) for t in (*found.types, found.total)]
        totals[-1] = (_(ALL_GOODS), *totals[-1][1:])
        table([_(header) for header in TOTAL_HEADERS], totals)
        print(_("{count} products").format(count=len(found.rows)), file=sys.stderr)
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
        total.type_path or ALL_GOODS,
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
