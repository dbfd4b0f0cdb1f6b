"""`till user add|list|set-pin|disable|enable`: the people who sign in at the till."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys

from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json, table
from core.domain.errors import InputError
from core.domain.permissions import Role
from core.services import users


def read_pin(prompt: str) -> str:
    """A PIN typed twice at a terminal (not echoed), or the first line of piped input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass(prompt)
    if getpass.getpass(_("The same PIN again: ")) != first:
        raise InputError(_("The two PINs differ: nothing was changed."))
    return first


def add(args: argparse.Namespace, services: Services) -> int:
    """Add a user with a role; the PIN is asked for (or read from standard input)."""
    pin = read_pin(_("PIN for {name}: ").format(name=args.name))
    user = users.add_user(services.uow(), services.ctx, args.name, Role(args.role), pin)
    if args.json:
        print_json(dataclasses.asdict(user))
    else:
        print(_("user {name} added as {role}").format(name=user.name, role=user.role))
    return 0


def listing(args: argparse.Namespace, services: Services) -> int:
    """Every user with role and state; never a PIN or its hash."""
    found = users.list_users(services.rehearsal())
    if args.json:
        print_json([dataclasses.asdict(user) for user in found])
        return 0
    rows = [
        (u.name, u.role, _("yes") if u.active else _("no"), u.locked_until or "") for u in found
    ]
    table((_("user"), _("role"), _("active"), _("locked until")), rows)
    return 0


def set_pin(args: argparse.Namespace, services: Services) -> int:
    """Give a user a new PIN (ends a lockout)."""
    pin = read_pin(_("New PIN for {name}: ").format(name=args.name))
    users.set_pin(services.uow(), services.ctx, args.name, pin)
    print(_("PIN of {name} changed").format(name=args.name.strip()))
    return 0


def set_active(args: argparse.Namespace, services: Services) -> int:
    """Disable or enable a user."""
    active = args.action == "enable"
    users.set_active(services.uow(), services.ctx, args.name, active)
    word = _("enabled") if active else _("disabled")
    print(_("{name}: {state}").format(name=args.name.strip(), state=word))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till user …`."""
    user = sub.add_parser(
        "user",
        parents=[common],
        help=_("till users, roles and PINs"),
        epilog=_("Example: till user add olha --role manager"),
    )
    actions = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "add",
        parents=[common],
        help=_("add a user (asks for the PIN)"),
        epilog=_("Example: till user add olha --role manager"),
    )
    p.add_argument("name", help=_("the name the user signs in with"))
    p.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.CASHIER.value,
        help=_("what the user may do (default: cashier)"),
    )
    p.set_defaults(handler=add)
    p = actions.add_parser(
        "list", parents=[common], help=_("every user"), epilog=_("Example: till user list --json")
    )
    p.set_defaults(handler=listing)
    p = actions.add_parser(
        "set-pin",
        parents=[common],
        help=_("a new PIN (asks for it)"),
        epilog=_("Example: till user set-pin olha"),
    )
    p.add_argument("name", help=_("the user's name"))
    p.set_defaults(handler=set_pin)
    p = actions.add_parser(
        "disable",
        parents=[common],
        help=_("a user may no longer sign in"),
        epilog=_("Example: till user disable olha"),
    )
    p.add_argument("name", help=_("the user's name"))
    p.set_defaults(handler=set_active)
    p = actions.add_parser(
        "enable",
        parents=[common],
        help=_("a user may sign in again"),
        epilog=_("Example: till user enable olha"),
    )
    p.add_argument("name", help=_("the user's name"))
    p.set_defaults(handler=set_active)
