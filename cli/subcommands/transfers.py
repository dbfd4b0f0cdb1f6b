"""`till location …` and `till transfer …`: the shop's locations and goods moved between them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bootstrap.services import Services
from cli.arguments import add_format_option, parse_date, parse_item, parse_quantity
from cli.i18n import N_, _
from cli.output import print_rows, report_posted
from core.commands import ReceiveTransfer, SendTransfer
from core.domain.errors import InputError
from core.domain.transfers import ArrivalCheck, Missing
from core.operator_files import read_text
from core.services import sites, transfers
from core.services.transfers import require_site

SITE_HEADERS = (N_("code"), N_("name"), N_("here"))
TRANSFER_HEADERS = (
    N_("number"),
    N_("date"),
    N_("from"),
    N_("to"),
    N_("sent"),
    N_("on_the_way"),
    N_("till"),
    N_("operator"),
)
ITEM_HEADERS = (N_("sku"), N_("name"), N_("serial"), N_("quantity"))
CHECK_HEADERS = (N_("status"), N_("sku"), N_("serial"), N_("quantity"))
ARRIVED, MISSING, EXTRA = N_("arrived"), N_("missing"), N_("extra")


def location_command(args: argparse.Namespace, services: Services) -> int:
    """`till location [add CODE NAME | rename CODE NAME]`: list, add or rename locations."""
    if args.action == "add":
        site = sites.add(services.uow(), services.ctx, args.code, args.name)
        print(_("location {code} added: {name}").format(code=site.code, name=site.name))
        return 0
    if args.action == "rename":
        site = sites.rename(services.uow(), services.ctx, args.code, args.name)
        print(_("location {code} is now named {name}").format(code=site.code, name=site.name))
        return 0
    here = services.ctx.site
    print_rows(
        args,
        SITE_HEADERS,
        [(s.code, s.name, "*" if s.code == here else "") for s in sites.all_sites(services.uow())],
    )
    return 0


def transfer_send(args: argparse.Namespace, services: Services) -> int:
    """`till transfer send TO ITEM...`: goods leave this location for another."""
    cmd = SendTransfer(
        to_site=args.to,
        items=tuple(parse_item(text) for text in args.items),
        note=args.note,
        on=parse_date(args.date) if args.date else None,
    )
    return report_posted(transfers.send(cmd, services.uow(), services.ctx), args.json)


def transfer_list(args: argparse.Namespace, services: Services) -> int:
    """`till transfer list [--all] [--from SITE] [--to SITE]`: transfers on the way."""
    uow = services.uow()
    site = require_site(uow, args.site_from).code if args.site_from else None
    to = require_site(uow, args.site_to).code if args.site_to else None
    found = transfers.summaries(uow, site=site, to_site=to, open_only=not args.all)
    print_rows(
        args,
        TRANSFER_HEADERS,
        [(t.number, t.on, t.site, t.to_site, t.sent, t.left, t.till, t.operator) for t in found],
    )
    return 0


def transfer_show(args: argparse.Namespace, services: Services) -> int:
    """`till transfer show NUMBER`: what of a transfer is still on the way."""
    found, left = transfers.outstanding(services.uow(), args.number)
    if not (args.json or args.format != "table"):
        print(
            _("{number} of {on}: {site} → {to}").format(
                number=found.ref.number, on=found.ref.date, site=found.site, to=found.to_site
            )
        )
    print_rows(args, ITEM_HEADERS, [(i.sku, i.name, i.serial, i.quantity) for i in left.items])
    if args.format == "table" and not args.json and not left.items:
        print(_("everything has arrived"))
    return 0


def transfer_receive(args: argparse.Namespace, services: Services) -> int:
    """`till transfer receive NUMBER SN... [--count CODE*QTY] [--missing lost|later]`."""
    cmd = ReceiveTransfer(
        transfer=args.number,
        scanned=tuple(_scanned(args)),
        counted=tuple(_counted(text) for text in args.count),
        missing=args.missing,
        note=args.note,
        on=parse_date(args.date) if args.date else None,
    )
    if args.check:
        check = transfers.check_arrival(cmd, services.uow(), services.ctx)
        _print_check(args, check)
        return 0 if check.clean else 1
    return report_posted(transfers.receive(cmd, services.uow(), services.ctx), args.json)


def _scanned(args: argparse.Namespace) -> list[str]:
    """The SNs given as arguments, then those of the scans file (``-``: standard input)."""
    codes = list(args.serials)
    if args.scans:
        if args.scans == "-":
            try:
                text = sys.stdin.read()
            except UnicodeDecodeError:
                raise InputError(
                    _("The scans read from standard input are not UTF-8 text.")
                ) from None
        else:
            text = read_text(Path(args.scans))
        codes.extend(line.strip() for line in text.splitlines() if line.strip())
    return codes


def _counted(text: str) -> tuple[str, int]:
    code, _star, quantity = text.partition("*")
    return code.strip(), parse_quantity(quantity or "1", code)


def _print_check(args: argparse.Namespace, check: ArrivalCheck) -> None:
    rows: list[tuple[Any, ...]] = [
        *((ARRIVED, i.sku, i.serial, i.quantity) for i in check.arrived),
        *((MISSING, i.sku, i.serial, i.quantity) for i in check.missing),
        *((EXTRA, "", code, 1) for code in check.extra),
        *((EXTRA, sku, None, n) for sku, n in check.extra_quantities),
    ]
    if args.format == "table" and not args.json:
        rows = [(_(row[0]), *row[1:]) for row in rows]
    print_rows(args, CHECK_HEADERS, rows)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till location` and `till transfer`."""
    p = sub.add_parser(
        "location",
        parents=[common],
        help=_("the shop's locations (shops, warehouse); add or rename one"),
        epilog=_("Example: till location add warehouse 'Склад на Промисловій'"),
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=["list", "add", "rename"],
        default="list",
        help=_("list (the default), add or rename"),
    )
    p.add_argument("code", nargs="?", metavar="CODE", help=_("the location's short code"))
    p.add_argument("name", nargs="?", metavar="NAME", help=_("the location's name"))
    add_format_option(p)
    p.set_defaults(handler=_location_checked)

    p = sub.add_parser(
        "transfer",
        parents=[common],
        help=_("goods sent between locations, and their arrival confirmed by scanning"),
        epilog=_("Example: till transfer send shop-2 PHONE:SN1 CABLE*5"),
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    send = actions.add_parser(
        "send",
        parents=[common],
        help=_("send goods to a location"),
        epilog=_("Example: till transfer send shop-2 PHONE:SN1 CABLE*5 --note 'for the window'"),
    )
    send.add_argument("to", metavar="TO", help=_("the receiving location's code"))
    send.add_argument("items", nargs="+", metavar="ITEM", help=_("CODE:SN, CODE*QTY or CODE"))
    send.add_argument("--note", help=_("a note printed on the transfer"))
    send.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    send.set_defaults(handler=transfer_send)

    listing = actions.add_parser(
        "list",
        parents=[common],
        help=_("transfers on the way"),
        epilog=_("Example: till transfer list --to shop-2"),
    )
    listing.add_argument("--all", action="store_true", help=_("arrived ones too"))
    listing.add_argument("--from", dest="site_from", metavar="CODE", help=_("sent from here"))
    listing.add_argument("--to", dest="site_to", metavar="CODE", help=_("sent to here"))
    add_format_option(listing)
    listing.set_defaults(handler=transfer_list)

    show = actions.add_parser(
        "show",
        parents=[common],
        help=_("what is still on the way"),
        epilog=_("Example: till transfer show TR-000001"),
    )
    show.add_argument("number", metavar="NUMBER", help=_("the transfer's number, TR-…"))
    add_format_option(show)
    show.set_defaults(handler=transfer_show)

    receive = actions.add_parser(
        "receive",
        parents=[common],
        help=_("confirm what arrived, by its serial numbers"),
        epilog=_(
            "Example: till transfer receive TR-000001 SN1 SN2 --count CABLE*5 --missing later"
        ),
    )
    receive.add_argument("number", metavar="NUMBER", help=_("the transfer's number, TR-…"))
    receive.add_argument("serials", nargs="*", metavar="SN", help=_("serial numbers scanned"))
    receive.add_argument(
        "--scans", metavar="FILE", help=_("a file of scanned serial numbers, one a line (- stdin)")
    )
    receive.add_argument(
        "--count",
        action="append",
        default=[],
        metavar="CODE*QTY",
        help=_("goods without serial numbers counted"),
    )
    receive.add_argument(
        "--missing",
        choices=[m.value for m in Missing],
        default=Missing.ASK.value,
        help=_("what was sent but not scanned: lost in transit, or later (default: refuse)"),
    )
    receive.add_argument(
        "--check", action="store_true", help=_("only compare: arrived, missing, extra")
    )
    receive.add_argument("--note", help=_("a note on the arrival"))
    receive.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    add_format_option(receive)
    receive.set_defaults(handler=transfer_receive)


def _location_checked(args: argparse.Namespace, services: Services) -> int:
    if args.action in ("add", "rename") and not (args.code and args.name):
        raise InputError(_("Give the location's CODE and NAME: till location add shop-2 'Shop 2'"))
    return location_command(args, services)
