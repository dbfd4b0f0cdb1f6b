"""The service desk at 80×24: a scanned SN's facts at once, intake, the order, the reports,
and the decision panel on the customer-return screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from bootstrap.services import Services
from core.repair_commands import AcceptRepair
from core.repair_views import IntakeFacts
from core.services import repair_intake
from tests.fakes import FakeClock
from tests.tui.pilot import press, scan, top, type_in
from tui.app import make_app
from tui.dialogs.decision_panel import DecisionPanel
from tui.dialogs.form import FormDialog
from tui.repair_facts import intake_rows
from tui.screens.repair_order import RepairOrderScreen
from tui.screens.repair_reports import RepairReportsScreen
from tui.screens.service import ServiceScreen
from tui.widgets.notice import Notice

SIZE = (80, 24)
SnapCompare = Callable[..., bool]


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _taken(services: Services, serial: str = "SN-0005") -> str:
    cmd = AcceptRepair(serial, "не заряджається", accessories="коробка")
    return repair_intake.accept(cmd, services.uow(), services.ctx).order


async def _service(pilot: Pilot[Any]) -> None:
    await press(pilot, "f3", "f3")


async def test_f3_twice_opens_the_service_desk_and_a_scan_shows_the_facts_at_once(
    services: Services,
) -> None:
    """Sold by us, the sale, the customer, warranty days left and repairs before any typing."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        assert top(app) == "ServiceScreen"
        await scan(pilot, "SN-0005")
        assert isinstance(app.screen, ServiceScreen) and app.screen.facts is not None
        facts = app.screen.facts
        assert facts.sold_by_us and facts.sale_doc == "SL-000001"
        assert facts.customer == "Іван Петренко" and facts.warranty_days_left == 365
        assert facts.repairs == 0


async def test_intake_takes_the_unit_in_and_a_slip_scan_opens_the_order(
    services: Services,
) -> None:
    """F10 opens the form; the order is taken; scanning its number opens the order view."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await scan(pilot, "SN-0005")
        await press(pilot, "f10")
        assert isinstance(app.screen, FormDialog)
        await type_in(pilot, "screen cracked", "enter")
        await press(pilot, "f10")
        assert top(app) == "ServiceScreen"
        assert "RP-000001 taken (warranty)" in str(app.screen.query_one(Notice).render())
        history = services.office.serial_history("SN-0005", services.ctx.clock.today())
        assert history[0].state.value == "in_repair"
        await scan(pilot, "RP-000001")
        assert isinstance(app.screen, RepairOrderScreen)
        assert app.screen.view.order.complaint == "screen cracked"


async def test_an_in_stock_sn_cannot_be_taken_in(services: Services) -> None:
    """The shop's own unit: F10 does nothing and the notice says what to do instead."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await scan(pilot, "SN-0001")
        assert "write it off" in str(app.screen.query_one(Notice).render())
        await press(pilot, "f10")
        assert top(app) == "ServiceScreen"


async def test_the_order_takes_labour_and_is_handed_back(services: Services) -> None:
    """F7 labour, F10 hand-back of a warranty repair: nothing to pay, the unit is sold again."""
    order = _taken(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await scan(pilot, order)
        await press(pilot, "f7")
        await type_in(pilot, "пайка", "enter")
        await type_in(pilot, "150", "enter")
        assert "пайка" in _text(app, "#history")
        await press(pilot, "f10")
        await press(pilot, "f10")
        assert "Handed back on RP-000001-1" in str(app.screen.query_one(Notice).render())
        units = services.office.serial_history("SN-0005", services.ctx.clock.today())
        assert units[0].state.value == "sold"


async def test_the_intake_form_overrides_paid_to_warranty_with_a_reason(
    services: Services,
) -> None:
    """Past its warranty the form offers the warranty override; its reason is recorded."""
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=400)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await scan(pilot, "SN-0005")
        await press(pilot, "f10")
        assert isinstance(app.screen, FormDialog)
        await type_in(pilot, "не вмикається", "enter")
        await press(pilot, *["enter"] * 5)
        await type_in(pilot, "заводський брак", "f10")
        assert top(app) == "ServiceScreen"
        assert "RP-000001 taken (warranty)" in str(app.screen.query_one(Notice).render())
    order = services.desk.order("RP-000001").order
    assert order.warranty and order.override_reason == "заводський брак"


