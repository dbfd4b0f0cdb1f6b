"""The tracking checks: one pure function, strict refuses, soft warns, none ignores."""

from __future__ import annotations

import pytest

from core.domain.catalogue import Product, TrackingMode, TypePolicy, TypeSettings, resolve
from core.domain.document_check import Check, LineCheck, UnitCheck, Verdict, check_document
from core.domain.errors import SerialRuleError
from core.domain.movements import UnitState
from core.domain.serial_rules import SerialRule
from core.domain.tracking import Operation, UnitFacts, find_discrepancy
from core.domain.warranty import WarrantyPeriod


def product(mode: TrackingMode = TrackingMode.STRICT, rule: SerialRule | None = None) -> Product:
    """A phone under the given tracking mode."""
    policy = TypePolicy("Phones", mode, WarrantyPeriod(months=12), rule or SerialRule(), None)
    return Product(1, "PHONE", "Phone", "Phones", 100, policy)


def rule_of(operation: Operation, state: UnitState | None, **facts: object) -> str | None:
    """The rule an operation on a unit in this state breaks, or None."""
    found = find_discrepancy(operation, product(), "SN1", UnitFacts(state=state, **facts))  # type: ignore[arg-type]
    return found.rule if found else None


@pytest.mark.parametrize(
    ("operation", "state", "rule"),
    [
        (Operation.RECEIVE, None, None),
        (Operation.RECEIVE, UnitState.SOLD, None),
        (Operation.RECEIVE, UnitState.RETURNED_TO_SUPPLIER, None),
        (Operation.RECEIVE, UnitState.IN_STOCK, "duplicate_receipt"),
        (Operation.SELL, UnitState.IN_STOCK, None),
        (Operation.SELL, None, "not_in_stock"),
        (Operation.SELL, UnitState.SOLD, "not_in_stock"),
        (Operation.SELL, UnitState.WRITTEN_OFF, "not_in_stock"),
        (Operation.CUSTOMER_RETURN, UnitState.SOLD, None),
        (Operation.CUSTOMER_RETURN, UnitState.IN_STOCK, "return_in_stock"),
        (Operation.CUSTOMER_RETURN, None, "return_not_sold"),
        (Operation.SUPPLIER_RETURN, UnitState.IN_STOCK, None),
        (Operation.SUPPLIER_RETURN, UnitState.SOLD, "not_in_stock"),
        (Operation.WRITE_OFF, UnitState.IN_STOCK, None),
        (Operation.WRITE_OFF, UnitState.RETURNED_TO_SUPPLIER, "not_in_stock"),
    ],
)
def test_each_operation_expects_the_unit_in_its_place(
    operation: Operation, state: UnitState | None, rule: str | None
) -> None:
    """Sell from stock, return what was sold, receive what is not in stock."""
    assert rule_of(operation, state) == rule


def test_an_sn_twice_in_one_document_is_a_duplicate() -> None:
    """The second scan of the same SN in one invoice is refused."""
    assert rule_of(Operation.RECEIVE, None, repeated=True) == "duplicate_in_document"


def test_an_sn_in_stock_as_another_product_is_named_in_the_refusal() -> None:
    """Selling SN1 as a phone when it is in stock as a tablet names the tablet."""
    found = find_discrepancy(
        Operation.SELL, product(), "SN1", UnitFacts(state=None, in_stock_as=("TAB",))
    )
    assert found is not None and found.rule == "other_product" and "TAB" in found.message


def test_a_missing_serial_number_breaks_the_serial_required_rule() -> None:
    """Strict and soft products both need a serial per unit."""
    found = find_discrepancy(Operation.SELL, product(), None, UnitFacts())
    assert found is not None and found.rule == "serial_required"


def test_strict_refusal_names_the_sn_the_product_and_the_rule() -> None:
    """The message is one a cashier can act on."""
    sold = UnitFacts(state=UnitState.SOLD)
    with pytest.raises(SerialRuleError) as refused:
        check_document([UnitCheck(Operation.SELL, product(), "SN1", sold)]).enforce()
    assert refused.value.rule == "not_in_stock"
    assert "SN1" in refused.value.message and "PHONE" in refused.value.message


