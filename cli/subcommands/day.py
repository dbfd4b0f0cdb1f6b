"""`till day summary|close|pay-in|pay-out`: cashing up a till's day."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from bootstrap.services import Services
from cli.arguments import add_format_option, parse_date
from cli.i18n import N_, _
from cli.output import money, print_json, table, write_csv
from cli.subcommands.lookup import location_filter
from core.commands import MoveCash
from core.domain.day_summary import CashDirection, DaySummary, to_json
from core.domain.errors import InputError
from core.domain.money import parse_money
from core.printing import JobKind
from core.services import cashing_up, print_jobs
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.print.printer import ReceiptPrinter


def summary(args: argparse.Namespace, services: Services) -> int:
    """The day of this till (or --till ID, or --shop), on screen, as CSV or JSON."""
    if sum(1 for chosen in (args.shop, args.till, args.location) if chosen) > 1:
        raise InputError(_("Choose one of --till ID, --location CODE or --shop."))
    if args.location and (args.print or args.printer):
        raise InputError(
            _("A location's day is shown, not printed: print each till's day or the shop's.")
        )
    day = _day(args, services)
    site = location_filter(services, args.location)
    till = None if args.shop or site else (args.till or services.ctx.till)
    printer = _printer_if_asked(args, services)
    found = cashing_up.summary(services.uow(), day, till, site)
    _show(found, "json" if args.json else args.format)
    if printer is not None:
        _print_summary(services, printer, day, till, closed=False)
    return 0


def close(args: argparse.Namespace, services: Services) -> int:
    """Close this till's day: the summary is stored and never changes afterwards. A printer
    that cannot be used at all is refused before the day is closed; once it is closed, a
    printer fault only warns and leaves the print waiting."""
    printer = _printer_if_asked(args, services)
    found = cashing_up.close_day(services.uow(), services.ctx, _day(args, services))
    _show(found, "json" if args.json else args.format)
    if printer is not None:
        _print_summary(services, printer, found.day, found.till, closed=True)
    return 0


def pay(args: argparse.Namespace, services: Services) -> int:
    """Cash paid into (pay-in) or out of (pay-out) this till's drawer, with the reason."""
    direction = CashDirection.IN if args.day_command == "pay-in" else CashDirection.OUT
    cmd = MoveCash(direction, parse_money(args.amount), args.reason)
    found = cashing_up.move_cash(cmd, services.uow(), services.ctx)
    if args.json:
        print_json({"cash_expected": money(found.cash_expected)})
    else:
        print(_("cash expected in the drawer: {amount}").format(amount=money(found.cash_expected)))
    return 0


def _day(args: argparse.Namespace, services: Services) -> date:
    return parse_date(args.date) if args.date else services.ctx.clock.today()


HEADERS = (N_("section"), N_("item"), N_("value"))
PAID = {CashDirection.IN: N_("paid in"), CashDirection.OUT: N_("paid out")}


def _as_written(text: str) -> str:
    return text


def _rows(
    found: DaySummary, say: Callable[[str], str] = _as_written
) -> list[tuple[str, str, object]]:
    """The summary as (section, item, value) rows; ``say`` words them for people (CSV keeps
    the English words scripts match)."""
    rows: list[tuple[str, str, object]] = []
    for method in sorted({*found.sales, *found.refunds}):
        rows.append((say(N_("sales")), say(method), money(found.sales.get(method, 0))))
        rows.append((say(N_("refunds")), say(method), money(found.refunds.get(method, 0))))
    rows += [(say(N_("documents")), say(kind), count) for kind, count in found.documents.items()]
    rows += [
        (
            say(N_("override")),
            say(N_("{document} {sku} x{quantity} by {operator}")).format(
                document=o.document, sku=o.sku, quantity=o.quantity, operator=o.operator
            ),
            f"{money(o.list_price)} -> {money(o.sold_price)}",
        )
        for o in found.overrides
    ]
    rows += [
        (say(PAID[e.direction]), f"{e.at:%H:%M} {e.operator}: {e.reason}", money(e.amount))
        for e in found.cash
    ]
    rows += [
        (say(N_("cash")), say(N_("paid in")), money(found.paid_in)),
        (say(N_("cash")), say(N_("paid out")), money(found.paid_out)),
        (say(N_("cash")), say(N_("expected in the drawer")), money(found.cash_expected)),
    ]
    return rows


