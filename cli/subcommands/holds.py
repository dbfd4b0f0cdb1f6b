"""`till holds`: units held by tills' open sales, and a manager releasing one."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.arguments import parse_id
from cli.i18n import N_, _
from cli.output import print_json, table
from core.services import holds
from core.views import Hold


def holds_command(args: argparse.Namespace, services: Services) -> int:
    """`till holds [--release ID]`: list the holds, or end one."""
    if args.release is not None:
        ended = holds.release_by_id(services.uow(), parse_id(args.release))
        if args.json:
            print_json({"released": _as_json(ended, services)})
        else:
            print(
                _(
                    "hold {id} released: {serial} is free (it was held at {till} by {operator})"
                ).format(id=ended.id, serial=ended.serial, till=ended.till, operator=ended.operator)
            )
        return 0
    found = holds.active(services.uow())
    if args.json:
        print_json([_as_json(hold, services) for hold in found])
        return 0
    now = services.ctx.clock.now()
    headers = (
        N_("id"),
        N_("sku"),
        N_("serial"),
        N_("till"),
        N_("cashier"),
        N_("since"),
        N_("expires"),
        N_("state"),
    )
    table(
        [_(header) for header in headers],
        [
            (
                hold.id,
                hold.sku,
                hold.serial,
                hold.till,
                hold.operator,
                holds.local_time(hold.since),
                holds.local_time(hold.expires),
                _("expired") if hold.expired(now) else _("held"),
            )
            for hold in found
        ],
    )
    return 0


def _as_json(hold: Hold, services: Services) -> dict[str, object]:
    return {
        "id": hold.id,
        "sku": hold.sku,
        "serial": hold.serial,
        "till": hold.till,
        "operator": hold.operator,
        "since": hold.since.isoformat(),
        "expires": hold.expires.isoformat(),
        "expired": hold.expired(services.ctx.clock.now()),
        "request": hold.request,
    }


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till holds`."""
    p = sub.add_parser(
        "holds",
        parents=[common],
        help=_("units held by tills' open sales; --release ID frees one"),
        epilog=_("Example: till holds --release 12"),
    )
    p.add_argument("--release", type=str, metavar="ID", help=_("end this hold (a till that died)"))
    p.set_defaults(handler=holds_command)
