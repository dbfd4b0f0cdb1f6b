"""Setting a till up: init, the demo shop, and checking or rebuilding the projections."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.output import print_json
from core.persistence.schema import upgrade
from core.services import demo, rebuild


def init(args: argparse.Namespace, services: Services) -> int:
    """`till init` / `till migrate`: create or upgrade the tables under the write lock.

    PostgreSQL needs this (tills never change a shared schema at start-up); SQLite does it
    itself when a till opens an older file."""
    done = upgrade(services.db, lock_timeout=getattr(args, "lock_timeout", 5.0))
    before = done.before
    status = "created" if before is None else "upgraded" if done.changed else "up to date"
    if args.json:
        print_json(
            {
                "database": services.database_name,
                "schema": done.after,
                "before": before,
                "status": status,
                "backup": str(done.backup) if done.backup else None,
            }
        )
        return 0
    if done.backup:
        print(f"{services.database_name}: copied to {done.backup} first")
    if before is not None and done.changed:
        status = f"upgraded from schema {before}"
    print(f"{services.database_name}: schema {done.after}, {status}")
    return 0


def build_demo(args: argparse.Namespace, services: Services) -> int:
    """`till demo`: fill an empty database with a demo shop, then open the app."""
    uow = services.uow()
    if demo.is_empty(uow):
        built = demo.build_demo(uow, services.ctx, services.ctx.clock.today())
        summary = {
            "database": services.database_name,
            "documents": built.documents,
            "units": built.units,
            "created": True,
        }
    else:
        summary = {"database": services.database_name, "created": False}
    if args.json:
        print_json(summary)
    elif not args.no_app or summary["created"]:
        state = "demo shop created" if summary["created"] else "demo data already present"
        print(f"{services.database_name}: {state}")
    if args.no_app:
        return 0
    from tui.app import run_app

    run_app(services)
    return 0


def check(args: argparse.Namespace, services: Services) -> int:
    """`till verify` / `till rebuild`: compare the projections with the ledger, or rebuild."""
    run = rebuild.rebuild if args.command == "rebuild" else rebuild.verify
    result = run(services.uow())
    if args.json:
        print_json(
            {
                "ok": result.ok,
                "units": result.units,
                "products": result.products,
                "differences": list(result.differences),
            }
        )
    else:
        for line in result.differences:
            print(line)
        verb = "rebuilt" if args.command == "rebuild" else "checked"
        status = "match the ledger" if result.ok else f"{len(result.differences)} differences"
        print(f"{verb} {result.units} units, {result.products} products: {status}")
    return 0 if result.ok or args.command == "rebuild" else 1


def _seconds(text: str) -> float:
    """A lock timeout in seconds: more than 0, at most 600."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds in (0, 600]")
    return value


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the set-up commands."""
    sub.add_parser("init", parents=[common], help="create the tables").set_defaults(handler=init)
    p = sub.add_parser(
        "migrate",
        parents=[common],
        help="upgrade a shared database's tables to this till's schema",
        epilog="example: till migrate --db postgresql://owner@db:5432/shop --lock-timeout 10",
    )
    p.add_argument(
        "--lock-timeout",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for other tills' transactions (default 5)",
    )
    p.set_defaults(handler=init)
    p = sub.add_parser("demo", parents=[common], help="build a demo shop and open the app")
    p.add_argument("--no-app", action="store_true", help="build the demo data only")
    p.set_defaults(handler=build_demo)
    sub.add_parser(
        "verify", parents=[common], help="check the projections against the ledger"
    ).set_defaults(handler=check)
    sub.add_parser(
        "rebuild", parents=[common], help="rebuild the projections from the ledger"
    ).set_defaults(handler=check)
