"""Look-ups and reports: a serial number's life, a document, stock and warranty reports."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.arguments import add_format_option, parse_date
from cli.i18n import N_, _
from cli.output import money, print_json, print_rows, table
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
        "replaced_by": history.replaced_by,
        "replaces": history.replaces,
        "chain": list(history.chain),
        "identifiers": [{"name": name, "code": code} for name, code in history.identifiers],
        "location": history.site,
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
                "location": e.site,
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
            _("SN {serial} was never recorded here.").format(serial=args.serial.strip()),
            rule="unknown_serial",
        )
    if not args.json:
        for history in found:
            _print_history(history)
    return 0


def _print_history(history: SerialHistory) -> None:
    warranty = _("no warranty")
    if history.warranty_end:
        left = history.days_left or 0
        warranty = (
            _("warranty active until {end} ({days} days left)")
            if history.warranty_active
            else _("warranty expired on {end} ({days} days ago)")
        ).format(end=history.warranty_end, days=abs(left))
    print(f"{history.serial}  {history.sku}  {history.name}")
    if history.identifiers:
        print("  ".join(f"{name} {code}" for name, code in history.identifiers))
    print(_("state: {state}; {warranty}").format(state=history.state.value, warranty=warranty))
    if history.several_sites:
        print(_("location: {site}").format(site=history.site))
    if history.chain:
        print(_("chain: {units}").format(units=" → ".join(history.chain)))
    headers = [_("date"), _("event"), _("document"), _("party"), _("cost"), _("price")]
    rows = [
        [e.on, e.kind, e.document, e.party, format_money(e.cost), money(e.price)]
        for e in history.events
    ]
    if history.several_sites:
        headers.append(_("location"))
        for row, event in zip(rows, history.events, strict=True):
            row.append(event.site)
    table(
        [*headers, _("detail")],
        [[*row, e.detail] for row, e in zip(rows, history.events, strict=True)],
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
        (_("sku"), _("name"), _("qty"), _("amount"), _("serials")),
        [
            (line.sku, line.name, line.quantity, format_money(line.unit_amount), " ".join(s))
            for line, s in view.lines
        ],
    )
    print(_("total: {amount}").format(amount=format_money(head.total)))
    return 0


_STOCK_HEADERS = (
    N_("serial"),
    N_("sku"),
    N_("name"),
    N_("type"),
    N_("cost"),
    N_("received_on"),
    N_("receipt"),
    N_("supplier"),
    N_("location"),
)
"""Columns of the stock report: CSV and JSON keep these names, the table translates them."""
_WARRANTY_HEADERS = (
    N_("serial"),
    N_("sku"),
    N_("name"),
    N_("sold_on"),
    N_("sale"),
    N_("customer"),
    N_("phone"),
    N_("price"),
    N_("warranty_end"),
    N_("days_left"),
    N_("active"),
)
"""Columns of the warranty report, like the stock report's."""


def location_filter(services: Services, code: str | None) -> str | None:
    """A ``--location`` option: one location's code, or None for all of them."""
    if code is None or code.strip().lower() in ("", "all"):
        return None
    from core.services.transfers import require_site

    return require_site(services.uow(), code).code


def report(args: argparse.Namespace, services: Services) -> int:
    """`till report stock|warranty|quantities`: the reports, as a table, CSV or JSON."""
    if args.kind == "quantities":
        from cli.subcommands.quantities import quantities

        return quantities(args, services)
    uow = services.uow()
    rows: list[tuple[object, ...]]
    headers: tuple[str, ...]
    if args.kind == "stock":
        flt = StockFilter(
            type_path=args.type,
            search=args.search,
            product_code=args.product,
            site=location_filter(services, args.location),
        )
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
                r.site,
            )
            for r in reports.all_stock(uow, flt)
        ]
        headers = _STOCK_HEADERS
    else:
        if args.active and args.expired:
            raise InputError(_("Choose --active or --expired, not both."))
        as_of = parse_date(args.as_of) if args.as_of else services.ctx.clock.today()
        wflt = WarrantyFilter(
            as_of=as_of,
            type_path=args.type,
            product_code=args.product,
            customer=args.customer,
            phone=args.phone,
            active=True if args.active else False if args.expired else None,
            site=location_filter(services, args.location),
            till=(args.till or "").strip() or None,
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
    print_rows(args, headers, rows, N_("{count} units"))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the look-up and report commands."""
    p = sub.add_parser(
        "serial",
        parents=[common],
        help=_("a serial number's whole life"),
        epilog=_("Example: till serial 356938035643809"),
    )
    p.add_argument("serial", help=_("the serial number (SN)"))
    p.add_argument("--as-of", help=_("YYYY-MM-DD for the warranty days (default: today)"))
    p.set_defaults(handler=serial)

    p = sub.add_parser(
        "document",
        parents=[common],
        help=_("show a posted document"),
        epilog=_("Example: till document SL-000042"),
    )
    p.add_argument("document", help=_("the document's number, like SL-000042"))
    p.set_defaults(handler=document)

    p = sub.add_parser(
        "report",
        parents=[common],
        help=_("warranty stock, warranty tracking or all quantities"),
        epilog=_("Example: till report warranty --active --format csv > warranty.csv"),
    )
    p.add_argument(
        "kind",
        choices=["stock", "warranty", "quantities"],
        help=_(
            "stock: units in the store; warranty: units sold; quantities: every product in stock"
        ),
    )
    p.add_argument("--type", metavar="PATH", help=_("this product type and its sub-types"))
    p.add_argument("--product", metavar="CODE", help=_("this product only"))
    p.add_argument("--search", help=_("stock: part of the SN, SKU or name"))
    p.add_argument("--customer", help=_("warranty: part of the customer's name"))
    p.add_argument("--phone", help=_("warranty: the customer's phone"))
    p.add_argument("--active", action="store_true", help=_("warranty: active ones only"))
    p.add_argument("--expired", action="store_true", help=_("warranty: expired ones only"))
    p.add_argument("--as-of", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument(
        "--location",
        metavar="CODE",
        help=_("one location's stock, or units sold there (default: all locations)"),
    )
    p.add_argument("--till", help=_("warranty: units sold by this till"))
    add_format_option(p)
    p.set_defaults(handler=report)
