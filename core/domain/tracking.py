"""The checks of serial-number tracking: one pure function that every operation calls."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import SerialRuleError
from core.domain.movements import UnitState
from core.domain.serial_rules import is_ean13


class Operation(StrEnum):
    """What is being done to a unit; each operation expects the unit in a different state."""

    RECEIVE = "receive"
    SELL = "sell"
    CUSTOMER_RETURN = "customer_return"
    SUPPLIER_RETURN = "supplier_return"
    WRITE_OFF = "write_off"
    CORRECT_IN = "correct_in"
    """A serial number entered by a correction in place of a wrong one."""


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


_STATE_WORDS = {
    UnitState.IN_STOCK: "is in stock",
    UnitState.SOLD: "is already sold",
    UnitState.RETURNED_TO_SUPPLIER: "was returned to the supplier",
    UnitState.WRITTEN_OFF: "was written off",
    UnitState.IN_REPAIR: "is away for repair",
    UnitState.CORRECTED: "was corrected away as a wrong entry",
}

_EXPECTED = {
    Operation.SELL: UnitState.IN_STOCK,
    Operation.SUPPLIER_RETURN: UnitState.IN_STOCK,
    Operation.WRITE_OFF: UnitState.IN_STOCK,
    Operation.CUSTOMER_RETURN: UnitState.SOLD,
}


def barcode_guard(product: Product, serial: str, facts: UnitFacts) -> None:
    """Refuse a product barcode scanned into the serial-number field, in any tracked mode."""
    looks_like_ean = is_ean13(serial) and not product.policy.rule.explicitly_allows(serial)
    if facts.is_catalogue_barcode or looks_like_ean:
        raise SerialRuleError(
            f"“{serial}” looks like a product barcode, not a serial number of "
            f"{product.label()}: scan the serial number from the unit's label.",
            rule="barcode_as_serial",
        )


def find_discrepancy(
    operation: Operation, product: Product, serial: str | None, facts: UnitFacts
) -> Discrepancy | None:
    """The first tracking rule this operation on this serial number breaks, if any."""
    label = product.label()

    def broken(rule: str, message: str) -> Discrepancy:
        return Discrepancy(rule=rule, message=message, sku=product.sku, serial=serial)

    if serial is None:
        return broken("serial_required", f"{label} needs a serial number for each unit.")
    problem = product.policy.rule.problem(serial)
    if problem:
        return broken("sn_format", f"SN {serial} of {label} is refused: {problem}.")
    if facts.repeated:
        return broken(
            "duplicate_in_document", f"SN {serial} of {label} is already in this document."
        )
    if operation in (Operation.RECEIVE, Operation.CORRECT_IN):
        if facts.state is UnitState.IN_STOCK:
            return broken(
                "duplicate_receipt",
                f"SN {serial} of {label} is already in stock; it cannot be received twice.",
            )
        return None
    expected = _EXPECTED[operation]
    if facts.state is expected:
        return None
    return broken(*_wrong_state(operation, label, serial, facts))


def _wrong_state(
    operation: Operation, label: str, serial: str, facts: UnitFacts
) -> tuple[str, str]:
    """The rule and message for a unit that is not where the operation needs it."""
    if operation is Operation.CUSTOMER_RETURN:
        if facts.state is UnitState.IN_STOCK:
            return "return_in_stock", (
                f"SN {serial} of {label} is in stock: it was never sold, so it cannot be returned."
            )
        if facts.state is None:
            return "return_not_sold", f"SN {serial} of {label} was never sold by this shop."
        return "return_not_sold", f"SN {serial} of {label} {_STATE_WORDS[facts.state]}, not sold."
    if facts.in_stock_as:
        others = ", ".join(facts.in_stock_as)
        return "other_product", f"SN {serial} is in stock as {others}, not as {label}."
    if facts.state is None:
        return "not_in_stock", f"SN {serial} of {label} was never received: it is not in stock."
    return "not_in_stock", f"SN {serial} of {label} {_STATE_WORDS[facts.state]}: not in stock."


def judge(mode: TrackingMode, discrepancy: Discrepancy | None) -> Discrepancy | None:
    """Apply the tracking mode: strict refuses, soft returns the warning, none ignores it."""
    if discrepancy is None or mode is TrackingMode.NONE:
        return None
    if mode is TrackingMode.STRICT:
        raise SerialRuleError(discrepancy.message, rule=discrepancy.rule)
    return discrepancy
