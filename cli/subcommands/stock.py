"""Documents that move goods: receive, sell, return, supplier-return, write-off, corrections."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bootstrap.services import Services
from cli.arguments import parse_date, parse_item, parse_receipt_line, parse_replacement
from cli.i18n import _
from cli.output import report_posted
from core.commands import (
    CorrectReceiptSerials,
    Payment,
    ReceiveStock,
    RecordSale,
    ReturnKit,
    ReturnQuantity,
    ReturnToSupplier,
    ReturnUnit,
    WriteOff,
)
from core.domain.errors import InputError, TillError
from core.domain.money import parse_money
from core.printing import JobStatus
from core.results import Posted
from core.services import corrections, kit_returns, receiving, returns, selling, stock_out

if TYPE_CHECKING:
    from devices.print.printer import ReceiptPrinter


def receive(args: argparse.Namespace, services: Services) -> int:
    """`till receive`: post a supplier's invoice."""
    if not args.line:
        raise InputError(_("Give at least one --line CODE:QTY:UNIT_COST[:SN1,SN2,...]."))
    cmd = ReceiveStock(
        supplier=args.supplier,
        lines=tuple(parse_receipt_line(text) for text in args.line),
        invoice_number=args.number,
        on=parse_date(args.date) if args.date else None,
    )
    return report_posted(receiving.receive(cmd, services.uow(), services.ctx), args.json)


def sell(args: argparse.Namespace, services: Services) -> int:
    """`till sell`: post a sale. A printer that cannot be used at all (a bad address) is
    refused before anything is posted; once the sale is posted, the exit status is 0 whatever
    the printer does, and a failed print waits in the queue."""
    from bootstrap.printing import make_printer

    printer = make_printer(services.config, args.printer)
    cmd = RecordSale(
        items=tuple(parse_item(text) for text in args.items),
        customer=args.customer,
        phone=args.phone,
        on=parse_date(args.date) if args.date else None,
        payment=Payment(args.payment),
        tendered=parse_money(args.cash) if args.cash else None,
        request_id=args.request_id,
    )
    posted = selling.sell(cmd, services.uow(), services.ctx)
    code = report_posted(posted, args.json)
    if posted.repeated:
        message = _("till: {document} was posted by this request id before")
        print(message.format(document=posted.number), file=sys.stderr)
        return code
    try:
        _print_after_sale(services, posted, printer, args.printer)
    except TillError as error:
        print(
            _("till: warning [printer]: {problem}").format(problem=error.message), file=sys.stderr
        )
    return code


def _print_after_sale(
    services: Services, posted: Posted, printer: ReceiptPrinter | None, url: str | None
) -> None:
    """Print the receipt and warranty cards per the settings; a printer fault loses nothing."""
    from bootstrap.printing import after_sale, run_job

    jobs = after_sale(services, posted, url)
    for job in jobs:
        if job.status is JobStatus.OFFERED or printer is None:
            message = _("till: {job} offered: `till print retry {id}`")
            print(message.format(job=job.describe(), id=job.id), file=sys.stderr)
            continue
        outcome = run_job(services, printer, job)
        if not outcome.printed:
            message = _("till: warning [printer]: {problem} {job} waits: `till print retry {id}`")
            print(
                message.format(problem=outcome.error, job=job.describe(), id=job.id),
                file=sys.stderr,
            )


def customer_return(args: argparse.Namespace, services: Services) -> int:
    """`till return`: take back a unit by SN, or untracked goods against a sale."""
    on = parse_date(args.date) if args.date else None
    if args.sale:
        if len(args.what) != 1:
            raise InputError(_("With --sale give one CODE*QTY to return."))
        item = parse_item(args.what[0])
        cmd_q = ReturnQuantity(args.sale, item.code, item.quantity, args.reason, on)
        refund = returns.return_quantity(cmd_q, services.uow(), services.ctx)
        code = report_posted(refund, args.json)
        _open_drawer_for_refund(services, refund)
        return code
    if len(args.what) != 1:
        raise InputError(_("Give one serial number to return (or --sale DOC CODE*QTY)."))
    if args.kit:
        cmd_kit = ReturnKit(args.what[0], reason=args.reason, on=on)
        kit_refund = kit_returns.return_kit(cmd_kit, services.uow(), services.ctx)
        code = report_posted(kit_refund, args.json)
        _open_drawer_for_refund(services, kit_refund)
        return code
    cmd = ReturnUnit(args.what[0], code=args.product, reason=args.reason, on=on)
    posted = returns.return_unit(cmd, services.uow(), services.ctx)
    code = report_posted(posted, args.json)
    _open_drawer_for_refund(services, posted)
    return code


def _open_drawer_for_refund(services: Services, posted: Posted) -> None:
    """A refund in cash opens the drawer ([drawer] on_cash); a printer fault only warns."""
    from bootstrap.printing import after_refund, make_printer, run_jobs

    printer = make_printer(services.config)
    jobs = after_refund(services, posted)
    if printer is None or not jobs:
        return
    for outcome in run_jobs(services, printer, jobs):
        if not outcome.printed:
            message = _("till: warning [printer]: {problem}")
            print(message.format(problem=outcome.error), file=sys.stderr)


