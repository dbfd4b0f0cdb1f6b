"""A whole kit brought back: every component still with the customer returns, tied to the sale.

One component alone comes back by its SN as any unit does (``returns.return_unit``); it
refunds the share of the kit's price that component was sold at."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from core.commands import ReturnKit
from core.domain.catalogue import Product, TrackingMode
from core.domain.document_check import UnitCheck
from core.domain.errors import DomainError, InputError
from core.domain.movements import Location, Movement
from core.domain.tracking import Operation, UnitFacts
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.checks import after_last_event
from core.services.posting import Posting
from core.services.queries import find_units
from core.services.returns import against_sale, take_back_quantity
from core.views import DocumentRow


def return_kit(cmd: ReturnKit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Take back the kit that holds this component SN: its parts still sold come back to stock
    at their cost, each refunding its share of the kit's price; nothing is written on a refusal."""
    with uow:
        sale, line_id, kit = _kit_line(uow, cmd.serial)
        posting = against_sale(uow, ctx, sale, cmd.on, cmd.reason)
        whole = uow.movements.for_document(sale.ref.id)
        sold = [m for m in whole if m.line_id == line_id and m.product_id != kit.id]
        refund = 0
        with posting.refusals_first():
            for movement in (m for m in sold if m.serial is not None):
                refund += _unit_back(posting, sale, movement)
            if posting.movements:
                untracked = [m for m in sold if m.serial is None]
                refund += _quantities_back(posting, sale, untracked, whole)
        if not posting.movements:
            raise DomainError(
                _("Every part of {kit} from sale {sale} is back already.").format(
                    kit=kit.label(), sale=sale.ref.number
                ),
                rule="return_not_sold",
            )
        posted = posting.finish(total=refund)
    return replace(posted, ref_number=sale.ref.number)


def _kit_line(uow: UnitOfWork, raw: str) -> tuple[DocumentRow, int, Product]:
    """The sale and kit line that sold the component with this SN, and the kit."""
    if not raw.strip():
        raise InputError(_("Scan or type the SN of any part of the kit being returned."))
    for unit in find_units(uow, raw):
        if unit.sale_doc is None:
            continue
        sale = uow.documents.get(unit.sale_doc)
        if sale is None:
            continue
        lines = {line.id: line for line in uow.documents.lines(sale.ref.id)}
        for movement in uow.movements.for_document(sale.ref.id):
            line = lines.get(movement.line_id or 0)
            if (
                line is not None
                and movement.serial == unit.serial
                and movement.product_id == unit.product_id
                and line.product_id != movement.product_id
            ):
                return sale, line.id, uow.catalogue.product_by_id(line.product_id)
    raise DomainError(
        _("SN {serial} was not sold as part of a kit.").format(serial=raw.strip()),
        rule="return_not_sold",
    )


def _unit_back(posting: Posting, sale: DocumentRow, movement: Movement) -> int:
    """One tracked part back, if it is still with the customer from this sale; its refund."""
    assert movement.serial is not None
    product = posting.uow.catalogue.product_by_id(movement.product_id)
    was = posting.unit(product, movement.serial)
    if was is None or was.location is not Location.CUSTOMER or was.sale_doc != sale.ref.number:
        return 0
    after_last_event(posting.document.date, product, was)
    posting.check(
        UnitCheck(Operation.CUSTOMER_RETURN, product, was.serial, UnitFacts(state=was.state))
    )
    refund = was.price or 0
    line_id = posting.add_line(product, 1, refund)
    posting.open_layer(product, line_id, was.cost, 1)
    posting.move(
        posting.movement(
            product,
            Location.CUSTOMER,
            Location.STORE,
            line_id=line_id,
            serial=was.serial,
            unit_cost=was.cost,
            unit_price=refund,
            layer_id=None if product.tracking is TrackingMode.STRICT else line_id,
        )
    )
    return refund


def _quantities_back(
    posting: Posting, sale: DocumentRow, sold: list[Movement], whole: list[Movement]
) -> int:
    """The kit's parts sold by quantity back, as many as have not come back yet; the refund.

    ``whole`` is every movement of the sale: what came back of a product against the sale
    is counted against all of its units the sale sold by quantity."""
    refund = 0
    by_product: dict[int, Counter[tuple[int, int]]] = {}
    for movement in sold:
        units = by_product.setdefault(movement.product_id, Counter())
        units[(movement.unit_cost, movement.unit_price or 0)] += movement.quantity
    for product_id, units in by_product.items():
        product = posting.uow.catalogue.product_by_id(product_id)
        sold_here = sum(units.values())
        returned = posting.uow.documents.returned_quantity(sale.ref.id, product_id)
        left = min(sold_here, _sold_in_sale(whole, product_id) - returned)
        for (cost, price), quantity in sorted(units.items()):
            taking = min(quantity, left)
            if taking <= 0:
                continue
            left -= taking
            take_back_quantity(posting, product, taking, cost, price)
            refund += taking * price
    return refund


def _sold_in_sale(movements: list[Movement], product_id: int) -> int:
    """Units of the product the sale sold by quantity."""
    return sum(m.quantity for m in movements if m.product_id == product_id and m.serial is None)