def test_soft_mode_returns_the_discrepancy_as_a_warning_and_none_ignores_it() -> None:
    """Soft lets the operation go on with a warning; untracked goods are not checked."""
    found = find_discrepancy(Operation.SELL, product(), "SN1", UnitFacts(state=None))
    for mode, warnings in ((TrackingMode.SOFT, ((1, found),)), (TrackingMode.NONE, ())):
        check = UnitCheck(Operation.SELL, product(mode), "SN1", UnitFacts(state=None))
        assert check_document([check]).enforce() == warnings
    stocked = UnitFacts(state=UnitState.IN_STOCK)
    assert check_document([UnitCheck(Operation.SELL, product(), "SN1", stocked)]) == Verdict()


def test_strict_refuses_with_every_discrepancy_naming_the_first_and_counting_the_rest() -> None:
    """Three broken rules, one refusal: the first named, two more counted, all carried."""
    checks: list[Check] = [
        UnitCheck(Operation.RECEIVE, product(), "SN1", UnitFacts(state=UnitState.IN_STOCK)),
        UnitCheck(Operation.RECEIVE, product(), "SN2"),
        UnitCheck(Operation.RECEIVE, product(), "SN2", UnitFacts(repeated=True)),
        LineCheck(product(), quantity=4, serials=3),
        UnitCheck(Operation.RECEIVE, product(TrackingMode.SOFT), "SN3", UnitFacts(repeated=True)),
    ]
    with pytest.raises(SerialRuleError, match=r"SN1 .* \(and 2 more\)$") as refused:
        check_document(checks).enforce()
    rules = [d.rule for d in refused.value.discrepancies]
    assert rules == ["duplicate_receipt", "duplicate_in_document", "quantity_mismatch"]


def _barcode_refused(product_: Product, code: str, facts: UnitFacts) -> bool:
    verdict = check_document([UnitCheck(Operation.SELL, product_, code, facts)])
    return [d.rule for d in verdict.refused] == ["barcode_as_serial"]


@pytest.mark.parametrize("code", ["4820000000017", "4006381333931"])
def test_a_product_barcode_scanned_as_an_sn_is_refused(code: str) -> None:
    """A valid EAN-13 is the box's barcode, not the unit's serial number, in any mode."""
    assert _barcode_refused(product(), code, UnitFacts(state=UnitState.IN_STOCK))
    assert _barcode_refused(product(TrackingMode.SOFT), code, UnitFacts())


def test_a_catalogue_barcode_is_refused_even_when_it_is_not_an_ean() -> None:
    """Any code that is a barcode in the catalogue cannot be a serial number."""
    assert _barcode_refused(product(), "ABC123", UnitFacts(is_catalogue_barcode=True))


def test_a_13_digit_serial_allowed_by_an_explicit_pattern_passes_the_guard() -> None:
    """A type whose SNs are 13 digits by pattern is not blocked by the EAN check."""
    allowed = product(rule=SerialRule(pattern=r"\d{13}"))
    assert not _barcode_refused(allowed, "4006381333931", UnitFacts(state=UnitState.IN_STOCK))


def test_types_inherit_settings_from_their_ancestors_unless_overridden() -> None:
    """A child with no own mode takes its parent's; its own warranty wins."""
    chain = [
        TypeSettings("Electronics", TrackingMode.STRICT, WarrantyPeriod(months=12), "[0-9]+"),
        TypeSettings("Electronics/Phones", warranty=WarrantyPeriod(months=24)),
    ]
    policy = resolve(chain)
    assert policy.tracking is TrackingMode.STRICT
    assert policy.warranty == WarrantyPeriod(months=24)
    assert policy.rule.pattern == "[0-9]+"
    assert policy.inherited == {"tracking", "sn_pattern"}
    assert resolve([TypeSettings("Misc")]).tracking is TrackingMode.NONE
