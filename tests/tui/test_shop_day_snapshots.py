"""What the manager and the cashier see of the shop's day at 80×24; each snapshot was
reviewed by eye."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from bootstrap.services import Services
from core.services import counting
from core.views import CountScope
from tests.tui.pilot import press, scan
from tui.app import make_app

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


def test_price_check(snap_compare: SnapCompare, services: Services) -> None:
    """F9 then a sold phone's SN: price, stock, the unit's state and warranty over the sale."""

    async def check(pilot: Pilot[Any]) -> None:
        await scan(pilot, "CABLE")
        await press(pilot, "f9")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=check)


def test_products(snap_compare: SnapCompare, services: Services) -> None:
    """Ctrl+T: every product with its type, tracking and price; the search field below."""

    async def open_products(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+t")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=open_products)


def test_product_form(snap_compare: SnapCompare, services: Services) -> None:
    """Enter on the bike: its fields, the type's tracking and warranty beside them."""

    async def open_form(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+t", "tab", "enter")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=open_form)


def test_document_journal(snap_compare: SnapCompare, services: Services) -> None:
    """Ctrl+L: the sale and the three receipts, latest first."""

    async def open_journal(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+l")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=open_journal)


def test_document_opened_by_its_serial(snap_compare: SnapCompare, services: Services) -> None:
    """The sold phone's SN scanned in the journal opens its sale with the re-print keys."""

    async def open_sale(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+l")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=open_sale)


def test_day_summary(snap_compare: SnapCompare, services: Services) -> None:
    """Ctrl+Y after 500 paid in: the cash sale, the pay-in and the cash the drawer holds."""

    async def pay_in(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+y", "f8")
        await scan(pilot, "500", "розмінна монета")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=pay_in)


def test_new_product_type_form(snap_compare: SnapCompare, services: Services) -> None:
    """Ctrl+N in the settings, Electronics/Tablets: the form shows what it inherits."""

    async def new_type(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "f7", "ctrl+n")
        await scan(pilot, "Electronics/Tablets")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=new_type)


def test_open_counts(snap_compare: SnapCompare, services: Services) -> None:
    """Going on with a count: the open sheets to pick from."""
    counting.open_sheet(services.uow(), services.ctx, CountScope("Bikes"))

    async def resume(pilot: Pilot[Any]) -> None:
        await press(pilot, "f11", "f6", "f8", "down", "down", "down", "enter")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=resume)


def test_quantities(snap_compare: SnapCompare, services: Services) -> None:
    """F10 from the products: every good by quantity with its value, the shop's totals above."""

    async def open_quantities(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+t", "f10")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=open_quantities)
