"""Supplier RMAs: units in repair go to the supplier; each answer comes back as it should."""

from __future__ import annotations

from datetime import date

import pytest

from core.commands import ReceiptLine, ReceiveStock
from core.domain.errors import DomainError, SerialRuleError
from core.domain.repairs import RepairStatus
from core.repair_commands import (
    AcceptRepair,
    AddPart,
    AnswerRma,
    HandBack,
    ReplaceUnit,
    SendToSupplier,
)
from core.repair_views import ServiceSettings
from core.services import queries, rebuild, receiving, repair_intake, repair_orders, rma
from tests.fakes import FakeClock
from tests.shop import Shop


def _order_at_supplier(shop: Shop) -> tuple[str, str]:
    shop.receive("PHONE", "SN1", cost=400000, supplier="ТОВ Мобі")
    shop.sell("PHONE", "SN1", customer="Олена")
    order = repair_intake.accept(AcceptRepair("SN1", "не вмикається"), shop.uow, shop.ctx).order
    sent = rma.send(SendToSupplier("ТОВ Мобі", ("SN1",)), shop.uow, shop.ctx)
    return order, sent.number


def _status(shop: Shop, order: str) -> RepairStatus:
    return repair_orders.show(shop.uow, order, date(2026, 3, 2), ServiceSettings()).order.status


def _state(shop: Shop, serial: str) -> str:
    return shop.uow.units.by_serial([serial])[0].state.value


def test_sending_moves_the_unit_to_the_supplier_and_lists_it_with_days_waited(
    any_shop: Shop,
) -> None:
    """The order shows at the supplier; the list counts the days."""
    order, number = _order_at_supplier(any_shop)
    assert number == "RM-000001" and _state(any_shop, "SN1") == "returned_to_supplier"
    assert _status(any_shop, order) is RepairStatus.AT_SUPPLIER
    waiting = rma.at_suppliers(any_shop.uow, date(2026, 3, 12))
    assert [(w.serial, w.supplier, w.order, w.days_waited) for w in waiting] == [
        ("SN1", "ТОВ Мобі", order, 10)
    ]


def test_only_a_unit_in_repair_goes_on_an_rma(shop: Shop) -> None:
    """A unit in stock is refused by the one check."""
    shop.receive("PHONE", "SN2")
    with pytest.raises(SerialRuleError, match="not in repair"):
        rma.send(SendToSupplier("ТОВ Мобі", ("SN2",)), shop.uow, shop.ctx)


def test_repaired_brings_the_same_unit_back_into_the_order(any_shop: Shop) -> None:
    """Back in repair, the order back from the supplier, then handed back."""
    order, number = _order_at_supplier(any_shop)
    done = rma.answer(AnswerRma(number, "SN1", "repaired"), any_shop.uow, any_shop.ctx)
    assert done == f"{number}-1"
    assert _state(any_shop, "SN1") == "in_repair"
    assert _status(any_shop, order) is RepairStatus.BACK_FROM_SUPPLIER
    assert rma.at_suppliers(any_shop.uow, date(2026, 3, 2)) == []
    with pytest.raises(DomainError, match="answer already"):
        rma.answer(AnswerRma(number, "SN1", "credited"), any_shop.uow, any_shop.ctx)


def test_replaced_receives_the_new_sn_into_the_order_with_its_lineage(
    any_shop: Shop,
) -> None:
    """The new unit is handed back with the original sale's record and warranty end."""
    order, number = _order_at_supplier(any_shop)
    rma.answer(AnswerRma(number, "SN1", "replaced", "SN1-NEW"), any_shop.uow, any_shop.ctx)
    assert _state(any_shop, "SN1-NEW") == "in_repair"
    assert _state(any_shop, "SN1") == "returned_to_supplier"
    repair_orders.hand_back(HandBack(order), any_shop.uow, any_shop.ctx, ServiceSettings())
    unit = any_shop.uow.units.by_serial(["SN1-NEW"])[0]
    assert unit.state.value == "sold" and unit.customer == "Олена"
    assert unit.warranty_end == date(2027, 3, 2) and unit.sold_on == date(2026, 3, 2)
    history = queries.serial_history(any_shop.uow, "SN1-NEW", date(2026, 3, 2))[0]
    assert history.replaces == "SN1" and history.chain == ("SN1", "SN1-NEW")


def test_credited_leaves_the_unit_with_the_supplier(shop: Shop) -> None:
    """Nothing moves; the answer is recorded."""
    order, number = _order_at_supplier(shop)
    assert rma.answer(AnswerRma(number, "SN1", "credited"), shop.uow, shop.ctx) == number
    assert _state(shop, "SN1") == "returned_to_supplier"
    assert rma.at_suppliers(shop.uow, date(2026, 3, 2)) == []


@pytest.mark.parametrize("strict", [True, False])
def test_a_unit_sent_back_defective_arriving_again_is_warned_about_naming_the_rma(
    shop: Shop, clock: FakeClock, strict: bool
) -> None:
    """Strict or not, the receipt posts with a warning that names the RMA."""
    code = "PHONE" if strict else "BIKE"
    shop.receive(code, "U1", cost=100)
    shop.sell(code, "U1", customer="Олена")
    repair_intake.accept(AcceptRepair("U1", "брак"), shop.uow, shop.ctx)
    sent = rma.send(SendToSupplier("ТОВ Мобі", ("U1",)), shop.uow, shop.ctx)
    rma.answer(AnswerRma(sent.number, "U1", "credited"), shop.uow, shop.ctx)
    clock.advance(days=20)
    posted = receiving.receive(
        ReceiveStock("ТОВ Мобі", (ReceiptLine(code, 1, 100, ("U1",)),)), shop.uow, shop.ctx
    )
    assert [w.rule for w in posted.warnings] == ["returned_defective"]
    assert sent.number in posted.warnings[0].message
    assert _state(shop, "U1") == "in_stock"


def test_projections_equal_the_fold_after_every_repair_and_rma_step(any_shop: Shop) -> None:
    """Intake, a part, an RMA replaced, a hand-back and a shop replacement: verify and rebuild
    find the projections equal to the ledger."""
    order, number = _order_at_supplier(any_shop)
    any_shop.receive("PHONE", "PART1", "NEW2", cost=1000)
    rma.answer(AnswerRma(number, "SN1", "replaced", "SN1-NEW"), any_shop.uow, any_shop.ctx)
    repair_orders.add_part(AddPart(order, "PHONE", "PART1"), any_shop.uow, any_shop.ctx)
    repair_orders.hand_back(
        HandBack(order), any_shop.uow, any_shop.ctx, ServiceSettings(extend_warranty=True)
    )
    second = repair_intake.accept(AcceptRepair("SN1-NEW", "знову"), any_shop.uow, any_shop.ctx)
    repair_orders.replace_unit(ReplaceUnit(second.order, "NEW2"), any_shop.uow, any_shop.ctx)
    assert rebuild.verify(any_shop.uow).ok
    assert rebuild.rebuild(any_shop.uow).ok
    chain = queries.serial_history(any_shop.uow, "NEW2", date(2026, 3, 2))[0].chain
    assert chain == ("SN1", "SN1-NEW", "NEW2")
