"""Setting a till up: init, the demo shop, and checking or rebuilding the projections."""

from __future__ import annotations

import argparse

from peewee import DatabaseError

from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json
from core.persistence.schema import upgrade
from core.persistence.unit_of_work import DatabaseUnavailable, unreachable
from core.services import demo, rebuild


def init(args: argparse.Namespace, services: Services) -> int:
    """`till init` / `till migrate`: create or upgrade the tables under the write lock.

    PostgreSQL needs this (tills never change a shared schema at start-up); SQLite does it
    itself when a till opens an older file."""
    try:
        done = upgrade(services.db, lock_timeout=getattr(args, "lock_timeout", 5.0))
    except DatabaseError as exc:  # a file that is no database, or a damaged one
        raise DatabaseUnavailable(unreachable(services.db, exc)) from None
    before = done.before
    status = "created" if before is None else "upgraded" if done.changed else "up to date"
    services.card_key()
    key = str(services.card_key_path())
    if args.json:
        print_json(
            {
                "database": services.database_name,
                "schema": done.after,
                "before": before,
                "status": status,
                "backup": str(done.backup) if done.backup else None,
                "card_key": key,
            }
        )
        return 0
    db = services.database_name
    if done.backup:
        print(_("{db}: copied to {backup} first").format(db=db, backup=done.backup))
    if before is not None and done.changed:
        said = _("upgraded from schema {before}").format(before=before)
    else:
        words = {"created": _("created"), "upgraded": _("upgraded"), "up to date": _("up to date")}
        said = words[status]
    print(_("{db}: schema {version}, {status}").format(db=db, version=done.after, status=said))
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
        state = _("demo shop created") if summary["created"] else _("demo data already present")
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
        message = (
            _("rebuilt {units} units, {products} products: {status}")
            if args.command == "rebuild"
            else _("checked {units} units, {products} products: {status}")
        )
        status = (
            _("match the ledger")
            if result.ok
            else _("{count} differences").format(count=len(result.differences))
        )
        print(message.format(units=result.units, products=result.products, status=status))
    return 0 if result.ok or args.command == "rebuild" else 1


def _seconds(text: str) -> float:
    """A lock timeout in seconds: more than 0, at most 600."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 600:
        message = _("{text!r} is not a number of seconds in (0, 600]")
        raise argparse.ArgumentTypeError(message.format(text=text))
    return value


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the set-up commands."""
    sub.add_parser(
        "init",
        parents=[common],
        help=_("create the tables"),
        epilog=_("Example: till --db postgresql://till@localhost/shop init"),
    ).set_defaults(handler=init)
    p = sub.add_parser(
        "migrate",
        parents=[common],
        help=_("upgrade a shared database's tables to this till's schema"),
        epilog=_("Example: till migrate --db postgresql://owner@db:5432/shop --lock-timeout 10"),
    )
    p.add_argument(
        "--lock-timeout",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help=_("how long to wait for other tills' transactions (default 5)"),
    )
    p.set_defaults(handler=init)
    p = sub.add_parser(
        "demo",
        parents=[common],
        help=_("build a demo shop and open the app"),
        epilog=_("Example: till --db /tmp/demo.sqlite3 demo"),
    )
    p.add_argument("--no-app", action="store_true", help=_("build the demo data only"))
    p.set_defaults(handler=build_demo)
    sub.add_parser(
        "verify",
        parents=[common],
        help=_("check the projections against the ledger"),
        epilog=_("Example: till verify; exit status 1 when they differ"),
    ).set_defaults(handler=check)
    sub.add_parser(
        "rebuild",
        parents=[common],
        help=_("rebuild the projections from the ledger"),
        epilog=_("Example: till rebuild"),
    ).set_defaults(handler=check)
