"""`till journal verify`: the tamper-evident chain walked, the first broken row named."""

from __future__ import annotations

import argparse
import sys

from bootstrap.services import Services
from cli.output import print_json
from core.services.chain_check import verify_chain

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
        print(f"till: refused [chain_broken]: {line}", file=sys.stderr)
    if len(report.messages) > PROBLEMS_SHOWN:
        print(f"till: … and {len(report.messages) - PROBLEMS_SHOWN} more", file=sys.stderr)
    status = "intact" if report.ok else f"BROKEN ({len(report.problems)} problems)"
    print(f"chain of {report.links} links {status}; head {report.head_seq} {report.head_hash}")
    return 0 if report.ok else 1


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till journal verify`."""
    journal = sub.add_parser("journal", parents=[common], help="the journal and its chain")
    actions = journal.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "verify", parents=[common], help="walk the tamper-evident chain and name what changed"
    )
    p.set_defaults(handler=verify)
