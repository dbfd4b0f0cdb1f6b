"""What the cashier sees at 80×24, state by state; each snapshot was reviewed by eye."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from bootstrap.services import Services
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, type_in
from tui.app import SIXTEEN_COLOURS, make_app

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


def test_empty_sale(snap_compare: SnapCompare, services: Services) -> None:
    """The sale screen before the first scan: status bar, hint, scan field, F-keys."""
    assert snap_compare(make_app(services), terminal_size=SIZE)


def test_sale_with_lines(snap_compare: SnapCompare, services: Services) -> None:
    """Two phones by serial number and two cables, with a customer named."""

    async def ring_up(pilot: Pilot[Any]) -> None:
        await scan(pilot, "PHONE", "SN-0001", "SN-0002", "", "CABLE", "CABLE")
        await press(pilot, "f6")
        await scan(pilot, "Олена Коваль", "+380501234567")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=ring_up)


def test_serial_prompt_in_loop_mode(snap_compare: SnapCompare, services: Services) -> None:
    """The SN prompt after the first phone went in, waiting for the next one."""

    async def one_phone(pilot: Pilot[Any]) -> None:
        await scan(pilot, "PHONE", "SN-0001")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=one_phone)


def test_strict_refusal(snap_compare: SnapCompare, services: Services) -> None:
    """A sold phone's SN refused: title, the core's reason and what to do, over the prompt."""

    async def sold_unit(pilot: Pilot[Any]) -> None:
        await scan(pilot, "PHONE", "SN-0001", "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=sold_unit)


def test_soft_warning(snap_compare: SnapCompare, services: Services) -> None:
    """A bike SN never received: let in with a warning, its line marked with !."""

    async def unknown_bike(pilot: Pilot[Any]) -> None:
        await scan(pilot, "BIKE", "B-77")
        await press(pilot, "escape")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=unknown_bike)


def test_payment_with_change(snap_compare: SnapCompare, services: Services) -> None:
    """The payment dialog with cash typed in and the change worked out."""

    async def paying(pilot: Pilot[Any]) -> None:
        await scan(pilot, "CABLE", "CABLE")
        await press(pilot, "f10")
        await type_in(pilot, "500")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=paying)


def test_sale_complete(snap_compare: SnapCompare, services: Services) -> None:
    """After payment: the sale's number, total, cash and change until the next scan."""

    async def paid(pilot: Pilot[Any]) -> None:
        await scan(pilot, "SN-0003", "CABLE")
        await press(pilot, "f10")
        await scan(pilot, "10000")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=paid)


def test_receipt_serial_window(snap_compare: SnapCompare, services: Services) -> None:
    """Goods in: the SN window at 3 of 5 with a repeated SN just refused."""

    async def entering(pilot: Pilot[Any]) -> None:
        await press(pilot, "f2")
        await scan(pilot, "ТОВ Постач", "INV-7", "PHONE")
        await type_in(pilot, "5", "enter")
        await type_in(pilot, "5200", "enter")
        await scan(pilot, "N-1", "N-2", "N-3", "N-2")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=entering)


def test_return_confirmation(snap_compare: SnapCompare, services: Services) -> None:
    """A sold phone scanned for return: the decision panel with sale, customer, days since sale
    against the return window, warranty, repairs, and only the actions that apply."""

    async def returning(pilot: Pilot[Any]) -> None:
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=returning)


def test_sale_in_sixteen_colours(snap_compare: SnapCompare, services: Services) -> None:
    """The Linux-console theme (terminal palette only) with lines and the SN prompt."""
    app = make_app(services)

    async def console(pilot: Pilot[Any]) -> None:
        app.theme = SIXTEEN_COLOURS.name
        await scan(pilot, "CABLE", "PHONE", "SN-0001")

    assert snap_compare(app, terminal_size=SIZE, run_before=console)


def test_sale_in_ukrainian(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The sale in Ukrainian: lines, totals with a decimal comma, F-keys that fit."""
    services = make_services(tmp_path, language="uk")
    stock(services)

    async def ring_up(pilot: Pilot[Any]) -> None:
        await scan(pilot, "PHONE", "SN-0001", "", "BIKE", "B-1", "", "CABLE")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=ring_up)
