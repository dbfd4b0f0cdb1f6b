"""`till day summary|close|pay-in|pay-out`: cashing up a till's day."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from bootstrap.services import Services
from cli.arguments import parse_date
from cli.i18n import _
from cli.output import money, print_json, table, write_csv
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
    if args.shop and args.till:
        raise InputError("Choose --till ID or --shop, not both.")
    day = _day(args, services)
    till = None if args.shop else (args.till or services.ctx.till)
    printer = _printer_if_asked(args, services)
    found = cashing_up.summary(services.uow(), day, till)
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
        print(f"cash expected in the drawer: {money(found.cash_expected)}")
    return 0


def _day(args: argparse.Namespace, services: Services) -> date:
    return parse_date(args.date) if args.date else services.ctx.clock.today()


def _rows(found: DaySummary) -> list[tuple[str, str, object]]:
    """The summary as (section, item, value) rows."""
    rows: list[tuple[str, str, object]] = []
    for method in sorted({*found.sales, *found.refunds}):
        rows.append(("sales", method, money(found.sales.get(method, 0))))
        rows.append(("refunds", method, money(found.refunds.get(method, 0))))
    rows += [("documents", kind, count) for kind, count in found.documents.items()]
    rows += [
        (
            "override",
            f"{o.document} {o.sku} x{o.quantity} by {o.operator}",
            f"{money(o.list_price)} -> {money(o.sold_price)}",
        )
        for o in found.overrides
    ]
    rows += [
        (f"paid {e.direction.value}", f"{e.at:%H:%M} {e.operator}: {e.reason}", money(e.amount))
        for e in found.cash
    ]
    rows += [
        ("cash", "paid in", money(found.paid_in)),
        ("cash", "paid out", money(found.paid_out)),
        ("cash", "expected in the drawer", money(found.cash_expected)),
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
        write_csv(("section", "item", "value"), _rows(found))
        return
    state = f"closed by {found.closed_by}" if found.closed else "open"
    print(f"{found.day} {found.till or 'all tills'}: {state}")
    table(("section", "item", "value"), _rows(found))


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
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--print", action="store_true", help="print it on the receipt printer")
    p.add_argument("--printer", metavar="URL", help="print on this printer instead")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till day …`."""
    day = sub.add_parser("day", parents=[common], help="cash up: summary, close, pay in/out")
    steps = day.add_subparsers(dest="day_command", required=True)
    p = steps.add_parser("summary", parents=[common], help="the day's (X or Z) summary")
    _output_options(p)
    p.add_argument("--till", metavar="ID", help="another till's day (default: this till)")
    p.add_argument("--shop", action="store_true", help="every till together")
    p.set_defaults(handler=summary)
    p = steps.add_parser("close", parents=[common], help="close this till's day (Z)")
    _output_options(p)
    p.set_defaults(handler=close)
    for name, what in (("pay-in", "into"), ("pay-out", "out of")):
        p = steps.add_parser(name, parents=[common], help=f"cash paid {what} the drawer")
        p.add_argument("amount", metavar="AMOUNT")
        p.add_argument("--reason", required=True)
        p.set_defaults(handler=pay)
