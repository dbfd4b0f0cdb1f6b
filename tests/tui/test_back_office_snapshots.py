"""What the stock counter and the manager see at 80×24; each snapshot was reviewed by eye."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bootstrap.services import Services
from core.commands import Item, RecordSale
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.warranty import WarrantyPeriod
from core.services import catalogue, selling
from tests.fakes import FakeClock
from tests.shop import PHONE_BARCODE, Shop
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, type_in
from tui.app import SIXTEEN_COLOURS, make_app

SnapCompare = Callable[..., bool]
SIZE = (80, 24)
MIXED_SCANS = ("SN-0001", "sn-0001", "XXX", "SN-0005", "B-1", PHONE_BARCODE, "SN-0002")
"""Expected, repeated, unknown, sold, another type's, the box barcode, expected."""


async def count_electronics(pilot: Pilot[Any]) -> None:
    """Open a count of the Electronics type and scan one of each kind."""
    await press(pilot, "f11", "f6", "f8", "down", "enter")
    await scan(pilot, "Electronics", *MIXED_SCANS)


def test_count_sheet_with_discrepancies(snap_compare: SnapCompare, services: Services) -> None:
    """Surplus and shortage per product, running totals, the last scans coloured by kind, F9."""
    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=count_electronics)


def test_replace_serial_number(snap_compare: SnapCompare, services: Services) -> None:
    """F9 on the phone: the SNs found but not expected beside those expected but not found."""

    async def replacing(pilot: Pilot[Any]) -> None:
        await count_electronics(pilot)
        await press(pilot, "f9")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=replacing)


def test_count_posting_confirmation(snap_compare: SnapCompare, services: Services) -> None:
    """What posting writes off and takes in, and the unit cost asked for cables over."""

    async def posting(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "f6", "f8", "down", "down", "enter")
        await scan(pilot, "PHONE CABLE", "SN-0001", "SN-0002", "SN-0005", "CABLE*22")
        await press(pilot, "f10")
        await type_in(pilot, "45")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=posting)


def test_count_in_ukrainian(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The count sheet in Ukrainian: columns, totals, scan kinds and F-keys that fit."""
    services = make_services(tmp_path, language="uk")
    stock(services)
    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=count_electronics)


def test_warranty_stock_report(snap_compare: SnapCompare, services: Services) -> None:
    """Every tracked unit in stock with cost, date received and supplier; two marked."""

    async def marked(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "space", "down", "down", "space")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=marked)


@pytest.fixture
def sold_over_a_year(services: Services) -> Services:
    """Phones and a bike sold 400 days ago (phones expired, bike active), a phone sold today."""
    for code, serial, customer in (("PHONE", "SN-0001", "Олена"), ("BIKE", "B-1", "Петро")):
        command = RecordSale((Item(code, serial),), customer=customer, phone="+380501112233")
        selling.sell(command, services.uow(), services.ctx)
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=400)
    Shop(services.uow(), services.ctx).sell("PHONE", "SN-0002", customer="Марія Шевчук")
    return services


def test_warranty_tracking_report(snap_compare: SnapCompare, sold_over_a_year: Services) -> None:
    """Sale date, customer, term, end and days left: active in green, expired dimmed."""

    async def warranties(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "f5")

    app = make_app(sold_over_a_year)
    assert snap_compare(app, terminal_size=SIZE, run_before=warranties)


def test_warranty_tracking_in_sixteen_colours(
    snap_compare: SnapCompare, sold_over_a_year: Services
) -> None:
    """The Linux-console theme: active warranties bright green, expired ones dim."""
    app = make_app(sold_over_a_year)

    async def console(pilot: Pilot[Any]) -> None:
        app.theme = SIXTEEN_COLOURS.name
        await press(pilot, "f11", "f5")

    assert snap_compare(app, terminal_size=SIZE, run_before=console)


def test_serial_number_history(snap_compare: SnapCompare, services: Services, shop: Shop) -> None:
    """F12 over the sale: received, sold and returned, with the chosen event's facts."""
    shop.return_serial("SN-0005")

    async def history(pilot: Pilot[Any]) -> None:
        await press(pilot, "f12")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=history)


def test_settings_tree(snap_compare: SnapCompare, services: Services) -> None:
    """Own values plain, the rest dimmed, ``^`` where Phones inherit from Electronics."""
    uow = services.uow()
    catalogue.set_type(uow, TypeSettings("Electronics", None, WarrantyPeriod(24), sn_check="imei"))
    phones = TypeSettings("Electronics/Phones", TrackingMode.STRICT, card_template="phone")
    catalogue.set_type(uow, phones)

    async def settings(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "f7")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=settings)
