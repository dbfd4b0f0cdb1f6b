"""Taking a unit in for repair by its serial number, and what the till knows of it first."""

from __future__ import annotations

from datetime import date

from core.domain.catalogue import Product
from core.domain.document_check import UnitCheck
from core.domain.errors import DomainError, InputError
from core.domain.kinds import DocumentKind, Operation
from core.domain.ledger_fold import SerialState
from core.domain.permissions import Right
from core.domain.repairs import RepairStatus, offers
from core.domain.tracking import UnitFacts
from core.domain.units import Location
from core.domain.warranty import days_left, is_active
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.repair_commands import AcceptRepair
from core.repair_views import IntakeFacts, OrderRow, RepairAccepted, ServiceSettings
from core.services.authority import require
from core.services.checks import after_last_event, require_product
from core.services.kits import sold_in_kit
from core.services.posting import Posting
from core.services.queries import find_units
from core.services.repair_ledger import chain, record_status


def choose_unit(uow: UnitOfWork, units: list[SerialState], serial: str) -> SerialState:
    """The one unit a scanned SN stands for: the one with a customer or in repair first."""
    placed = [u for u in units if u.location in (Location.CUSTOMER, Location.REPAIR)]
    chosen = placed or units
    if len(chosen) > 1:
        skus = ", ".join(uow.catalogue.product_by_id(u.product_id).sku for u in chosen)
        raise InputError(
            _("SN {serial} belongs to several products ({skus}): name the product.").format(
                serial=serial, skus=skus
            )
        )
    return chosen[0]


def earlier_orders(uow: UnitOfWork, serial: str) -> list[OrderRow]:
    """Every order of this SN and of the units in its lineage, oldest first."""
    return uow.repairs.orders_of_serials(chain(uow.repairs.links(), serial))


def intake_facts(
    uow: UnitOfWork, raw_serial: str, as_of: date, settings: ServiceSettings
) -> IntakeFacts:
    """Sold by us or not, when and to whom, warranty days left, repairs so far, and the
    actions that apply: what the service desk and the return screen show on a scan."""
    raw = raw_serial.strip()
    units = find_units(uow, raw)
    unit = choose_unit(uow, units, raw) if units else None
    serial = unit.serial if unit else raw.upper()
    orders = earlier_orders(uow, serial)
    product = uow.catalogue.product_by_id(unit.product_id) if unit else None
    open_order = uow.repairs.open_order_for(unit.product_id, serial) if unit else None
    with_customer = unit is not None and unit.location is Location.CUSTOMER
    end = unit.warranty_end if unit and with_customer else None
    sold_by_us = unit is not None and unit.sale_doc is not None
    since = (as_of - unit.sold_on).days if unit and unit.sold_on and with_customer else None
    kit = (
        sold_in_kit(uow, unit.product_id, unit.serial, unit.sale_doc)
        if unit and unit.sale_doc
        else None
    )
    return IntakeFacts(
        serial=serial,
        known=unit is not None,
        sku=product.sku if product else None,
        name=product.name if product else None,
        state=unit.state.value if unit else None,
        sold_by_us=sold_by_us,
        sale_doc=unit.sale_doc if unit else None,
        sold_on=unit.sold_on if unit else None,
        customer=unit.customer if unit else None,
        phone=unit.phone if unit else None,
        days_since_sale=since,
        warranty_end=end,
        warranty_days_left=days_left(end, as_of),
        warranty_active=is_active(end, as_of),
        repairs=len(orders),
        last_complaint=orders[-1].complaint if orders else None,
        open_order=open_order,
        offers=offers(
            sold_by_us=sold_by_us,
            with_customer=with_customer or unit is None,
            days_since_sale=since,
            return_window_days=settings.return_window_days,
            warranty_active=is_active(end, as_of),
        )
        if open_order is None
        else (),
        return_window_days=settings.return_window_days,
        kit_sku=kit.sku if kit else None,
        kit_name=kit.name if kit else None,
        kit_serial=kit.serial if kit else None,
    )


def accept(cmd: AcceptRepair, uow: UnitOfWork, ctx: Context) -> RepairAccepted:
    """Take a unit in: a unit sold by us moves customer → repair; a device the shop never
    sold is taken as a paid repair and never enters stock. No money changes hands."""
    on = cmd.on or ctx.clock.today()
    raw = cmd.serial.strip()
    if cmd.paid and cmd.warranty:
        raise InputError(_("A repair is under warranty or paid, not both."))
    with uow:
        product = require_product(uow, cmd.code) if cmd.code else None
        units = [u for u in find_units(uow, raw) if product is None or u.product_id == product.id]
        if not units:
            return _accept_unknown(cmd, uow, ctx, on, product)
        unit = choose_unit(uow, units, raw)
        return _accept_unit(cmd, uow, ctx, on, unit)


