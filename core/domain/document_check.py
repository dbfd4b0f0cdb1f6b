"""The one tracking check of a document: every discrepancy at once, judged by tracking mode.

A service states what its document does to each unit and line as a list of checks;
``check_document`` returns every broken rule as a value. Strict tracking refuses the whole
document with the whole list (``SerialRuleError.discrepancies``), soft tracking keeps them all as
warnings, and none ignores them. ``find_discrepancy`` judges each unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import SerialRuleError
from core.domain.tracking import (
    REFUSED_IN_EVERY_MODE,
    Discrepancy,
    Operation,
    UnitFacts,
    barcode_discrepancy,
    find_discrepancy,
)
from core.i18n import _


@dataclass(frozen=True)
class UnitCheck:
    """One unit a document moves, or one unit given without a serial number."""

    operation: Operation
    product: Product
    serial: str | None
    """The normalised serial number, or None when none was given."""
    facts: UnitFacts = field(default_factory=UnitFacts)


@dataclass(frozen=True)
class LineCheck:
    """A tracked line: its quantity against the serial numbers given for it."""

    product: Product
    quantity: int
    serials: int


@dataclass(frozen=True)
class RuleCheck:
    """A tracking rule a service found broken itself, judged like every other."""

    product: Product
    discrepancy: Discrepancy


Check = UnitCheck | LineCheck | RuleCheck
"""What a document asks of tracking."""


@dataclass(frozen=True)
class Verdict:
    """A document's discrepancies split by what tracking does with them."""

    refused: tuple[Discrepancy, ...] = ()
    """Broken rules of strictly tracked products (and barcodes given as serial numbers)."""
    warnings: tuple[tuple[int, Discrepancy], ...] = ()
    """Broken rules of softly tracked products, with the product's id, kept with the document."""

    def enforce(self) -> tuple[tuple[int, Discrepancy], ...]:
        """The warnings to keep, or a ``SerialRuleError`` carrying every refused discrepancy."""
        if self.refused:
            raise SerialRuleError.refusing(self.refused)
        return self.warnings


def check_document(checks: Iterable[Check]) -> Verdict:
    """Every tracking discrepancy of one document, as values, judged by each product's mode."""
    refused: list[Discrepancy] = []
    warnings: list[tuple[int, Discrepancy]] = []
    for check in checks:
        found, always_refused = _discrepancy(check)
        mode = check.product.tracking
        if found is None or (mode is TrackingMode.NONE and not always_refused):
            continue
        if always_refused or mode is TrackingMode.STRICT:
            refused.append(found)
        else:
            warnings.append((check.product.id, found))
    return Verdict(tuple(refused), tuple(warnings))


def _discrepancy(check: Check) -> tuple[Discrepancy | None, bool]:
    """The rule one check breaks, if any, and whether it is refused in every mode."""
    if isinstance(check, RuleCheck):
        return check.discrepancy, False
    if isinstance(check, LineCheck):
        return _count_discrepancy(check), False
    if check.serial is not None:
        barcode = barcode_discrepancy(check.product, check.serial, check.facts)
        if barcode is not None:
            return barcode, True
    found = find_discrepancy(check.operation, check.product, check.serial, check.facts)
    return found, found is not None and found.rule in REFUSED_IN_EVERY_MODE


def _count_discrepancy(check: LineCheck) -> Discrepancy | None:
    """Fewer serial numbers than units on a tracked line."""
    if check.serials >= check.quantity:
        return None
    message = _(
        "{product}: {quantity} units but {count} serial numbers; "
        "each unit needs its own serial number."
    ).format(product=check.product.label(), quantity=check.quantity, count=check.serials)
    return Discrepancy("quantity_mismatch", message, check.product.sku)
