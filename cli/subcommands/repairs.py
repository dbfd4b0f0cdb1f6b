"""`till repair …` and `till rma …`: repair orders by serial number and supplier RMAs."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bootstrap.services import Services
from cli.arguments import add_format_option, parse_date, parse_quantity
from cli.i18n import N_, _
from cli.output import money, posted_json, print_json, print_rows, table
from core.commands import Payment
from core.domain.errors import InputError
from core.domain.money import format_money, parse_money
from core.domain.repairs import SET_BY_HAND, RepairStatus
from core.repair_commands import (
    AcceptRepair,
    AddLabour,
    AddPart,
    AnswerRma,
    ChangeStatus,
    HandBack,
    ReplaceUnit,
    SendToSupplier,
    WriteOffUnit,
)
from core.repair_views import OrderView, ServiceSettings
from core.services import repair_intake, repair_orders, repair_reports, rma, service_settings


def _settings(services: Services) -> ServiceSettings:
    return service_settings.load(services.uow(), services.config.service)


def _date(text: str | None) -> Any:
    return parse_date(text) if text else None


def _printer_checked(args: argparse.Namespace, services: Services) -> None:
    """A --printer address that cannot be used is refused before anything is posted."""
    if getattr(args, "printer", None):
        from bootstrap.printing import make_printer

        make_printer(services.config, args.printer)


def accept(args: argparse.Namespace, services: Services) -> int:
    """`till repair accept SN`: take a unit in; prints the order number."""
    _printer_checked(args, services)
    cmd = AcceptRepair(
        serial=args.serial,
        complaint=args.complaint,
        code=args.product,
        customer=args.customer,
        phone=args.phone,
        accessories=args.with_,
        condition=args.condition,
        device=args.device,
        paid=args.paid,
        warranty=args.warranty,
        reason=args.reason,
        estimate=parse_money(args.estimate) if args.estimate else None,
        technician=args.technician,
        on=_date(args.date),
    )
    done = repair_intake.accept(cmd, services.uow(), services.ctx)
    if args.json:
        print_json(done)
    else:
        print(done.order)
    _print_slip(args, services, done.order)
    return 0


def _print_slip(args: argparse.Namespace, services: Services, order: str) -> bool:
    """The repair receipt through the print queue, when a printer is there; a failed print
    is a warning (the order is taken) and waits in the queue."""
    from bootstrap.printing import print_repair_slip

    outcomes = print_repair_slip(services, order, getattr(args, "printer", None))
    for outcome in outcomes:
        if not outcome.printed:
            message = _("till: warning [printer]: {problem}; till print retry")
            print(message.format(problem=outcome.error), file=sys.stderr)
    return bool(outcomes) and all(o.printed for o in outcomes)


def print_slip(args: argparse.Namespace, services: Services) -> int:
    """`till repair print ORDER`: the repair receipt again."""
    from bootstrap.printing import make_printer

    repair_orders.show(services.uow(), args.order, services.ctx.clock.today(), ServiceSettings())
    if make_printer(services.config, args.printer) is None:
        raise InputError(_("No printer: set [printer] url in the config, or give --printer URL."))
    return 0 if _print_slip(args, services, args.order.strip().upper()) else 3


def order_json(view: OrderView) -> dict[str, Any]:
    """An order as `till repair show --json` gives it."""
    order = view.order
    parts = [line for line in view.lines if line.kind == "part"]
    labour = [line for line in view.lines if line.kind == "labour"]
    return {
        "order": order.number,
        "serial": order.serial,
        "unit_serial": order.unit_serial,
        "sku": view.sku,
        "name": view.name,
        "device": order.device,
        "status": order.status.value,
        "status_reason": order.status_reason,
        "warranty": order.warranty,
        "warranty_end": order.warranty_end,
        "override_reason": order.override_reason,
        "sold_by_us": order.sold_by_us,
        "customer": order.customer,
        "phone": order.phone,
        "complaint": order.complaint,
        "with": order.accessories,
        "condition": order.condition,
        "estimate": money(order.estimate),
        "technician": order.technician,
        "opened_on": order.opened_on,
        "closed_on": order.closed_on,
        "overdue": view.overdue,
        "events": [
            {
                "status": e.status.value,
                "reason": e.reason,
                "date": e.on,
                "at": e.at,
                "till": e.till,
                "operator": e.operator,
            }
            for e in view.events
        ],
        "parts": [
            {
                "sku": p.sku,
                "serial": p.serial,
                "quantity": p.quantity,
                "price": money(p.price),
                "cost": money(p.cost),
                "document": p.document,
            }
            for p in parts
        ],
        "labour": [{"text": line.text, "price": money(line.price)} for line in labour],
        "total": money(view.charges.customer_total),
        "warranty_cost": money(view.charges.warranty_cost),
        "replacements": [
            {"old": link.old_serial, "new": link.new_serial, "document": link.document}
            for link in view.links
        ],
    }


def show(args: argparse.Namespace, services: Services) -> int:
    """`till repair show ORDER`."""
    today = services.ctx.clock.today()
    view = repair_orders.show(services.uow(), args.order, today, _settings(services))
    if args.json:
        print_json(order_json(view))
        return 0
    order = view.order
    what = f"{view.sku or ''} {view.name or ''}".strip()
    kind = _("warranty") if order.warranty else _("paid")
    overdue = _(" (overdue)") if view.overdue else ""
    print(f"{order.number}  {order.serial}  {what}  {kind}  {order.status.value}{overdue}")
    customer = f"{order.customer or ''} {order.phone or ''}"
    print(_("customer: {customer}").format(customer=customer).rstrip())
    print(_("complaint: {complaint}").format(complaint=order.complaint))
    table(
        (_("date"), _("status"), _("by"), _("reason")),
        [(e.on, e.status.value, e.operator, e.reason) for e in view.events],
    )
    if view.lines:
        table(
            (_("kind"), _("what"), _("serial"), _("qty"), _("price")),
            [
                (line.kind, line.sku or line.text, line.serial, line.quantity, money(line.price))
                for line in view.lines
            ],
        )
    print(_("total: {amount}").format(amount=format_money(view.charges.customer_total)))
    return 0


def status(args: argparse.Namespace, services: Services) -> int:
    """`till repair status ORDER STATUS`."""
    cmd = ChangeStatus(args.order, RepairStatus(args.status), args.reason, _date(args.date))
    done = repair_orders.change_status(cmd, services.uow(), services.ctx)
    if args.json:
        print_json({"order": args.order.strip().upper(), "status": done.value})
    else:
        print(f"{args.order.strip().upper()} {done.value}")
    return 0


def part(args: argparse.Namespace, services: Services) -> int:
    """`till repair part ORDER CODE[:SN]`: a part written off from stock on the order."""
    code, _sep, serial = args.item.partition(":")
    if not code.strip():
        raise InputError(_("“{item}” should be CODE or CODE:SN.").format(item=args.item))
    quantity = parse_quantity(args.qty, args.item) if args.qty else 1
    cmd = AddPart(args.order, code.strip(), serial.strip() or None, quantity, _date(args.date))
    return _posted(repair_orders.add_part(cmd, services.uow(), services.ctx), args.json)


def labour(args: argparse.Namespace, services: Services) -> int:
    """`till repair labour ORDER --text TEXT --price AMOUNT`."""
    cmd = AddLabour(args.order, args.text, parse_money(args.price))
    number = repair_orders.add_labour(cmd, services.uow(), services.ctx)
    if args.json:
        print_json({"order": number, "text": args.text, "price": money(cmd.price)})
    else:
        print(number)
    return 0


def replace(args: argparse.Namespace, services: Services) -> int:
    """`till repair replace ORDER NEW_SN`: another unit from stock under warranty."""
    if args.reason and not args.fresh_warranty:
        raise InputError(_("--reason goes with --fresh-warranty."))
    _printer_checked(args, services)
    cmd = ReplaceUnit(
        args.order,
        args.serial,
        args.product,
        args.fresh_warranty,
        args.reason,
        _date(args.date),
    )
    posted = repair_orders.replace_unit(cmd, services.uow(), services.ctx)
    code = _posted(posted, args.json)
    from bootstrap.printing import print_warranty_cards

    print_warranty_cards(services, posted, getattr(args, "printer", None))
    return code


def write_off(args: argparse.Namespace, services: Services) -> int:
    """`till repair write-off ORDER --reason TEXT`: the unit left in repair is written off."""
    cmd = WriteOffUnit(args.order, args.reason, _date(args.date))
    return _posted(repair_orders.write_off_unit(cmd, services.uow(), services.ctx), args.json)


def hand_back(args: argparse.Namespace, services: Services) -> int:
    """`till repair hand-back ORDER`: the unit goes back; a paid repair is paid now."""
    _printer_checked(args, services)
    cmd = HandBack(
        args.order,
        Payment(args.payment),
        parse_money(args.cash) if args.cash else None,
        _date(args.date),
    )
    done = repair_orders.hand_back(cmd, services.uow(), services.ctx, _settings(services))
    if args.json:
        print_json(
            {
                "order": done.order,
                "document": done.document,
                "serial": done.serial,
                "total": money(done.total),
                "payment": done.payment,
                "change": money(done.change),
                "warranty_end": done.warranty_end,
            }
        )
    else:
        print(done.document)
        if done.change:
            print(_("change: {amount}").format(amount=format_money(done.change)))
    _print_slip(args, services, done.order)
    return 0


_LIST_HEADERS = (
    N_("order"),
    N_("serial"),
    N_("sku"),
    N_("customer"),
    N_("status"),
    N_("opened_on"),
    N_("age_days"),
    N_("overdue"),
    N_("warranty"),
)


def orders(args: argparse.Namespace, services: Services) -> int:
    """`till repair list`: open orders by status and age, overdue ones marked."""
    rows = repair_reports.open_orders(
        services.uow(),
        services.ctx.clock.today(),
        _settings(services),
        status=args.status,
        overdue=args.overdue,
        include_closed=args.all,
    )
    values = [
        (
            r.order,
            r.serial,
            r.sku,
            r.customer,
            r.status.value,
            r.opened_on,
            r.age_days,
            r.overdue,
            r.warranty,
        )
        for r in rows
    ]
    print_rows(args, _LIST_HEADERS, values, N_("{count} orders"))
    return 0


def report(args: argparse.Namespace, services: Services) -> int:
    """`till repair report cost|repeats`: warranty cost, units and products repaired again."""
    uow = services.uow()
    values: list[tuple[object, ...]]
    if args.kind == "cost":
        rows = repair_reports.warranty_cost(uow, by=args.by)
        headers: tuple[str, ...] = (
            args.by,
            N_("name"),
            N_("orders"),
            N_("parts_cost"),
            N_("labour"),
            N_("total"),
        )
        values = [
            (r.key, r.name, r.orders, money(r.parts_cost), money(r.labour), money(r.total))
            for r in rows
        ]
    else:
        repeats = repair_reports.repeated(uow, by="product" if args.by == "product" else "serial")
        key = N_("serial") if args.by != "product" else N_("product")
        headers = (key, N_("sku"), N_("orders"), N_("numbers"))
        values = [(r.key, r.sku, r.orders, " ".join(r.numbers)) for r in repeats]
    print_rows(args, headers, values, N_("{count} lines"))
    return 0


def rma_send(args: argparse.Namespace, services: Services) -> int:
    """`till rma send --supplier NAME SN ...`."""
    cmd = SendToSupplier(args.supplier, tuple(args.serials), _date(args.date))
    return _posted(rma.send(cmd, services.uow(), services.ctx), args.json)


def rma_answer(args: argparse.Namespace, services: Services) -> int:
    """`till rma answer RMA SN repaired|credited|replaced:NEW_SN`."""
    answer, _sep, new = args.answer.partition(":")
    cmd = AnswerRma(args.rma, args.serial, answer.strip(), new.strip() or None, _date(args.date))
    number = rma.answer(cmd, services.uow(), services.ctx)
    if args.json:
        print_json({"rma": args.rma.strip().upper(), "document": number, "answer": cmd.answer})
    else:
        print(number)
    return 0


def rma_list(args: argparse.Namespace, services: Services) -> int:
    """`till rma list`: units at suppliers with the days waited."""
    rows = rma.at_suppliers(services.uow(), services.ctx.clock.today())
    headers = (
        N_("rma"),
        N_("supplier"),
        N_("sku"),
        N_("serial"),
        N_("order"),
        N_("sent_on"),
        N_("days_waited"),
    )
    values = [(r.rma, r.supplier, r.sku, r.serial, r.order, r.sent_on, r.days_waited) for r in rows]
    print_rows(args, headers, values, N_("{count} units"))
    return 0


def _posted(posted: Any, as_json: bool) -> int:
    if as_json:
        print_json(posted_json(posted))
    else:
        print(posted.number)
    for warning in posted.warnings:
        message = _("till: warning [{rule}]: {message}")
        print(message.format(rule=warning.rule, message=warning.message), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till repair` and `till rma`."""
    repair = sub.add_parser(
        "repair",
        parents=[common],
        help=_("repair orders by serial number"),
        epilog=_("Example: till repair list --overdue"),
    )
    actions = repair.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_accept(actions, common)
    p = actions.add_parser(
        "show",
        parents=[common],
        help=_("an order with its history"),
        epilog=_("Example: till repair show RP-000001"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.set_defaults(handler=show)
    p = actions.add_parser(
        "print",
        parents=[common],
        help=_("print the repair receipt again"),
        epilog=_("Example: till repair print RP-000001"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))
    p.set_defaults(handler=print_slip)
    p = actions.add_parser(
        "status",
        parents=[common],
        help=_("change an order's status"),
        epilog=_("Example: till repair status RP-000001 refused --reason 'too costly'"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("status", choices=[s.value for s in SET_BY_HAND], help=_("the new status"))
    p.add_argument("--reason", help=_("why (needed for refused)"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=status)
    p = actions.add_parser(
        "part",
        parents=[common],
        help=_("write a part off on the order"),
        epilog=_("Example: till repair part RP-000001 SCREEN-A15"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("item", metavar="CODE[:SN]", help=_("the part's code, and its SN if tracked"))
    p.add_argument("--qty", help=_("how many of an untracked part (default 1)"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=part)
    p = actions.add_parser(
        "labour",
        parents=[common],
        help=_("a labour line with its price"),
        epilog=_("Example: till repair labour RP-000001 --text 'screen replacement' --price 400"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("--text", required=True, help=_("the work done, as the receipt shows it"))
    p.add_argument("--price", required=True, metavar="AMOUNT", help=_("what the work costs"))
    p.set_defaults(handler=labour)
    p = actions.add_parser(
        "replace",
        parents=[common],
        help=_("another unit under warranty"),
        epilog=_("Example: till repair replace RP-000001 356938035643817"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("serial", metavar="NEW_SN", help=_("the SN of the unit from stock"))
    p.add_argument("--product", metavar="CODE", help=_("another product than the one replaced"))
    p.add_argument("--fresh-warranty", action="store_true", help=_("a new period from today"))
    p.add_argument("--reason", help=_("why the fresh warranty"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--printer", metavar="URL", help=_("print the warranty card here"))
    p.set_defaults(handler=replace)
    p = actions.add_parser(
        "hand-back",
        parents=[common],
        help=_("give the unit back (and take pay)"),
        epilog=_("Example: till repair hand-back RP-000001 --cash 500"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument(
        "--payment",
        choices=[m.value for m in Payment],
        default="cash",
        help=_("how the customer pays (default: cash)"),
    )
    p.add_argument("--cash", metavar="AMOUNT", help=_("cash handed over, to give change"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--printer", metavar="URL", help=_("print the receipt (with the payment) here"))
    p.set_defaults(handler=hand_back)
    p = actions.add_parser(
        "write-off",
        parents=[common],
        help=_("write off the unit left in repair (a manager)"),
        epilog=_("Example: till repair write-off RP-000001 --reason 'beyond repair'"),
    )
    p.add_argument("order", help=_("the order's number, like RP-000001"))
    p.add_argument("--reason", required=True, help=_("why the unit is written off"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=write_off)
    p = actions.add_parser(
        "list",
        parents=[common],
        help=_("open orders by status and age"),
        epilog=_("Example: till repair list --status in_repair --format csv"),
    )
    p.add_argument(
        "--status", choices=[s.value for s in RepairStatus], help=_("orders in this status only")
    )
    p.add_argument("--overdue", action="store_true", help=_("only orders past the repair term"))
    p.add_argument("--all", action="store_true", help=_("closed orders too"))
    add_format_option(p)
    p.set_defaults(handler=orders)
    p = actions.add_parser(
        "report",
        parents=[common],
        help=_("warranty cost, repeated repairs"),
        epilog=_("Example: till repair report cost --by supplier"),
    )
    p.add_argument(
        "kind",
        choices=["cost", "repeats"],
        help=_("cost: what warranty repairs cost; repeats: units and products repaired again"),
    )
    p.add_argument(
        "--by",
        choices=["product", "supplier", "serial"],
        default="product",
        help=_("one line per product, supplier or serial number (default: product)"),
    )
    add_format_option(p)
    p.set_defaults(handler=report)
    _register_rma(sub, common)


def _register_accept(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = actions.add_parser(
        "accept",
        parents=[common],
        help=_("take a unit in for repair by its SN"),
        epilog=_("Example: till repair accept SN-0001 --complaint 'does not charge' --with 'box'"),
    )
    p.add_argument("serial", metavar="SN", help=_("the unit's serial number"))
    p.add_argument("--product", metavar="CODE", help=_("the product, when the SN is ambiguous"))
    p.add_argument("--complaint", required=True, help=_("what the customer says is wrong"))
    p.add_argument("--customer", help=_("the customer's name"))
    p.add_argument("--phone", help=_("the customer's phone"))
    p.add_argument("--with", dest="with_", metavar="TEXT", help=_("what came with it"))
    p.add_argument("--condition", help=_("visible condition"))
    p.add_argument("--paid", action="store_true", help=_("a paid repair (override: --reason)"))
    p.add_argument("--warranty", action="store_true", help=_("under warranty (override: --reason)"))
    p.add_argument("--reason", help=_("why the ledger's warranty decision is overridden"))
    p.add_argument("--estimate", metavar="AMOUNT", help=_("the price quoted to the customer"))
    p.add_argument("--technician", help=_("who will repair it"))
    p.add_argument("--device", metavar="TEXT", help=_("what a device the shop never sold is"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.add_argument("--printer", metavar="URL", help=_("print the repair receipt here"))
    p.set_defaults(handler=accept)


def _register_rma(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    rma_parser = sub.add_parser(
        "rma",
        parents=[common],
        help=_("units sent to suppliers (RMA)"),
        epilog=_("Example: till rma list"),
    )
    actions = rma_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser(
        "send",
        parents=[common],
        help=_("send units in repair to a supplier"),
        epilog=_("Example: till rma send --supplier 'Mobiland' SN-0001 SN-0002"),
    )
    p.add_argument("--supplier", required=True, help=_("who takes the units"))
    p.add_argument("serials", nargs="+", metavar="SN", help=_("the units' serial numbers"))
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=rma_send)
    p = actions.add_parser(
        "answer",
        parents=[common],
        help=_("the supplier's answer for a unit"),
        epilog=_("Example: till rma answer RM-000001 SN-0001 replaced:SN-0009"),
    )
    p.add_argument("rma", help=_("the RMA's number, like RM-000001"))
    p.add_argument("serial", metavar="SN", help=_("the unit's serial number"))
    p.add_argument(
        "answer",
        metavar="repaired|credited|replaced:NEW_SN",
        help=_("what the supplier did; with replaced, the new unit's SN"),
    )
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    p.set_defaults(handler=rma_answer)
    p = actions.add_parser(
        "list",
        parents=[common],
        help=_("units at suppliers, days waited"),
        epilog=_("Example: till rma list --format csv"),
    )
    add_format_option(p)
    p.set_defaults(handler=rma_list)