def supplier_return(args: argparse.Namespace, services: Services) -> int:
    """`till supplier-return`: send goods back to the supplier."""
    cmd = ReturnToSupplier(
        args.supplier,
        tuple(parse_item(t) for t in args.items),
        args.reason,
        parse_date(args.date) if args.date else None,
    )
    return report_posted(stock_out.return_to_supplier(cmd, services.uow(), services.ctx), args.json)


def write_off(args: argparse.Namespace, services: Services) -> int:
    """`till write-off`: write goods off with a reason."""
    cmd = WriteOff(
        args.reason,
        tuple(parse_item(t) for t in args.items),
        parse_date(args.date) if args.date else None,
    )
    return report_posted(stock_out.write_off(cmd, services.uow(), services.ctx), args.json)


def receipt_serials(args: argparse.Namespace, services: Services) -> int:
    """`till receipt serials DOC OLD=NEW ...`: correct SNs of a posted receipt."""
    cmd = CorrectReceiptSerials(
        args.document, tuple(parse_replacement(p) for p in args.pairs), args.reason
    )
    posted = corrections.correct_receipt_serials(cmd, services.uow(), services.ctx)
    return report_posted(posted, args.json)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the document commands."""
    p = sub.add_parser(
        "receive",
        parents=[common],
        help=_("post a supplier's invoice"),
        epilog=_(
            "Example: till receive --supplier 'Mobiland' --number INV-77 "
            "--line PHONE:2:5200.00:SN1,SN2 --line CABLE:10:45.00"
        ),
    )
    p.add_argument("--supplier", required=True, help=_("who delivered the goods"))
    p.add_argument("--number", help=_("the supplier's invoice number"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument(
        "--line",
        action="append",
        metavar="CODE:QTY:UNIT_COST[:SN1,SN2,...]",
        help=_("one line of the invoice; may be repeated"),
    )
    p.set_defaults(handler=receive)

    p = sub.add_parser(
        "sell",
        parents=[common],
        help=_("post a sale"),
        epilog=_("Example: till sell PHONE:356938035643809 CABLE*2 --cash 7500"),
    )
    p.add_argument("items", nargs="+", metavar="ITEM", help=_("CODE:SN, CODE*QTY or CODE"))
    p.add_argument("--customer", help=_("the customer's name, for the warranty"))
    p.add_argument("--phone", help=_("the customer's phone, for the warranty"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument(
        "--payment",
        choices=[m.value for m in Payment],
        default="cash",
        help=_("how the customer pays (default: cash)"),
    )
    p.add_argument("--cash", help=_("cash handed over, to print the change"))
    p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))
    p.add_argument(
        "--request-id",
        metavar="ID",
        help=_(
            "a unique id of this sale (up to 64 characters): sent again, e.g. by a script "
            "retrying after a crash, it posts nothing new and prints the first sale's number"
        ),
    )
    p.set_defaults(handler=sell)

    p = sub.add_parser(
        "return",
        parents=[common],
        help=_("take back a sold unit or goods"),
        epilog=_("Example: till return 356938035643809 --reason 'does not switch on'"),
    )
    p.add_argument(
        "what",
        nargs="+",
        metavar="SN | CODE*QTY",
        help=_("a sold unit's SN, or CODE*QTY with --sale"),
    )
    p.add_argument("--sale", metavar="DOC", help=_("return untracked goods against this sale"))
    p.add_argument("--product", metavar="CODE", help=_("when the SN is known for several products"))
    p.add_argument(
        "--kit", action="store_true", help=_("take back the whole kit holding this component SN")
    )
    p.add_argument("--reason", help=_("why the customer brings it back"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=customer_return)

    p = sub.add_parser(
        "supplier-return",
        parents=[common],
        help=_("send goods back to a supplier"),
        epilog=_("Example: till supplier-return --supplier 'Mobiland' PHONE:SN1 --reason faulty"),
    )
    p.add_argument("--supplier", required=True, help=_("who takes the goods back"))
    p.add_argument("--reason", help=_("why they go back"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("items", nargs="+", metavar="ITEM", help=_("CODE:SN, CODE*QTY or CODE"))
    p.set_defaults(handler=supplier_return)

    p = sub.add_parser(
        "write-off",
        parents=[common],
        help=_("write goods off"),
        epilog=_("Example: till write-off --reason 'broken screen' GLASS*3"),
    )
    p.add_argument("--reason", required=True, help=_("why the goods are written off"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("items", nargs="+", metavar="ITEM", help=_("CODE:SN, CODE*QTY or CODE"))
    p.set_defaults(handler=write_off)

    p = sub.add_parser(
        "receipt",
        parents=[common],
        help=_("work on a posted receipt"),
        epilog=_("Example: till receipt serials RC-000001 SN1=SN1-REAL"),
    )
    receipt_sub = p.add_subparsers(dest="receipt_command", required=True)
    q = receipt_sub.add_parser(
        "serials",
        parents=[common],
        help=_("correct SNs of a receipt"),
        epilog=_("Example: till receipt serials RC-000001 SN1=SN1-REAL --reason typo"),
    )
    q.add_argument("document", help=_("the receipt's number, like RC-000001"))
    q.add_argument("pairs", nargs="+", metavar="OLD_SN=NEW_SN", help=_("what to put right"))
    q.add_argument("--reason", help=_("why, as the correction will say"))
    q.set_defaults(handler=receipt_serials)
