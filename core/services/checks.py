"""The per-unit step of every write: normalise a serial number, gather its facts, note it."""

from __future__ import annotations

from datetime import date

from core.domain.catalogue import Product
from core.domain.document_check import UnitCheck
from core.domain.errors import InputError, NotFound
from core.domain.ledger_fold import SerialState
from core.domain.movements import UnitState
from core.domain.sites import Site
from core.domain.tracking import Operation, UnitFacts
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.posting import Posting

MAX_SERIAL_LENGTH = 64
"""The longest serial number the ledger stores; a longer one is a garbled scan in any mode."""


def require_product(uow: UnitOfWork, code: str) -> Product:
    """The product with this SKU or barcode, or a clear NotFound."""
    code = code.strip()
    product = uow.catalogue.product_by_code(code) if code else None
    if product is None:
        raise NotFound(
            _("No product has the SKU or barcode “{code}”: check the code or add it.").format(
                code=code
            )
        )
    return product


def check_unit(
    posting: Posting,
    operation: Operation,
    product: Product,
    raw_serial: str | None,
    barcodes: set[str] | None = None,
) -> tuple[str | None, SerialState | None]:
    """Normalise one serial number and note its check with the document.

    Returns the normalised serial number (None when none was given) and the unit's state as
    this document sees it. The document is judged whole when it is finished."""
    serial = product.policy.rule.normalise(raw_serial) if raw_serial is not None else None
    if not serial:
        posting.check(UnitCheck(operation, product, None))
        return None, None
    if len(serial) > MAX_SERIAL_LENGTH:
        raise InputError(
            _("A serial number of {product} is longer than {limit} characters: {serial}").format(
                product=product.label(), limit=MAX_SERIAL_LENGTH, serial=serial[:80]
            )
        )
    was = posting.unit(product, serial)
    if was is None and operation.expects is not None and product.policy.identifiers:
        serial, was = _by_identifier(posting, product, serial)
    if was is not None:
        after_last_event(posting.document.date, product, was)
    state = was.state if was is not None else None
    if barcodes is None and _a_unit_in_stock(operation, state):
        barcodes = set()
    elif barcodes is None:
        barcodes = posting.uow.catalogue.barcodes_among([serial])
    elsewhere: tuple[str, ...] = ()
    if operation is Operation.SELL and state is not UnitState.IN_STOCK:
        elsewhere = posting.uow.units.in_stock_as(serial, product.id)
    site = here = None
    if state is UnitState.IN_STOCK and was is not None and was.site != posting.site:
        site, here = _site(posting, was.site), _site(posting, posting.site)
    facts = UnitFacts(
        state=state,
        in_stock_as=elsewhere,
        repeated=posting.seen(product, serial),
        is_catalogue_barcode=serial in barcodes,
        site=site,
        here=here,
    )
    posting.check(UnitCheck(operation, product, serial, facts))
    return serial, was


def _site(posting: Posting, code: str) -> Site:
    """A location by its code, named as the shop named it."""
    return posting.uow.sites.get(code) or Site(code, code)


def _a_unit_in_stock(operation: Operation, state: UnitState | None) -> bool:
    """True when an operation taking a unit out of stock names one the ledger holds in stock
    under this product: a real unit, not a box barcode scanned by mistake, so the catalogue's
    barcodes need not be asked (an EAN-13-shaped serial is still judged by its shape). A unit
    whose SN became a product barcode after it was taken in can be sold."""
    return state is UnitState.IN_STOCK and operation.expects is UnitState.IN_STOCK


def _by_identifier(posting: Posting, product: Product, code: str) -> tuple[str, SerialState | None]:
    """The unit of this product that carries the code as another identifier (IMEI 2)."""
    serials = posting.uow.identifiers.serials_of(product.id, [code])
    if len(serials) != 1:
        return code, None
    return serials[0], posting.unit(product, serials[0])


def after_last_event(on: date, product: Product, unit: SerialState) -> None:
    """Refuse a document dated before the unit's receipt or sale: a return before its sale,
    a sale before its receipt. Such a date is a typing error in any tracking mode."""
    for when, what in ((unit.sold_on, _("sold")), (unit.received_on, _("received"))):
        if when is not None and on < when:
            raise InputError(
                _(
                    "SN {serial} of {product} was {event} on {then}: a document dated {on} "
                    "cannot move it. Check the date."
                ).format(serial=unit.serial, product=product.label(), event=what, then=when, on=on)
            )