def _json(found: DaySummary) -> dict[str, object]:
    """The summary for scripts: amounts as decimal strings, as every command gives them."""
    data = to_json(found)
    for key in ("sales", "refunds"):
        data[key] = {method: money(amount) for method, amount in data[key].items()}
    for override in data["overrides"]:
        override["list_price"] = money(override["list_price"])
        override["sold_price"] = money(override["sold_price"])
    for entry in data["cash"]:
        entry["amount"] = money(entry["amount"])
    return {
        **data,
        "paid_in": money(found.paid_in),
        "paid_out": money(found.paid_out),
        "cash_expected": money(found.cash_expected),
    }


def _show(found: DaySummary, fmt: str) -> None:
    if fmt == "json":
        print_json(_json(found))
        return
    if fmt == "csv":
        write_csv(HEADERS, _rows(found))
        return
    state = _("closed by {user}").format(user=found.closed_by) if found.closed else _("open")
    print(
        _("{day} {till}: {state}").format(
            day=found.day, till=found.till or _("all tills"), state=state
        )
    )
    table([_(header) for header in HEADERS], _rows(found, _))


def _printer_if_asked(args: argparse.Namespace, services: Services) -> ReceiptPrinter | None:
    """The receipt printer when --print asks for one (its address checked); None otherwise."""
    if not args.print:
        return None
    from bootstrap.printing import make_printer

    printer = make_printer(services.config, args.printer)
    if printer is None:
        raise InputError(
            _("No printer is configured: set [printer] url in the config or pass --printer URL.")
        )
    return printer


def _print_summary(
    services: Services, printer: ReceiptPrinter, day: date, till: str | None, *, closed: bool
) -> None:
    """Queue the summary for the receipt printer and print it. A closed day stays closed
    whatever the printer does: its fault is a warning; for a summary it is a device error."""
    from bootstrap.printing import run_job

    job = print_jobs.queue(
        services.uow(),
        services.ctx,
        JobKind.DAY_SUMMARY,
        document=day.isoformat(),
        serial=till or "",
    )
    outcome = run_job(services, printer, job)
    if outcome.printed:
        return
    message = _("{error} The job {job} waits: `till print retry`.").format(
        error=outcome.error, job=job.id
    )
    if not closed:
        raise DeviceError(message)
    print(_("till: warning [printer]: {problem}").format(problem=message), file=sys.stderr)


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    add_format_option(p)
    p.add_argument("--print", action="store_true", help=_("print it on the receipt printer"))
    p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till day …`."""
    day = sub.add_parser(
        "day",
        parents=[common],
        help=_("cash up: summary, close, pay in/out"),
        epilog=_("Example: till day summary --shop"),
    )
    steps = day.add_subparsers(dest="day_command", required=True)
    p = steps.add_parser(
        "summary",
        parents=[common],
        help=_("the day's (X or Z) summary"),
        epilog=_("Example: till day summary --date 2026-12-01 --format csv"),
    )
    _output_options(p)
    p.add_argument("--till", metavar="ID", help=_("another till's day (default: this till)"))
    p.add_argument("--shop", action="store_true", help=_("every till together"))
    p.add_argument("--location", metavar="CODE", help=_("every till of this location together"))
    p.set_defaults(handler=summary)
    p = steps.add_parser(
        "close",
        parents=[common],
        help=_("close this till's day (Z)"),
        epilog=_("Example: till day close --print"),
    )
    _output_options(p)
    p.set_defaults(handler=close)
    p = steps.add_parser(
        "pay-in",
        parents=[common],
        help=_("cash paid into the drawer"),
        epilog=_("Example: till day pay-in 500 --reason 'change float'"),
    )
    p.add_argument("amount", metavar="AMOUNT", help=_("how much cash, like 500 or 120.50"))
    p.add_argument("--reason", required=True, help=_("why the cash goes in"))
    p.set_defaults(handler=pay)
    p = steps.add_parser(
        "pay-out",
        parents=[common],
        help=_("cash paid out of the drawer"),
        epilog=_("Example: till day pay-out 100 --reason 'courier'"),
    )
    p.add_argument("amount", metavar="AMOUNT", help=_("how much cash, like 500 or 120.50"))
    p.add_argument("--reason", required=True, help=_("why the cash goes out"))
    p.set_defaults(handler=pay)
