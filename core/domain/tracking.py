"""The per-unit rules of serial-number tracking; `document_check` judges whole documents by them."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.catalogue import Product
from core.domain.kinds import Operation as Operation
from core.domain.serial_rules import is_ean13
from core.domain.sites import Site
from core.domain.units import UnitState, state_phrase
from core.i18n import _


@dataclass(frozen=True)
class Discrepancy:
    """One broken tracking rule: refused under strict tracking, a warning under soft."""

    rule: str
    """A short stable name of the rule, such as ``not_in_stock``."""
    message: str
    sku: str
    serial: str | None = None


@dataclass(frozen=True)
class UnitFacts:
    """What the ledger knows of one serial number at the moment of the check."""

    state: UnitState | None = None
    """The unit's state for this product, or None when this product never had it."""
    in_stock_as: tuple[str, ...] = ()
    """SKUs of other products that have this serial number in stock."""
    repeated: bool = False
    """The same serial number already appears earlier in this document."""
    is_catalogue_barcode: bool = False
    """The serial number equals a product barcode in the catalogue."""
    open_order: str | None = None
    """The open repair order the unit is in, if any."""
    site: Site | None = None
    """The shop location the unit is at (None when the check does not compare locations)."""
    here: Site | None = None
    """The location of the document: an operation taking a unit from stock takes it only
    from this location's stock."""


REFUSED_IN_EVERY_MODE = frozenset({"repair_in_stock", "repair_open"})
"""Rules no tracking mode lets pass: the shop's own unit taken in as a customer's repair, or
a unit taken in twice (two open orders for one unit)."""


def barcode_discrepancy(product: Product, serial: str, facts: UnitFacts) -> Discrepancy | None:
    """A product barcode scanned into the serial-number field: refused in any tracked mode."""
    looks_like_ean = is_ean13(serial) and not product.policy.rule.explicitly_allows(serial)
    if not (facts.is_catalogue_barcode or looks_like_ean):
        return None
    return Discrepancy(
        rule="barcode_as_serial",
        message=_(
            "“{serial}” looks like a product barcode, not a serial number of "
            "{product}: scan the serial number from the unit's label."
        ).format(serial=serial, product=product.label()),
        sku=product.sku,
        serial=serial,
    )


def find_discrepancy(
    operation: Operation, product: Product, serial: str | None, facts: UnitFacts
) -> Discrepancy | None:
    """The first tracking rule this operation on this serial number breaks, if any."""
    label = product.label()

    def broken(rule: str, message: str) -> Discrepancy:
        return Discrepancy(rule=rule, message=message, sku=product.sku, serial=serial)

    if serial is None:
        return broken(
            "serial_required",
            _("{product} needs a serial number for each unit.").format(product=label),
        )
    problem = product.policy.rule.problem(serial)
    if problem:
        return broken(
            "sn_format",
            _("SN {serial} of {product} is refused: {problem}.").format(
                serial=serial, product=label, problem=problem
            ),
        )
    if facts.repeated:
        return broken(
            "duplicate_in_document",
            _("SN {serial} of {product} is already in this document.").format(
                serial=serial, product=label
            ),
        )
    expected = operation.expects
    if expected is None:
        if facts.state is UnitState.IN_STOCK:
            return broken(
                "duplicate_receipt",
                _(
                    "SN {serial} of {product} is already in stock; it cannot be received twice."
                ).format(serial=serial, product=label),
            )
        return None
    if facts.state is expected:
        if (
            expected is UnitState.IN_STOCK
            and facts.site is not None
            and facts.here is not None
            and facts.site.code != facts.here.code
        ):
            return broken(
                "other_location",
                _(
                    "SN {serial} of {product} is in stock at {site}, not here at {here}: "
                    "transfer it here first."
                ).format(
                    serial=serial, product=label, site=facts.site.label(), here=facts.here.label()
                ),
            )
        return None
    return broken(*_wrong_state(operation, label, serial, facts))


def _wrong_state(
    operation: Operation, label: str, serial: str, facts: UnitFacts
) -> tuple[str, str]:
    """The rule and message for a unit that is not where the operation needs it."""
    if operation is Operation.CUSTOMER_RETURN:
        if facts.state is UnitState.IN_STOCK:
            return "return_in_stock", _(
                "SN {serial} of {product} is in stock: it was never sold, so it cannot be returned."
            ).format(serial=serial, product=label)
        if facts.state is None:
            return "return_not_sold", _(
                "SN {serial} of {product} was never sold by this shop."
            ).format(serial=serial, product=label)
        return "return_not_sold", _("SN {serial} of {product} {state}, not sold.").format(
            serial=serial, product=label, state=state_phrase(facts.state)
        )
    if operation is Operation.REPAIR_ACCEPT:
        return _not_for_repair(label, serial, facts)
    if operation.expects is UnitState.IN_REPAIR:
        return "not_in_repair", _("SN {serial} of {product} {state}, not in repair.").format(
            serial=serial, product=label, state=_phrase(facts.state)
        )
    if facts.in_stock_as:
        others = ", ".join(facts.in_stock_as)
        return "other_product", _("SN {serial} is in stock as {others}, not as {product}.").format(
            serial=serial, others=others, product=label
        )
    if facts.state is None:
        return "not_in_stock", _(
            "SN {serial} of {product} was never received: it is not in stock."
        ).format(serial=serial, product=label)
    return "not_in_stock", _("SN {serial} of {product} {state}: not in stock.").format(
        serial=serial, product=label, state=state_phrase(facts.state)
    )


def _phrase(state: UnitState | None) -> str:
    return state_phrase(state) if state is not None else _("was never received")


def _not_for_repair(label: str, serial: str, facts: UnitFacts) -> tuple[str, str]:
    """The rule and message for a unit that cannot be taken in as a customer's repair."""
    if facts.state is UnitState.IN_STOCK:
        return "repair_in_stock", _(
            "SN {serial} of {product} is in stock: it is the shop's own unit, not a customer's. "
            "Write it off or return it to the supplier instead."
        ).format(serial=serial, product=label)
    if facts.state is UnitState.IN_REPAIR:
        return "repair_open", _("SN {serial} of {product} is already in repair on {order}.").format(
            serial=serial, product=label, order=facts.open_order or _("an open order")
        )
    if facts.state is None:
        return "repair_not_sold", _(
            "SN {serial} of {product} was never sold by this shop: take it as a paid repair."
        ).format(serial=serial, product=label)
    return "repair_not_sold", _("SN {serial} of {product} {state}, not with a customer.").format(
        serial=serial, product=label, state=state_phrase(facts.state)
    )
