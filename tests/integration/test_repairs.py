"""Repair orders by serial number: intake, statuses, parts and labour, replacement, hand-back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core.commands import Item, Payment, ReturnUnit, WriteOff
from core.domain.errors import DomainError, InputError, SerialRuleError
from core.domain.permissions import Role
from core.domain.repairs import RepairStatus
from core.repair_commands import (
    AcceptRepair,
    AddLabour,
    AddPart,
    ChangeStatus,
    HandBack,
    ReplaceUnit,
    WriteOffUnit,
)
from core.repair_views import ServiceSettings
from core.services import queries, repair_intake, repair_orders, returns, stock_out
from tests.fakes import FakeClock
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop

SETTINGS = ServiceSettings()


def _accept(shop: Shop, serial: str, **given: object) -> str:
    cmd = AcceptRepair(serial, str(given.pop("complaint", "не вмикається")), **given)  # type: ignore[arg-type]
    return repair_intake.accept(cmd, shop.uow, shop.ctx).order


def _sold_phone(shop: Shop, serial: str = "SN1") -> None:
    shop.receive("PHONE", serial, cost=400000)
    shop.sell("PHONE", serial, customer="Олена Коваль")


def _state(shop: Shop, serial: str) -> str:
    return shop.uow.units.by_serial([serial])[0].state.value


def test_a_unit_under_warranty_is_accepted_as_a_warranty_repair(any_shop: Shop) -> None:
    """The order takes the sale's customer; the unit moves customer → repair."""
    _sold_phone(any_shop)
    done = repair_intake.accept(AcceptRepair("sn1", "не заряджається"), any_shop.uow, any_shop.ctx)
    assert done.order == "RP-000001" and done.serial == "SN1"
    assert done.warranty and done.warranty_end == date(2027, 3, 2) and done.days_left == 365
    assert _state(any_shop, "SN1") == "in_repair"
    view = repair_orders.show(any_shop.uow, "RP-000001", date(2026, 3, 2), SETTINGS)
    assert view.order.customer == "Олена Коваль" and view.order.status is RepairStatus.ACCEPTED
    assert [e.status for e in view.events] == [RepairStatus.ACCEPTED]
    assert view.events[0].operator == "olena"


def test_a_unit_outside_its_warranty_is_accepted_as_a_paid_repair(
    shop: Shop, clock: FakeClock
) -> None:
    """Past the warranty end the ledger decides paid."""
    _sold_phone(shop)
    clock.advance(days=400)
    done = repair_intake.accept(AcceptRepair("SN1", "розбитий екран"), shop.uow, shop.ctx)
    assert not done.warranty and done.days_left is not None and done.days_left < 0


def test_overriding_the_ledgers_decision_needs_a_reason_which_is_recorded(shop: Shop) -> None:
    """A paid repair of a unit under warranty is a manager's override."""
    _sold_phone(shop)
    with pytest.raises(InputError, match="needs a reason"):
        _accept(shop, "SN1", paid=True)
    order = _accept(shop, "SN1", paid=True, reason="залитий водою")
    view = repair_orders.show(shop.uow, order, date(2026, 3, 2), SETTINGS)
    assert not view.order.warranty and view.order.override_reason == "залитий водою"


