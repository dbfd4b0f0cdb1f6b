"""Setting a till up: init, the demo shop, and checking or rebuilding the projections."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.output import print_json
from core.persistence.schema import migrate, schema_version
from core.services import demo, rebuild


def init(args: argparse.Namespace, services: Services) -> int:
    """`till init`: create or upgrade the tables (PostgreSQL needs this; SQLite does it itself)."""
    before = schema_version(services.db)
    version = migrate(services.db)
    message = "created" if before is None else "upgraded" if before < version else "up to date"
    services.card_key()
    key = str(services.card_key_path())
    if args.json:
        print_json(
            {
                "database": services.database_name,
                "schema": version,
                "status": message,
                "card_key": key,
            }
        )
    else:
        print(f"{services.database_name}: schema {version}, {message}")
        print(f"warranty-card key: {key}")
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


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the set-up commands."""
    sub.add_parser("init", parents=[common], help="create the tables").set_defaults(handler=init)
    p = sub.add_parser("demo", parents=[common], help="build a demo shop and open the app")
    p.add_argument("--no-app", action="store_true", help="build the demo data only")
    p.set_defaults(handler=build_demo)
    sub.add_parser(
        "verify", parents=[common], help="check the projections against the ledger"
    ).set_defaults(handler=check)
    sub.add_parser(
        "rebuild", parents=[common], help="rebuild the projections from the ledger"
    ).set_defaults(handler=check)
