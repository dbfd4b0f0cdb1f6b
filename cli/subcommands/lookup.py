"""Look-ups and reports: a serial number's life, a document, stock and warranty reports."""

from __future__ import annotations

import argparse
import sys

from bootstrap.services import Services
from cli.arguments import parse_date
from cli.output import money, print_json, table, write_csv
from core.domain.errors import DomainError, InputError
from core.domain.money import format_money
from core.reports import SerialHistory, StockFilter, WarrantyFilter
from core.services import kits, queries, reports
from core.views import KitPart


def _history_json(history: SerialHistory) -> dict[str, object]:
    return {
        "serial": history.serial,
        "sku": history.sku,
        "name": history.name,
        "state": history.state.value,
        "warranty_end": history.warranty_end.isoformat() if history.warranty_end else None,
        "days_left": history.days_left,
        "warranty_active": history.warranty_active,
        "identifiers": [{"name": name, "code": code} for name, code in history.identifiers],
        "events": [
            {
                "at": e.at.isoformat(),
                "date": e.on.isoformat(),
                "kind": e.kind,
                "document": e.document,
                "party": e.party,
                "cost": money(e.cost),
                "price": money(e.price),
                "detail": e.detail,
                "till": e.till,
                "operator": e.operator,
            }
            for e in history.events
        ],
    }


def serial(args: argparse.Namespace, services: Services) -> int:
    """`till serial SN`: the unit's whole life."""
    as_of = parse_date(args.as_of) if args.as_of else services.ctx.clock.today()
    found = queries.serial_history(services.uow(), args.serial, as_of)
    if args.json:
        print_json(
            _history_json(found[0]) if len(found) == 1 else [_history_json(h) for h in found]
        )
    if not found:
        raise DomainError(
            f"SN {args.serial.strip()} was never recorded here.", rule="unknown_serial"
        )
    if not args.json:
        for history in found:
            _print_history(history)
    return 0


def _print_history(history: SerialHistory) -> None:
    warranty = "no warranty"
    if history.warranty_end:
        left = history.days_left or 0
        warranty = (
            f"warranty active until {history.warranty_end} ({left} days left)"
            if history.warranty_active
            else f"warranty expired on {history.warranty_end} ({-left} days ago)"
        )
    print(f"{history.serial}  {history.sku}  {history.name}")
    if history.identifiers:
        print("  ".join(f"{name} {code}" for name, code in history.identifiers))
    print(f"state: {history.state.value}; {warranty}")
    table(
        ("date", "event", "document", "party", "cost", "price", "detail"),
        [
            (e.on, e.kind, e.document, e.party, format_money(e.cost), money(e.price), e.detail)
            for e in history.events
        ],
    )


def _components(parts: tuple[KitPart, ...] | None) -> dict[str, object]:
    """A kit line's components for JSON; nothing for a plain line."""
    if parts is None:
        return {}
    return {
        "components": [
            {
                "sku": part.sku,
                "name": part.name,
                "quantity": part.quantity,
                "serials": list(part.serials),
                "warranty_end": part.warranty_end.isoformat() if part.warranty_end else None,
            }
            for part in parts
        ]
    }


def document(args: argparse.Namespace, services: Services) -> int:
    """`till document DOC`: a posted document with its lines and serial numbers."""
    view = queries.document(services.uow(), args.document)
    head = view.header
    parts = kits.line_parts(services.uow(), head.ref.number)
    if args.json:
        print_json(
            {
                "document": head.ref.number,
                "kind": head.ref.kind.value,
                "date": head.ref.date.isoformat(),
                "party": head.ref.party,
                "phone": head.ref.phone,
                "ref": head.ref_number,
                "total": money(head.total),
                "payment": head.payment,
                "till": head.till,
                "operator": head.operator,
                "reason": head.reason,
                "lines": [
                    {
                        "sku": line.sku,
                        "name": line.name,
                        "quantity": line.quantity,
                        "unit_amount": money(line.unit_amount),
                        "cost": money(line.cost),
                        "serials": list(serials),
                        **_components(parts.get(line.id)),
                    }
                    for line, serials in view.lines
                ],
                "warnings": [w.__dict__ for w in view.warnings],
            }
        )
        return 0
    print(f"{head.ref.number}  {head.ref.kind.value}  {head.ref.date}  {head.ref.party or ''}")
    table(
        ("sku", "name", "qty", "amount", "serials"),
        [
            (line.sku, line.name, line.quantity, format_money(line.unit_amount), " ".join(s))
            for line, s in view.lines
        ],
    )
    print(f"total: {format_money(head.total)}")
    return 0


_STOCK_HEADERS = ("serial", "sku", "name", "type", "cost", "received_on", "receipt", "supplier")
_WARRANTY_HEADERS = (
    "serial",
    "sku",
    "name",
    "sold_on",
    "sale",
    "customer",
    "phone",
    "price",
    "warranty_end",
    "days_left",
    "active",
)


def report(args: argparse.Namespace, services: Services) -> int:
    """`till report stock|warranty`: the reports, as a table, CSV or JSON."""
    fmt = "json" if args.json else args.format
    uow = services.uow()
    rows: list[tuple[object, ...]]
    headers: tuple[str, ...]
    if args.kind == "stock":
        flt = StockFilter(type_path=args.type, search=args.search, product_code=args.product)
        rows = [
            (
                r.serial,
                r.sku,
                r.name,
                r.type_path,
                money(r.cost),
                r.received_on,
                r.received_doc,
                r.supplier,
            )
            for r in reports.all_stock(uow, flt)
        ]
        headers = _STOCK_HEADERS
    else:
        if args.active and args.expired:
            raise InputError("Choose --active or --expired, not both.")
        as_of = parse_date(args.as_of) if args.as_of else services.ctx.clock.today()
        wflt = WarrantyFilter(
            as_of=as_of,
            type_path=args.type,
            product_code=args.product,
            customer=args.customer,
            phone=args.phone,
            active=True if args.active else False if args.expired else None,
        )
        rows = [
            (
                r.serial,
                r.sku,
                r.name,
                r.sold_on,
                r.sale_doc,
                r.customer,
                r.phone,
                money(r.price),
                r.warranty_end,
                r.days_left,
                r.active,
            )
            for r in reports.all_warranty(uow, wflt)
        ]
        headers = _WARRANTY_HEADERS
    if fmt == "json":
        print_json([dict(zip(headers, row, strict=True)) for row in rows])
    elif fmt == "csv":
        write_csv(headers, rows)
    else:
        table(headers, rows)
        print(f"{len(rows)} units", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the look-up and report commands."""
    p = sub.add_parser("serial", parents=[common], help="a serial number's whole life")
    p.add_argument("serial")
    p.add_argument("--as-of", help="YYYY-MM-DD for the warranty days (default: today)")
    p.set_defaults(handler=serial)

    p = sub.add_parser("document", parents=[common], help="show a posted document")
    p.add_argument("document")
    p.set_defaults(handler=document)

    p = sub.add_parser("report", parents=[common], help="warranty stock or warranty tracking")
    p.add_argument("kind", choices=["stock", "warranty"])
    p.add_argument("--type", metavar="PATH", help="this product type and its sub-types")
    p.add_argument("--product", metavar="CODE")
    p.add_argument("--search", help="stock: part of the SN, SKU or name")
    p.add_argument("--customer")
    p.add_argument("--phone")
    p.add_argument("--active", action="store_true", help="warranty: active ones only")
    p.add_argument("--expired", action="store_true", help="warranty: expired ones only")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(handler=report)
