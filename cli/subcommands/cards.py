"""`till warranty verify PAYLOAD`: whether a warranty card is genuine and still current."""

from __future__ import annotations

import argparse
import dataclasses

from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json
from core.domain.errors import DomainError
from core.services import cards


def verify(args: argparse.Namespace, services: Services) -> int:
    """Check a card's QR payload offline: exit 0 genuine and current, 1 otherwise."""
    found = cards.check_card(
        services.uow(), args.payload, services.card_key(create=False), services.ctx.clock.today()
    )
    if args.json:
        print_json(dataclasses.asdict(found))
        return 0 if found.current else 1
    if not found.current:
        rule = "card_outdated" if found.genuine else "card_not_genuine"
        raise DomainError(found.message, rule=rule)
    print(found.message)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till warranty verify`."""
    warranty = sub.add_parser(
        "warranty",
        parents=[common],
        help=_("warranty cards"),
        epilog=_(
            "Example: till warranty verify "
            "W1:356938035643809:SL-000042:20261201:20271201:ABCDEFGHIJKLMNOP"
        ),
    )
    actions = warranty.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "verify",
        parents=[common],
        help=_("check a warranty card's QR code (offline)"),
        epilog=_(
            "Example: till warranty verify "
            "W1:356938035643809:SL-000042:20261201:20271201:ABCDEFGHIJKLMNOP"
        ),
    )
    p.add_argument("payload", help=_("the text of the card's QR code"))
    p.set_defaults(handler=verify)
