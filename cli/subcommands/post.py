"""`till post KIND ITEM...`: a document of any kind whose declaration names a service."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.arguments import parse_date, parse_item
from cli.i18n import _
from cli.output import report_posted
from core.commands import MoveGoods
from core.domain.errors import InputError
from core.domain.kinds import DocumentKind
from core.services import moving


def post(args: argparse.Namespace, services: Services) -> int:
    """`till post KIND ITEM...`: move the items the way the kind's declaration says."""
    cmd = MoveGoods(
        kind=_kind(args.kind),
        items=tuple(parse_item(text) for text in args.items),
        party=args.party,
        reason=args.reason,
        on=parse_date(args.date) if args.date else None,
    )
    return report_posted(moving.post(cmd, services.uow(), services.ctx), args.json)


def _kind(text: str) -> DocumentKind:
    name = text.strip().lower().replace("-", "_")
    postable = moving.postable()
    for kind in postable:
        if kind == name:
            return kind
    message = _("“{text}” is not a kind of document `till post` can post; these are: {kinds}.")
    raise InputError(message.format(text=text, kinds=", ".join(kind.value for kind in postable)))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till post`."""
    kinds = ", ".join(kind.value for kind in moving.postable())
    p = sub.add_parser(
        "post",
        parents=[common],
        help=_("post a document of a simple kind: {kinds}").format(kinds=kinds),
        description=_(
            "Post a document whose every line makes the one move its kind declares "
            "(from the store to the supplier, to the written-off goods, ...)."
        ),
        epilog=_("Example: till post write_off CABLE*2 --reason 'damaged in transit'"),
    )
    p.add_argument("kind", metavar="KIND", help=kinds)
    p.add_argument("items", nargs="+", metavar="ITEM", help=_("CODE:SN, CODE*QTY or CODE"))
    p.add_argument("--party", help=_("whom the goods go to: the supplier of a supplier return"))
    p.add_argument("--reason", help=_("why, as the document will say"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=post)
