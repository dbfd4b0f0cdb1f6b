"""Customer returns: by serial number, tied to the sale that issued the unit, or by quantity."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from core.commands import ReturnQuantity, ReturnUnit
from core.domain.catalogue import Product, TrackingMode
from core.domain.document_check import RuleCheck, UnitCheck
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.ledger_fold import SerialState
from core.domain.movements import DocumentKind, Location
from core.domain.tracking import Discrepancy, Operation, UnitFacts
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.checks import after_last_event, require_product
from core.services.posting import Posting
from core.services.queries import find_units
from core.views import DocumentRow


def return_unit(cmd: ReturnUnit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Take back one sold unit, refunding its sale price and restocking it at its cost."""
    with uow:
        unit = _find_unit(uow, cmd)
        product = uow.catalogue.product_by_id(unit.product_id)
        sale = uow.documents.get(unit.sale_doc) if unit.sale_doc else None
        posting = Posting(
            uow,
            ctx,
            DocumentKind.CUSTOMER_RETURN,
            cmd.on or ctx.clock.today(),
            party=unit.customer,
            phone=unit.phone,
            reason=cmd.reason,
            ref_id=sale.ref.id if sale else None,
        )
        was = posting.unit(product, unit.serial)
        if was is not None:
            after_last_event(posting.document.date, product, was)
        facts = UnitFacts(state=was.state if was else None)
        posting.check(UnitCheck(Operation.CUSTOMER_RETURN, product, unit.serial, facts))
        refund = unit.price or 0
        line_id = posting.add_line(product, 1, refund)
        posting.open_layer(product, line_id, unit.cost, 1)
        layer = None if product.tracking is TrackingMode.STRICT else line_id
        posting.move(
            posting.movement(
                product,
                Location.CUSTOMER,
                Location.STORE,
                line_id=line_id,
                serial=unit.serial,
                unit_cost=unit.cost,
                unit_price=refund,
                layer_id=layer,
            )
        )
        posted = posting.finish(total=refund)
    return _with_ref(posted, sale.ref.number if sale else None)


def _find_unit(uow: UnitOfWork, cmd: ReturnUnit) -> SerialState:
    raw = cmd.serial.strip()
    if not raw:
        raise InputError(_("Scan or type the serial number of the unit being returned."))
    candidates = find_units(uow, raw)
    if cmd.code:
        product = require_product(uow, cmd.code)
        candidates = [c for c in candidates if c.product_id == product.id]
    if not candidates:
        raise DomainError(
            _(
                "SN {serial} was never sold by this shop: it cannot be taken back as a return."
            ).format(serial=raw),
            rule="return_not_sold",
        )
    sold = [c for c in candidates if c.location is Location.CUSTOMER]
    chosen = sold or candidates
    if len(chosen) > 1:
        skus = ", ".join(uow.catalogue.product_by_id(c.product_id).sku for c in chosen)
        raise InputError(
            _("SN {serial} belongs to several products ({skus}): name the product.").format(
                serial=raw, skus=skus
            )
        )
    return chosen[0]


def return_quantity(cmd: ReturnQuantity, uow: UnitOfWork, ctx: Context) -> Posted:
    """Take back goods counted by quantity against the sale that sold them."""
    if cmd.quantity <= 0:
        raise InputError(_("The quantity to return must be at least 1."))
    with uow:
        sale = uow.documents.get(cmd.sale_number)
        if sale is None or sale.ref.kind is not DocumentKind.SALE:
            raise NotFound(_("There is no sale numbered {number}.").format(number=cmd.sale_number))
        product = require_product(uow, cmd.code)
        posting = against_sale(uow, ctx, sale, cmd.on, cmd.reason)
        posting.check(_by_quantity(product))
        with posting.refusals_first():
            costs = _returnable_costs(uow, sale.ref.id, product, cmd)
        price = next(
            (
                line.unit_amount
                for line in uow.documents.lines(sale.ref.id)
                if line.product_id == product.id
            ),
            None,
        )
        if price is None:
            raise DomainError(
                _(
                    "Sale {sale} sold {product} only as part of a kit: return the kit "
                    "(till return --kit SN)."
                ).format(sale=cmd.sale_number, product=product.label()),
                rule="return_not_sold",
            )
        for cost, quantity in Counter(costs).items():
            take_back_quantity(posting, product, quantity, cost, price)
        posted = posting.finish()
    return _with_ref(posted, sale.ref.number)


def against_sale(
    uow: UnitOfWork, ctx: Context, sale: DocumentRow, on: date | None, reason: str | None
) -> Posting:
    """A customer return's posting, tied to the sale it undoes and to that sale's customer."""
    return Posting(
        uow,
        ctx,
        DocumentKind.CUSTOMER_RETURN,
        on or ctx.clock.today(),
        party=sale.ref.party,
        phone=sale.ref.phone,
        reason=reason,
        ref_id=sale.ref.id,
    )


def take_back_quantity(
    posting: Posting, product: Product, quantity: int, cost: int, price: int
) -> None:
    """Goods sold by quantity back on the shelf: one line at the price they were sold at,
    back into a cost layer of their own at what they cost."""
    line_id = posting.add_line(product, quantity, price)
    posting.open_layer(product, line_id, cost, quantity)
    posting.move(
        posting.movement(
            product,
            Location.CUSTOMER,
            Location.STORE,
            line_id=line_id,
            quantity=quantity,
            unit_cost=cost,
            unit_price=price,
            layer_id=line_id,
        )
    )


def _by_quantity(product: Product) -> RuleCheck:
    """Goods tracked by serial number come back unit by unit: strict refuses, soft warns."""
    message = _("{product} is tracked by serial number: return each unit by its SN.")
    return RuleCheck(
        product,
        Discrepancy("serial_required", message.format(product=product.label()), product.sku),
    )


def _returnable_costs(
    uow: UnitOfWork, sale_id: int, product: Product, cmd: ReturnQuantity
) -> list[int]:
    """Unit costs of the units this return takes back: the sale's last-drawn units first."""
    units: list[int] = []
    for movement in uow.movements.for_document(sale_id):
        if movement.product_id == product.id and movement.serial is None:
            units.extend([movement.unit_cost] * movement.quantity)
    returned = uow.documents.returned_quantity(sale_id, product.id)
    left = len(units) - returned
    if cmd.quantity > left:
        raise DomainError(
            _(
                "Sale {sale} sold {sold} of {product} without serial numbers and {returned} "
                "came back already: at most {left} can be returned."
            ).format(
                sale=cmd.sale_number,
                sold=len(units),
                product=product.label(),
                returned=returned,
                left=max(left, 0),
            ),
            rule="return_exceeds_sale",
        )
    return units[left - cmd.quantity : left]


def _with_ref(posted: Posted, ref_number: str | None) -> Posted:
    return replace(posted, ref_number=ref_number)
