"""Working on a repair order: its status, parts and labour, a replacement, the hand-back."""

from __future__ import annotations

from datetime import date, timedelta

from core.commands import Item, Payment
from core.domain.document_check import UnitCheck
from core.domain.errors import DomainError, InputError
from core.domain.kinds import DocumentKind, Operation, move_of
from core.domain.movements import DocumentRef
from core.domain.permissions import Right
from core.domain.repairs import (
    Charges,
    RepairStatus,
    can_hand_back,
    check_change,
    is_overdue,
    require_open,
)
from core.domain.tracking import UnitFacts
from core.domain.units import Location
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.repair_commands import (
    AddLabour,
    AddPart,
    ChangeStatus,
    HandBack,
    ReplaceUnit,
    WriteOffUnit,
)
from core.repair_views import HandedBack, OrderLine, OrderRow, OrderView, ServiceSettings
from core.results import Posted
from core.services.authority import require, spend_approval
from core.services.checks import require_product
from core.services.outgoing import take_out
from core.services.posting import Posting
from core.services.repair_ledger import record_status, require_order, step_posting


def show(uow: UnitOfWork, number: str, as_of: date, settings: ServiceSettings) -> OrderView:
    """An order with its status changes, parts, labour, charges and replacements."""
    order = require_order(uow, number, lock=False)
    product = uow.catalogue.product_by_id(order.product_id) if order.product_id else None
    lines = tuple(uow.repairs.lines(order.id))
    numbers = {order.serial, order.unit_serial}
    links = tuple(
        link
        for link in uow.repairs.links()
        if link.order == order.number or {link.old_serial, link.new_serial} & numbers
    )
    return OrderView(
        order=order,
        sku=product.sku if product else None,
        name=product.name if product else order.device,
        events=tuple(uow.repairs.changes(order.id)),
        lines=lines,
        charges=charges(order, lines),
        links=links,
        overdue=is_overdue(order.status, order.opened_on, as_of, settings.repair_term_days),
    )


def charges(order: OrderRow, lines: tuple[OrderLine, ...] | list[OrderLine]) -> Charges:
    """What the order's parts and labour come to."""
    parts = [line for line in lines if line.kind == "part"]
    return Charges(
        parts=sum(line.price for line in parts),
        labour=sum(line.price for line in lines if line.kind == "labour"),
        parts_cost=sum(line.cost for line in parts),
        warranty=order.warranty,
    )


def change_status(cmd: ChangeStatus, uow: UnitOfWork, ctx: Context) -> RepairStatus:
    """Move an order to another status, dated and signed; a refusal needs its reason."""
    reason = (cmd.reason or "").strip() or None
    if cmd.status is RepairStatus.REFUSED and not reason:
        raise InputError(_("Refusing a repair needs a reason."))
    with uow:
        order = require_order(uow, cmd.order)
        require_open(order.number, order.status)
        check_change(order.number, order.status, cmd.status)
        record_status(uow, ctx, order, cmd.status, cmd.on or ctx.clock.today(), reason)
    return cmd.status


def add_labour(cmd: AddLabour, uow: UnitOfWork, ctx: Context) -> str:
    """A line of labour with its price; the order's number."""
    with uow:
        order = require_order(uow, cmd.order)
        require_open(order.number, order.status)
        uow.repairs.add_line(
            order.id, "labour", quantity=1, text=cmd.text.strip(), price=cmd.price, cost=0
        )
    return order.number