async def test_f9_writes_off_the_old_unit_of_a_replacement(services: Services) -> None:
    """F9 shows only once the order is replaced; a reason, and the old unit is written off."""
    order = _taken(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await scan(pilot, order)
        assert app.screen.check_action("write_off", ()) is False
        await press(pilot, "f8")
        await type_in(pilot, "SN-0001", "enter")
        await press(pilot, "enter", "enter")
        await pilot.pause()
        assert app.screen.check_action("write_off", ()) is True
        await press(pilot, "f9")
        assert isinstance(app.screen, FormDialog)
        await type_in(pilot, "розбитий корпус", "enter")
        await pilot.pause()
        assert "written off" in _text(app, "#history")
        units = services.office.serial_history("SN-0005", services.ctx.clock.today())
        assert units[0].state.value == "written_off"


async def test_the_decision_panel_offers_refund_inside_the_window(services: Services) -> None:
    """Sold today: refund, exchange, warranty service, paid repair, refuse; Enter refunds."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")
        assert isinstance(app.screen, DecisionPanel)
        assert [o.value for o in app.screen.offers] == [
            "refund",
            "exchange",
            "warranty_service",
            "paid_repair",
            "refuse",
        ]
        await press(pilot, "enter")
        assert top(app) == "ReturnScreen"
        assert "refund 8 999.00" in str(app.screen.query_one(Notice).render())


async def test_outside_the_window_the_panel_offers_only_service_or_refusal(
    services: Services,
) -> None:
    """Thirty days after the sale: no refund on Enter; F6 goes to the service desk with the SN."""
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=30)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")
        assert isinstance(app.screen, DecisionPanel)
        assert [o.value for o in app.screen.offers] == ["warranty_service", "paid_repair", "refuse"]
        await press(pilot, "enter")
        assert isinstance(app.screen, DecisionPanel)
        await press(pilot, "f6")
        assert isinstance(app.screen, ServiceScreen) and app.screen.facts is not None
        assert app.screen.facts.serial == "SN-0005"


async def test_reports_list_open_orders_and_open_one(services: Services) -> None:
    """F9: open orders by status and age; typing a number opens the order."""
    order = _taken(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await _service(pilot)
        await press(pilot, "f9")
        assert isinstance(app.screen, RepairReportsScreen)
        assert app.screen.rows[0][0] == order
        await press(pilot, "f5")
        assert app.screen.rows[0][0] == "PHONE"
        await type_in(pilot, order, "enter")
        assert isinstance(app.screen, RepairOrderScreen)


def test_service_desk_facts(snap_compare: SnapCompare, services: Services) -> None:
    """A sold phone scanned at the service desk: sale, customer, window, warranty, repairs."""

    async def scanned(pilot: Pilot[Any]) -> None:
        await _service(pilot)
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=scanned)


def test_repair_order_view(snap_compare: SnapCompare, services: Services) -> None:
    """An order with a labour line: header, status history, parts and labour, keys."""
    order = _taken(services)

    async def opened(pilot: Pilot[Any]) -> None:
        await _service(pilot)
        await scan(pilot, order)
        await press(pilot, "f7")
        await type_in(pilot, "пайка", "enter")
        await type_in(pilot, "150", "enter")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=opened)


def test_decision_panel_outside_the_window(snap_compare: SnapCompare, services: Services) -> None:
    """Thirty days after the sale: warranty service, paid repair or refusal only."""
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=30)

    async def returning(pilot: Pilot[Any]) -> None:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=returning)


def test_repair_reports(snap_compare: SnapCompare, services: Services) -> None:
    """Open orders by status and age on the repair reports screen."""
    _taken(services)

    async def reports(pilot: Pilot[Any]) -> None:
        await _service(pilot)
        await press(pilot, "f9")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=reports)


async def test_service_settings_are_changed_on_the_settings_screen(services: Services) -> None:
    """Ctrl+E on the settings screen: return window, repair term, warranty extension."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f7")
        await press(pilot, "ctrl+e")
        assert isinstance(app.screen, FormDialog)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_in(pilot, "7", "enter")
        await type_in(pilot, "", "enter")
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_in(pilot, "yes", "enter")
        settings = services.desk.settings()
        assert (settings.return_window_days, settings.extend_warranty) == (7, True)
        assert settings.repair_term_days == 14


async def test_a_repair_slip_scanned_on_the_return_screen_opens_its_order(
    services: Services,
) -> None:
    """The customer hands over the slip at pick-up: its barcode opens the order."""
    order = _taken(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, order)
        await press(pilot)
        assert isinstance(app.screen, RepairOrderScreen)
        assert app.screen.view.order.number == order


def test_the_facts_of_a_component_name_the_kit_and_the_sale() -> None:
    """A unit sold in an assembled kit: one more row names the kit, its SN and the sale."""
    facts = IntakeFacts(
        serial="D1",
        known=True,
        sku="DRILL",
        name="Дриль",
        state="sold",
        sold_by_us=True,
        sale_doc="S-000002",
        sold_on=None,
        customer="Іван",
        phone=None,
        days_since_sale=3,
        warranty_end=None,
        warranty_days_left=None,
        warranty_active=False,
        repairs=0,
        last_complaint=None,
        open_order=None,
        offers=(),
        return_window_days=14,
        kit_sku="SET",
        kit_name="Набір",
        kit_serial="KIT-000001",
    )
    rows = dict(intake_rows(facts))
    assert rows["Sold in a kit"] == "Набір (SET) KIT-000001 on S-000002"
