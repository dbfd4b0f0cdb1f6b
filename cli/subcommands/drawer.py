"""`till drawer open`: open the cash drawer on the receipt printer's drawer port."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json
from core.domain.errors import InputError


def open_drawer(args: argparse.Namespace, services: Services) -> int:
    """Send the drawer kick through the print queue; a printer fault keeps the job waiting."""
    from bootstrap.printing import make_printer, open_drawer

    printer = make_printer(services.config, args.printer)
    if printer is None:
        raise InputError(
            _("No printer is configured: set [printer] url in the config or pass --printer URL.")
        )
    outcome = open_drawer(services, printer)
    if args.json:
        print_json({"job": outcome.job.id, "opened": outcome.printed, "error": outcome.error})
    if not outcome.printed:
        raise InputError(_("The drawer did not open: {problem}").format(problem=outcome.error))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till drawer open`."""
    drawer = sub.add_parser(
        "drawer",
        parents=[common],
        help=_("the cash drawer"),
        epilog=_("Example: till drawer open"),
    )
    steps = drawer.add_subparsers(dest="drawer_command", required=True)
    p = steps.add_parser(
        "open",
        parents=[common],
        help=_("open the cash drawer now"),
        epilog=_("Example: till drawer open --printer usb://0x0416:0x5011"),
    )
    p.add_argument("--printer", metavar="URL", help=_("the printer the drawer hangs on"))
    p.set_defaults(handler=open_drawer)
