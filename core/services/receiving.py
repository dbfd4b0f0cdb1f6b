"""Goods-in: posting a supplier's invoice, every tracked unit by its serial number."""

from __future__ import annotations

from core.commands import ReceiptLine, ReceiveStock
from core.domain.catalogue import Product, TrackingMode
from core.domain.document_check import LineCheck
from core.domain.errors import DomainError, InputError
from core.domain.movements import DocumentKind, Location
from core.domain.tracking import Discrepancy, Operation
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.checks import check_unit, require_product
from core.services.identifying import primaries, receive_identifiers
from core.services.posting import Posting


def receive(cmd: ReceiveStock, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post a receipt whole, or refuse it and write nothing."""
    supplier = cmd.supplier.strip()
    if not supplier:
        raise InputError(_("A receipt needs the supplier's name."))
    if not cmd.lines:
        raise InputError(_("A receipt needs at least one line."))
    with uow:
        posting = Posting(
            uow,
            ctx,
            DocumentKind.RECEIPT,
            cmd.on or ctx.clock.today(),
            party=supplier,
            external_number=(cmd.invoice_number or "").strip() or None,
        )
        with posting.refusals_first():
            for line in cmd.lines:
                _receive_line(posting, require_product(uow, line.code), line)
        return posting.finish()


def _receive_line(posting: Posting, product: Product, line: ReceiptLine) -> None:
    if not product.active:
        raise DomainError(
            _("{product} is out of the range (inactive): make it active to take it in.").format(
                product=product.label()
            ),
            rule="product_inactive",
        )
    if line.quantity <= 0:
        raise InputError(
            _("The quantity of {product} must be at least 1.").format(product=product.label())
        )
    if line.unit_cost < 0:
        raise InputError(
            _("The unit cost of {product} cannot be negative.").format(product=product.label())
        )
    line_id = posting.add_line(product, line.quantity, line.unit_cost)
    posting.open_layer(product, line_id, line.unit_cost, line.quantity)
    serials = [s for s in line.serials if s.strip()]
    if product.tracking is TrackingMode.NONE:
        if serials:
            raise InputError(
                _("{product} is not tracked by serial number: drop the serial numbers.").format(
                    product=product.label()
                )
            )
        _take_in(posting, product, line_id, line.unit_cost, line.quantity, None)
        return
    _check_count(posting, product, len(serials), line.quantity)
    firsts = primaries(product, serials)
    normalised = [product.policy.rule.normalise(s) for s in firsts]
    posting.preload(product, normalised)
    barcodes = posting.uow.catalogue.barcodes_among(normalised)
    for raw, given in zip(firsts, serials, strict=True):
        serial, was = check_unit(posting, Operation.RECEIVE, product, raw, barcodes)
        if was is not None and was.location is Location.SUPPLIER and serial is not None:
            _sent_back_defective(posting, product, serial)
        _take_in(posting, product, line_id, line.unit_cost, 1, serial)
        if serial and product.policy.identifiers:
            receive_identifiers(posting, product, serial, given)
    missing = line.quantity - len(serials)
    if missing:
        _take_in(posting, product, line_id, line.unit_cost, missing, None)


def _sent_back_defective(posting: Posting, product: Product, serial: str) -> None:
    """A unit the shop sent back to its supplier as defective arrives again: warned about,
    naming the RMA, whatever the tracking mode."""
    sent = posting.uow.repairs.sent_defective(product.id, serial)
    if sent is None:
        return
    rma, on = sent
    message = _(
        "SN {serial} of {product} was sent back to the supplier as defective on {rma} "
        "({date}): check the unit before selling it."
    ).format(serial=serial, product=product.label(), rma=rma, date=on)
    posting.notice(product, Discrepancy("returned_defective", message, product.sku, serial))


def _check_count(posting: Posting, product: Product, count: int, quantity: int) -> None:
    """The number of serial numbers on a tracked line must equal its quantity."""
    if count > quantity:
        raise InputError(
            _(
                "{count} serial numbers given for {quantity} × {product}: "
                "remove the extra ones or raise the quantity."
            ).format(count=count, quantity=quantity, product=product.label())
        )
    posting.check(LineCheck(product, quantity, count))


def _take_in(
    posting: Posting, product: Product, line_id: int, cost: int, quantity: int, serial: str | None
) -> None:
    layer = None if product.tracking is TrackingMode.STRICT else line_id
    posting.move(
        posting.movement(
            product,
            Location.SUPPLIER,
            Location.STORE,
            line_id=line_id,
            quantity=quantity,
            serial=serial,
            unit_cost=cost,
            layer_id=layer,
        )
    )