def _accept_unit(
    cmd: AcceptRepair, uow: UnitOfWork, ctx: Context, on: date, unit: SerialState
) -> RepairAccepted:
    product = uow.catalogue.product_by_id(unit.product_id)
    customer = _text(cmd.customer) or unit.customer
    phone = _text(cmd.phone) or unit.phone
    posting = Posting(uow, ctx, DocumentKind.REPAIR, on, party=customer, phone=phone)
    was = posting.unit(product, unit.serial)
    assert was is not None
    if was.location is Location.CUSTOMER:
        after_last_event(on, product, was)
    open_order = uow.repairs.open_order_for(product.id, unit.serial)
    facts = UnitFacts(state=was.state, open_order=open_order)
    posting.check(UnitCheck(Operation.REPAIR_ACCEPT, product, unit.serial, facts))
    end = was.warranty_end if was.location is Location.CUSTOMER else None
    warranty = _warranty(cmd, ctx, is_active(end, on), sold=was.sale_doc is not None)
    line_id = posting.add_line(product, 1, 0)
    posting.move(
        posting.movement(
            product,
            Location.CUSTOMER,
            Location.REPAIR,
            line_id=line_id,
            serial=unit.serial,
            unit_cost=was.cost,
        )
    )
    posting.finish(total=0)
    sold = was.sale_doc is not None
    _record(cmd, uow, ctx, posting, on, product, unit.serial, warranty, end, sold, in_ledger=True)
    return RepairAccepted(
        posting.document.number,
        unit.serial,
        product.sku,
        warranty,
        end,
        days_left(end, on),
        was.sale_doc is not None,
    )


def _accept_unknown(
    cmd: AcceptRepair, uow: UnitOfWork, ctx: Context, on: date, product: Product | None
) -> RepairAccepted:
    """A device the shop never sold: a paid repair, described in words, never in stock."""
    serial = cmd.serial.strip().upper()
    device = _text(cmd.device) or (product.name if product else None)
    if cmd.warranty:
        raise DomainError(
            _("SN {serial} was never sold by this shop: it has no warranty here.").format(
                serial=serial
            ),
            rule="repair_not_sold",
        )
    if not device:
        raise InputError(
            _(
                "SN {serial} was never sold by this shop: describe the device "
                "to take it as a paid repair."
            ).format(serial=serial)
        )
    open_order = uow.repairs.open_order_for(None, serial)
    if open_order:
        raise DomainError(
            _("SN {serial} is already in repair on {order}.").format(
                serial=serial, order=open_order
            ),
            rule="repair_open",
        )
    posting = Posting(
        uow, ctx, DocumentKind.REPAIR, on, party=_text(cmd.customer), phone=_text(cmd.phone)
    )
    posting.finish(total=0)
    _record(cmd, uow, ctx, posting, on, product, serial, False, None, False, device=device)
    return RepairAccepted(
        posting.document.number, serial, product.sku if product else None, False, None, None, False
    )


def _warranty(cmd: AcceptRepair, ctx: Context, active: bool, *, sold: bool) -> bool:
    """Warranty or paid, as the ledger decides; an override needs a reason, and a manager
    (once the shop has till users)."""
    if cmd.paid and active or cmd.warranty and not active:
        require(ctx, Right.REPAIR_OVERRIDE)
        if not _text(cmd.reason):
            raise InputError(
                _("The ledger says the repair is {decided}: overriding it needs a reason.").format(
                    decided=_("under warranty") if active else _("paid")
                )
            )
        if cmd.warranty and not sold:
            raise DomainError(
                _("SN {serial} was never sold by this shop: it has no warranty here.").format(
                    serial=cmd.serial.strip()
                ),
                rule="repair_not_sold",
            )
        return not cmd.paid
    return active


def _record(
    cmd: AcceptRepair,
    uow: UnitOfWork,
    ctx: Context,
    posting: Posting,
    on: date,
    product: Product | None,
    serial: str,
    warranty: bool,
    end: date | None,
    sold_by_us: bool,
    *,
    in_ledger: bool = False,
    device: str | None = None,
) -> None:
    """The order's header and its first status."""
    if uow.checking:
        return
    document = posting.document
    overridden = cmd.paid or cmd.warranty
    order_id = uow.repairs.add_order(
        document_id=document.id,
        number=document.number,
        serial=serial,
        product_id=product.id if product else None,
        unit_serial=serial,
        unit_product_id=product.id if product and in_ledger else None,
        device=device,
        sold_by_us=sold_by_us,
        customer=document.party,
        phone=document.phone,
        complaint=cmd.complaint.strip(),
        accessories=_text(cmd.accessories),
        condition=_text(cmd.condition),
        warranty=warranty,
        warranty_end=end,
        override_reason=_text(cmd.reason) if overridden else None,
        estimate=cmd.estimate,
        technician=_text(cmd.technician),
        status=RepairStatus.ACCEPTED.value,
        opened_on=on,
    )
    order = uow.repairs.order(document.number)
    assert order is not None and order.id == order_id
    record_status(uow, ctx, order, RepairStatus.ACCEPTED, on)


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