def add_part(cmd: AddPart, uow: UnitOfWork, ctx: Context) -> Posted:
    """Write a part off from stock on the order: by its SN when tracked (strict tracking
    refuses an SN not in stock), by quantity at FIFO cost otherwise."""
    on = cmd.on or ctx.clock.today()
    with uow:
        order = require_order(uow, cmd.order)
        require_open(order.number, order.status)
        product = require_product(uow, cmd.code)
        posting = _step(uow, ctx, order, on)
        move = move_of(DocumentKind.REPAIR, Location.STORE, Location.WRITTEN_OFF)
        serial = (cmd.serial or "").strip() or None
        quantity = 1 if serial else cmd.quantity
        with posting.refusals_first():
            line_id = posting.add_line(product, quantity, product.price)
            take_out(posting, move, product, line_id, [Item(product.sku, serial, cmd.quantity)])
        posted = posting.finish(total=0)
        if not uow.checking:
            uow.repairs.add_line(
                order.id,
                "part",
                document_id=posting.document.id,
                product_id=product.id,
                serial=(posted.lines[0].serials or (None,))[0],
                quantity=quantity,
                price=product.price * quantity,
                cost=sum(m.unit_cost * m.quantity for m in posting.movements),
            )
        return posted


def replace_unit(cmd: ReplaceUnit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Give the customer another unit from stock under warranty; the old one stays in
    repair. The new unit keeps the original warranty end, or gets a fresh period (a reason)."""
    on = cmd.on or ctx.clock.today()
    reason = (cmd.reason or "").strip() or None
    if cmd.fresh_warranty and not reason:
        raise InputError(_("A fresh warranty period for a replacement needs a reason."))
    with uow:
        order = require_order(uow, cmd.order)
        require_open(order.number, order.status)
        if not order.warranty or order.unit_product_id is None or order.unit_serial is None:
            raise DomainError(
                _(
                    "Repair order {order} is a paid repair: "
                    "a replacement is given under warranty only."
                ).format(order=order.number),
                rule="repair_not_warranty",
            )
        old_product = uow.catalogue.product_by_id(order.unit_product_id)
        product = require_product(uow, cmd.code) if cmd.code else old_product
        old = uow.units.get(old_product.id, order.unit_serial)
        end = product.warranty.end(on) if cmd.fresh_warranty else order.warranty_end
        posting = _step(uow, ctx, order, on)
        move = move_of(DocumentKind.REPAIR, Location.STORE, Location.CUSTOMER)
        with posting.refusals_first():
            line_id = posting.add_line(product, 1, 0)
            price = old.price if old and old.price is not None else 0
            take_out(posting, move, product, line_id, [Item(product.sku, cmd.serial)], price, end)
        posted = posting.finish(total=0)
        if not uow.checking:
            uow.repairs.add_link(
                old_product_id=old_product.id,
                old_serial=order.unit_serial,
                new_product_id=product.id,
                new_serial=posted.lines[0].serials[0],
                order_id=order.id,
                document_id=posting.document.id,
                fresh_warranty=cmd.fresh_warranty,
                reason=reason,
            )
            record_status(uow, ctx, order, RepairStatus.REPLACED, on, reason)
        return posted


def hand_back(
    cmd: HandBack, uow: UnitOfWork, ctx: Context, settings: ServiceSettings
) -> HandedBack:
    """Give the unit back (repair → customer), taking payment for a paid repair; under
    warranty the customer pays nothing. The warranty end is extended by the days in repair
    when the shop says so."""
    on = cmd.on or ctx.clock.today()
    with uow:
        order = require_order(uow, cmd.order)
        can_hand_back(order.number, order.status)
        total = charges(order, uow.repairs.lines(order.id)).customer_total
        payment, tendered = _payment(cmd, total)
        posting = _step(uow, ctx, order, on)
        end = _give_back_unit(posting, order, on, settings)
        posted = posting.finish(total=total, payment=payment, tendered=tendered)
        if not uow.checking:
            record_status(uow, ctx, order, RepairStatus.HANDED_BACK, on)
    return HandedBack(
        order.number,
        posted.number,
        order.unit_serial or order.serial,
        total,
        payment,
        tendered,
        end,
    )


def write_off_unit(cmd: WriteOffUnit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Write off the unit an order left in repair (repair → written off) on a step of the
    order, which closes as written off: the old unit of a replacement, or one beyond repair.
    A manager's action; the reason is recorded with the status change."""
    reason = cmd.reason.strip()
    if not reason:
        raise InputError(_("Writing a unit off needs a reason."))
    on = cmd.on or ctx.clock.today()
    with uow:
        require(ctx, Right.WRITE_OFF)
        order = require_order(uow, cmd.order)
        if order.status is not RepairStatus.REPLACED:
            # A replaced order is closed but still holds its old unit in repair.
            require_open(order.number, order.status)
        if order.unit_product_id is None or order.unit_serial is None:
            raise DomainError(
                _(
                    "Repair order {order} is for a device the shop never sold: "
                    "it is not the shop's to write off."
                ).format(order=order.number),
                rule="repair_not_ours",
            )
        product = uow.catalogue.product_by_id(order.unit_product_id)
        posting = _step(uow, ctx, order, on)
        was = posting.unit(product, order.unit_serial)
        facts = UnitFacts(state=was.state if was else None)
        posting.check(UnitCheck(Operation.REPAIR_WRITE_OFF, product, order.unit_serial, facts))
        line_id = posting.add_line(product, 1, 0)
        posting.move(
            posting.movement(
                product,
                Location.REPAIR,
                Location.WRITTEN_OFF,
                line_id=line_id,
                serial=order.unit_serial,
                unit_cost=was.cost if was else 0,
            )
        )
        posted = posting.finish(total=0)
        if not uow.checking:
            record_status(uow, ctx, order, RepairStatus.WRITTEN_OFF, on, reason)
            spend_approval(uow, ctx, Right.WRITE_OFF, posted.number)
        return posted


def extended_end(
    end: date | None, order: OrderRow, on: date, settings: ServiceSettings
) -> date | None:
    """The warranty end after this repair: longer by the days in warranty repair when the
    shop extends warranties, else as it was."""
    if end is None or not (settings.extend_warranty and order.warranty):
        return end
    return end + timedelta(days=max((on - order.opened_on).days, 0))


def _give_back_unit(
    posting: Posting, order: OrderRow, on: date, settings: ServiceSettings
) -> date | None:
    """The ledger's part of a hand-back: the unit goes back with its sale's record."""
    if order.unit_product_id is None or order.unit_serial is None:
        return None
    uow = posting.uow
    product = uow.catalogue.product_by_id(order.unit_product_id)
    was = posting.unit(product, order.unit_serial)
    facts = UnitFacts(state=was.state if was else None)
    posting.check(UnitCheck(Operation.REPAIR_HAND_BACK, product, order.unit_serial, facts))
    original = uow.units.get(order.product_id, order.serial) if order.product_id else None
    sale_doc = (was.sale_doc if was else None) or (original.sale_doc if original else None)
    sale = uow.documents.get(sale_doc) if sale_doc else None
    origin: DocumentRef | None = sale.ref if sale else None
    base = (was.warranty_end if was else None) or order.warranty_end
    end = extended_end(base, order, on, settings)
    price = (was.price if was else None) or (original.price if original else None)
    line_id = posting.add_line(product, 1, 0)
    posting.move(
        posting.movement(
            product,
            Location.REPAIR,
            Location.CUSTOMER,
            line_id=line_id,
            serial=order.unit_serial,
            unit_cost=was.cost if was else 0,
            unit_price=price,
            warranty_end=end,
            origin=origin,
        )
    )
    return end


def _payment(cmd: HandBack, total: int) -> tuple[str | None, int | None]:
    """How a paid repair is paid; nothing is taken for a warranty repair."""
    if not total:
        return None, None
    if cmd.tendered is not None:
        if cmd.payment is Payment.CARD:
            raise InputError(_("A card payment takes no cash: leave the tendered amount out."))
        if cmd.tendered < total:
            raise InputError(_("The cash handed over is less than the total."))
    return cmd.payment.value, cmd.tendered


def _step(uow: UnitOfWork, ctx: Context, order: OrderRow, on: date) -> Posting:
    return step_posting(
        uow,
        ctx,
        DocumentKind.REPAIR,
        (order.document_id, order.number),
        on,
        party=order.customer,
        phone=order.phone,
    )
