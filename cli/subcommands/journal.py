"""`till journal`: who did what and when; `till journal verify`: the tamper-evident chain
walked, the first row changed behind the app's back named."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from bootstrap.services import Services
from cli.arguments import parse_date, parse_limit
from cli.i18n import N_, _
from cli.output import print_json, table, write_csv
from core.services.chain_check import verify_chain
from core.services.journal import KINDS, entries

PROBLEMS_SHOWN = 20
"""Problems listed on stderr before `… and N more`."""


def verify(args: argparse.Namespace, services: Services) -> int:
    """Walk the chain on a snapshot (tills go on selling): exit 0 intact, 1 broken."""
    report = verify_chain(services.rehearsal())
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "links": report.links,
                "head": {"seq": report.head_seq, "hash": report.head_hash},
                "problems": list(report.problems),
            }
        )
        return 0 if report.ok else 1
    for line in report.messages[:PROBLEMS_SHOWN]:
        refused = _("till: refused [{rule}]: {message}")
        print(refused.format(rule="chain_broken", message=line), file=sys.stderr)
    if len(report.messages) > PROBLEMS_SHOWN:
        more = _("till: … and {count} more").format(count=len(report.messages) - PROBLEMS_SHOWN)
        print(more, file=sys.stderr)
    status = (
        _("intact")
        if report.ok
        else _("BROKEN ({count} problems)").format(count=len(report.problems))
    )
    print(
        _("chain of {links} links {status}; head {seq} {hash}").format(
            links=report.links, status=status, seq=report.head_seq, hash=report.head_hash
        )
    )
    return 0 if report.ok else 1


def listing(args: argparse.Namespace, services: Services) -> int:
    """The journal's entries, oldest first, filtered by user, kind and first day."""
    since = parse_date(args.since) if args.since else None
    found = entries(
        services.rehearsal(), user=args.user, kind=args.kind, since=since, limit=args.limit
    )
    shape = "json" if args.json else args.format
    if shape == "json":
        print_json([dataclasses.asdict(row) for row in found])
        return 0
    headers = (
        N_("at"),
        N_("kind"),
        N_("user"),
        N_("approver"),
        N_("till"),
        N_("document"),
        N_("detail"),
    )
    rows = [
        (
            row.at.strftime("%Y-%m-%d %H:%M:%S"),
            row.kind,
            row.user,
            row.approver,
            row.till,
            row.document,
            row.detail,
        )
        for row in found
    ]
    if shape == "csv":
        write_csv(headers, rows)
    else:
        table([_(header) for header in headers], rows)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till journal verify`."""
    journal = sub.add_parser(
        "journal",
        parents=[common],
        help=_("the journal and its chain"),
        epilog=_("Example: till journal --user olha --from 2026-12-01"),
    )
    journal.add_argument("--user", help=_("entries by this user or approved by them"))
    journal.add_argument("--kind", choices=KINDS, help=_("one kind of entry"))
    journal.add_argument("--from", dest="since", metavar="DATE", help=_("from this day (UTC)"))
    journal.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=_("how to print the rows (default: table)"),
    )
    journal.add_argument("--limit", type=parse_limit, default=1000, help=_("the last N entries"))
    journal.set_defaults(handler=listing)
    actions = journal.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser(
        "verify",
        parents=[common],
        help=_("walk the tamper-evident chain and name what changed"),
        epilog=_("Example: till journal verify --json"),
    )
    p.set_defaults(handler=verify)