def test_an_in_stock_sn_is_refused_as_a_customer_repair_and_nothing_is_written(
    any_shop: Shop,
) -> None:
    """The shop's own unit: the message names the SN and offers a write-off or supplier return."""
    any_shop.receive("PHONE", "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError, match="SN1.*Write it off or return it") as refused:
        _accept(any_shop, "SN1")
    assert refused.value.rule == "repair_in_stock"
    assert table_counts(any_shop.uow) == before


def test_a_soft_unit_in_stock_is_refused_too(shop: Shop) -> None:
    """No tracking mode lets the shop's own unit in as a customer's repair."""
    shop.receive("BIKE", "B1", cost=100)
    with pytest.raises(SerialRuleError) as refused:
        _accept(shop, "B1")
    assert refused.value.rule == "repair_in_stock"


def test_an_sn_already_in_repair_is_refused_naming_its_open_order(any_shop: Shop) -> None:
    """One unit, one open order; nothing is written."""
    _sold_phone(any_shop)
    _accept(any_shop, "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError, match="already in repair on RP-000001") as refused:
        _accept(any_shop, "SN1")
    assert refused.value.rule == "repair_open"
    assert table_counts(any_shop.uow) == before


def test_a_device_never_sold_is_a_paid_repair_outside_stock(any_shop: Shop) -> None:
    """It needs a description, never enters stock, and cannot be under warranty."""
    with pytest.raises(InputError, match="describe the device"):
        _accept(any_shop, "X-77")
    with pytest.raises(DomainError, match="no warranty"):
        _accept(any_shop, "X-77", device="Ноутбук", warranty=True, reason="x")
    done = repair_intake.accept(
        AcceptRepair("x-77", "шумить", device="Ноутбук Lenovo"), any_shop.uow, any_shop.ctx
    )
    assert not done.warranty and not done.sold_by_us
    assert any_shop.uow.units.by_serial(["X-77"]) == []
    with pytest.raises(DomainError, match="already in repair"):
        _accept(any_shop, "X-77", device="Ноутбук")


def test_a_unit_in_repair_cannot_be_sold_returned_or_written_off(any_shop: Shop) -> None:
    """Its state is in repair: every other operation refuses it."""
    _sold_phone(any_shop)
    _accept(any_shop, "SN1")
    with pytest.raises(SerialRuleError, match="away for repair"):
        any_shop.sell("PHONE", "SN1")
    with pytest.raises(SerialRuleError, match="away for repair"):
        returns.return_unit(ReturnUnit("SN1"), any_shop.uow, any_shop.ctx)
    with pytest.raises(SerialRuleError, match="away for repair"):
        stock_out.write_off(WriteOff("брак", (Item("PHONE", "SN1"),)), any_shop.uow, any_shop.ctx)


def _status(shop: Shop, order: str, status: RepairStatus, reason: str | None = None) -> None:
    repair_orders.change_status(ChangeStatus(order, status, reason), shop.uow, shop.ctx)


def test_every_status_is_dated_signed_and_in_the_sn_history(
    any_shop: Shop, clock: FakeClock
) -> None:
    """accepted → at supplier → back → in repair → ready → handed back."""
    _sold_phone(any_shop)
    order = _accept(any_shop, "SN1")
    for status in (
        RepairStatus.AT_SUPPLIER,
        RepairStatus.BACK_FROM_SUPPLIER,
        RepairStatus.IN_REPAIR,
        RepairStatus.READY,
    ):
        clock.advance(minutes=5)
        _status(any_shop, order, status)
    clock.advance(minutes=5)
    with pytest.raises(DomainError, match="cannot become"):
        _status(any_shop, order, RepairStatus.BACK_FROM_SUPPLIER)
    repair_orders.hand_back(HandBack(order), any_shop.uow, any_shop.ctx, SETTINGS)
    view = repair_orders.show(any_shop.uow, order, date(2026, 3, 2), SETTINGS)
    assert [e.status.value for e in view.events] == [
        "accepted",
        "at_supplier",
        "back_from_supplier",
        "in_repair",
        "ready",
        "handed_back",
    ]
    assert view.order.closed_on == date(2026, 3, 2)
    assert view.events[1].at > view.events[0].at
    assert _state(any_shop, "SN1") == "sold"
    history = queries.serial_history(any_shop.uow, "SN1", date(2026, 3, 2))[0]
    kinds = [e.kind for e in history.events]
    assert kinds[:2] == ["received", "sold"] and kinds[2] == "repair_accepted"
    assert kinds[-1] == "repair_handed_back" and kinds.count("repair_status") == 4
    assert all(e.document.startswith(order) for e in history.events[2:])
    with pytest.raises(DomainError, match="closed"):
        _status(any_shop, order, RepairStatus.READY)


def test_a_refused_repair_keeps_its_reason_and_goes_back_to_the_customer(shop: Shop) -> None:
    """Refusing needs a reason; the unit is still handed back."""
    _sold_phone(shop)
    order = _accept(shop, "SN1")
    with pytest.raises(InputError, match="needs a reason"):
        _status(shop, order, RepairStatus.REFUSED)
    _status(shop, order, RepairStatus.REFUSED, "сліди рідини")
    view = repair_orders.show(shop.uow, order, date(2026, 3, 2), SETTINGS)
    assert view.order.status is RepairStatus.REFUSED
    assert view.order.status_reason == "сліди рідини"
    repair_orders.hand_back(HandBack(order), shop.uow, shop.ctx, SETTINGS)
    assert _state(shop, "SN1") == "sold"


def test_a_strict_part_is_refused_when_its_sn_is_not_in_stock(any_shop: Shop) -> None:
    """Parts are checked like every other outgoing unit; nothing is written."""
    _sold_phone(any_shop)
    order = _accept(any_shop, "SN1")
    before = table_counts(any_shop.uow)
    with pytest.raises(SerialRuleError, match="SN-PART") as refused:
        repair_orders.add_part(AddPart(order, "PHONE", "SN-PART"), any_shop.uow, any_shop.ctx)
    assert refused.value.rule == "not_in_stock"
    assert table_counts(any_shop.uow) == before


def test_a_warranty_repair_bills_the_customer_nothing_and_costs_the_shop(
    any_shop: Shop,
) -> None:
    """A tracked part, an untracked part and labour: zero to pay, their cost is the shop's."""
    _sold_phone(any_shop)
    any_shop.receive("PHONE", "DONOR", cost=300000)
    any_shop.receive("CABLE", quantity=5, cost=5000)
    order = _accept(any_shop, "SN1")
    part = repair_orders.add_part(AddPart(order, "PHONE", "DONOR"), any_shop.uow, any_shop.ctx)
    assert part.number == f"{order}-1"
    repair_orders.add_part(AddPart(order, "CABLE", quantity=2), any_shop.uow, any_shop.ctx)
    repair_orders.add_labour(AddLabour(order, "заміна плати", 50000), any_shop.uow, any_shop.ctx)
    assert _state(any_shop, "DONOR") == "written_off"
    view = repair_orders.show(any_shop.uow, order, date(2026, 3, 2), SETTINGS)
    assert view.charges.customer_total == 0
    assert view.charges.warranty_cost == 300000 + 2 * 5000 + 50000
    done = repair_orders.hand_back(HandBack(order), any_shop.uow, any_shop.ctx, SETTINGS)
    assert done.total == 0 and done.payment is None


def test_a_paid_repair_is_paid_at_hand_back(shop: Shop, clock: FakeClock) -> None:
    """Parts at their price and labour; cash with change, on a hand-back document."""
    _sold_phone(shop)
    shop.receive("CABLE", quantity=5, cost=5000)
    clock.advance(days=400)
    order = _accept(shop, "SN1")
    repair_orders.add_part(AddPart(order, "CABLE"), shop.uow, shop.ctx)
    repair_orders.add_labour(AddLabour(order, "чистка", 30000), shop.uow, shop.ctx)
    with pytest.raises(InputError, match="less than the total"):
        repair_orders.hand_back(HandBack(order, tendered=100), shop.uow, shop.ctx, SETTINGS)
    done = repair_orders.hand_back(
        HandBack(order, Payment.CASH, tendered=60000), shop.uow, shop.ctx, SETTINGS
    )
    assert done.total == 19900 + 30000 and done.change == 60000 - 49900
    document = queries.document(shop.uow, done.document).header
    assert document.total == 49900 and document.payment == "cash"
    view = repair_orders.show(shop.uow, order, date(2026, 3, 2), SETTINGS)
    assert view.charges.warranty_cost == 0


def test_a_replacement_keeps_the_original_warranty_end_and_links_both_units(
    any_shop: Shop, clock: FakeClock
) -> None:
    """The new unit goes to the customer; the old one stays in repair; both show the chain."""
    _sold_phone(any_shop)
    any_shop.receive("PHONE", "NEW1", cost=400000)
    clock.advance(days=30)
    order = _accept(any_shop, "SN1")
    posted = repair_orders.replace_unit(ReplaceUnit(order, "NEW1"), any_shop.uow, any_shop.ctx)
    assert posted.lines[0].warranty_end == date(2027, 3, 2)
    assert _state(any_shop, "NEW1") == "sold" and _state(any_shop, "SN1") == "in_repair"
    new = queries.serial_history(any_shop.uow, "NEW1", date(2026, 4, 1))[0]
    old = queries.serial_history(any_shop.uow, "SN1", date(2026, 4, 1))[0]
    assert new.replaces == "SN1" and old.replaced_by == "NEW1"
    assert new.chain == old.chain == ("SN1", "NEW1")
    assert new.warranty_end == date(2027, 3, 2)
    unit = any_shop.uow.units.by_serial(["NEW1"])[0]
    assert unit.customer == "Олена Коваль"
    view = repair_orders.show(any_shop.uow, order, date(2026, 4, 1), SETTINGS)
    assert view.order.status is RepairStatus.REPLACED


def test_a_replacement_with_a_fresh_warranty_needs_a_reason(shop: Shop, clock: FakeClock) -> None:
    """The manager's fresh period runs from the replacement day."""
    _sold_phone(shop)
    shop.receive("PHONE", "NEW1")
    clock.advance(days=30)
    order = _accept(shop, "SN1")
    with pytest.raises(InputError, match="needs a reason"):
        repair_orders.replace_unit(
            ReplaceUnit(order, "NEW1", fresh_warranty=True), shop.uow, shop.ctx
        )
    posted = repair_orders.replace_unit(
        ReplaceUnit(order, "NEW1", fresh_warranty=True, reason="повторний брак"),
        shop.uow,
        shop.ctx,
    )
    assert posted.lines[0].warranty_end == date(2027, 4, 1)


def test_a_paid_repair_gets_no_replacement(shop: Shop, clock: FakeClock) -> None:
    """Replacement is a warranty remedy."""
    _sold_phone(shop)
    shop.receive("PHONE", "NEW1")
    clock.advance(days=400)
    order = _accept(shop, "SN1")
    with pytest.raises(DomainError, match="warranty only"):
        repair_orders.replace_unit(ReplaceUnit(order, "NEW1"), shop.uow, shop.ctx)


@pytest.mark.parametrize(("extend", "end"), [(False, date(2027, 3, 2)), (True, date(2027, 3, 12))])
def test_the_warranty_is_extended_by_days_in_repair_only_when_set(
    shop: Shop, clock: FakeClock, extend: bool, end: date
) -> None:
    """Ten days in warranty repair: the end moves ten days when the setting is on."""
    _sold_phone(shop)
    order = _accept(shop, "SN1")
    clock.advance(days=10)
    settings = ServiceSettings(extend_warranty=extend)
    done = repair_orders.hand_back(HandBack(order), shop.uow, shop.ctx, settings)
    assert done.warranty_end == end
    history = queries.serial_history(shop.uow, "SN1", date(2026, 3, 12))[0]
    assert history.warranty_end == end and history.state.value == "sold"
    unit = shop.uow.units.by_serial(["SN1"])[0]
    assert unit.sold_on == date(2026, 3, 2) and unit.customer == "Олена Коваль"


def test_intake_facts_show_the_sale_warranty_repairs_and_offers_at_once(
    shop: Shop, clock: FakeClock
) -> None:
    """Sold by us, when and to whom, days left, repairs so far, last complaint, offers."""
    _sold_phone(shop)
    order = _accept(shop, "SN1", complaint="не тримає батарея")
    repair_orders.hand_back(HandBack(order), shop.uow, shop.ctx, SETTINGS)
    clock.advance(days=20)
    facts = repair_intake.intake_facts(shop.uow, "sn1", date(2026, 3, 22), SETTINGS)
    assert facts.sold_by_us and facts.sale_doc == "SL-000001" and facts.customer == "Олена Коваль"
    assert facts.days_since_sale == 20 and facts.warranty_days_left == 345
    assert facts.repairs == 1 and facts.last_complaint == "не тримає батарея"
    assert [o.value for o in facts.offers] == ["warranty_service", "paid_repair", "refuse"]
    unknown = repair_intake.intake_facts(shop.uow, "NOPE", date(2026, 3, 22), SETTINGS)
    assert not unknown.known and [o.value for o in unknown.offers] == ["paid_repair", "refuse"]


def test_a_unit_left_in_repair_is_written_off_by_a_manager_and_the_order_closes(
    any_shop: Shop, clock: FakeClock
) -> None:
    """The old unit of a replacement goes repair → written off; a cashier alone is refused
    (nothing written); a reason is needed."""
    _sold_phone(any_shop)
    any_shop.receive("PHONE", "NEW1", cost=400000)
    order = _accept(any_shop, "SN1")
    repair_orders.replace_unit(ReplaceUnit(order, "NEW1"), any_shop.uow, any_shop.ctx)
    with pytest.raises(InputError):
        repair_orders.write_off_unit(WriteOffUnit(order, " "), any_shop.uow, any_shop.ctx)
    cashier = replace(any_shop.ctx, role=Role.CASHIER.value)
    before = table_counts(any_shop.uow)
    with pytest.raises(DomainError) as refused:
        repair_orders.write_off_unit(WriteOffUnit(order, "розбитий"), any_shop.uow, cashier)
    assert refused.value.rule == "needs_manager"
    assert table_counts(any_shop.uow) == before
    clock.advance(days=3)
    posted = repair_orders.write_off_unit(
        WriteOffUnit(order, "розбитий"), any_shop.uow, any_shop.ctx
    )
    assert posted.number == f"{order}-2"
    assert _state(any_shop, "SN1") == "written_off"
    history = queries.serial_history(any_shop.uow, "SN1", date(2026, 4, 1))[0]
    assert any(
        e.kind == "repair_written_off" and e.document == posted.number for e in history.events
    )
    view = repair_orders.show(any_shop.uow, order, date(2026, 4, 1), SETTINGS)
    assert view.order.status is RepairStatus.WRITTEN_OFF
    assert view.events[-1].reason == "розбитий" and view.events[-1].on == date(2026, 3, 5)


def test_a_device_the_shop_never_sold_is_not_written_off(shop: Shop) -> None:
    order = _accept(shop, "ALIEN-1", device="чужий телефон")
    with pytest.raises(DomainError) as refused:
        repair_orders.write_off_unit(WriteOffUnit(order, "покинутий"), shop.uow, shop.ctx)
    assert refused.value.rule == "repair_not_ours"
