"""`till documents`: the document journal, filtered, as a table, CSV or JSON."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.arguments import add_format_option, parse_date
from cli.i18n import N_, _
from cli.output import money, print_rows
from cli.subcommands.lookup import location_filter
from core.services import document_search

HEADERS = (
    N_("number"),
    N_("kind"),
    N_("date"),
    N_("created_at"),
    N_("party"),
    N_("phone"),
    N_("total"),
    N_("payment"),
    N_("till"),
    N_("operator"),
    N_("location"),
)


def documents(args: argparse.Namespace, services: Services) -> int:
    """List the documents that match, latest first."""
    flt = document_search.document_filter(
        kind=args.kind,
        date_from=parse_date(args.date_from) if args.date_from else None,
        date_to=parse_date(args.date_to) if args.date_to else None,
        customer=args.customer,
        phone=args.phone,
        serial=args.serial,
        till=args.till,
        site=location_filter(services, args.location),
    )
    rows = [
        (
            r.number,
            r.kind,
            r.on,
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            r.party,
            r.phone,
            money(r.total),
            r.payment,
            r.till,
            r.operator,
            r.site,
        )
        for r in document_search.every(services.uow(), flt)
    ]
    print_rows(args, HEADERS, rows, N_("{count} documents"))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till documents`."""
    p = sub.add_parser(
        "documents",
        parents=[common],
        help=_("the document journal"),
        epilog=_("Example: till documents --kind sale --from 2026-12-01 --format csv"),
    )
    p.add_argument("--kind", help=_("sale, customer_return, receipt, write_off, …"))
    p.add_argument("--from", dest="date_from", metavar="DATE", help=_("from this day, YYYY-MM-DD"))
    p.add_argument("--to", dest="date_to", metavar="DATE", help=_("up to this day, YYYY-MM-DD"))
    p.add_argument("--customer", help=_("part of the customer's or supplier's name"))
    p.add_argument("--phone", help=_("the customer's phone as recorded"))
    p.add_argument("--serial", metavar="SN", help=_("documents that moved this unit"))
    p.add_argument("--till", help=_("documents of this till"))
    p.add_argument(
        "--location", metavar="CODE", help=_("documents posted at this location (default: all)")
    )
    add_format_option(p)
    p.set_defaults(handler=documents)
