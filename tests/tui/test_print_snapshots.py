"""Printing as the cashier sees it at 80×24; each snapshot was reviewed by eye."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from bootstrap.services import Services
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan
from tests.tui.printers import memory_printer, sell
from tui.app import make_app
from tui.i18n import install

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


def test_print_offer(snap_compare: SnapCompare, services: Services) -> None:
    """After a sale with printing on offer: the documents listed, Enter prints, Esc does not."""
    printer = memory_printer(services, receipts="offer", cards="offer")

    async def two_phones(pilot: Pilot[Any]) -> None:
        await sell(pilot, "SN-0003", "SN-0004")

    assert snap_compare(
        make_app(services, printer=printer), terminal_size=SIZE, run_before=two_phones
    )


def test_printer_failure(snap_compare: SnapCompare, services: Services) -> None:
    """A switched-off printer after a sale: what is wrong, what waits, Retry or Later."""
    printer = memory_printer(services, refusing=True)

    async def phone_and_cable(pilot: Pilot[Any]) -> None:
        await sell(pilot, "SN-0003", "CABLE")

    assert snap_compare(
        make_app(services, printer=printer), terminal_size=SIZE, run_before=phone_and_cable
    )


def test_print_queue(snap_compare: SnapCompare, services: Services) -> None:
    """Ctrl+R after Later: the failed receipt with its error, the card not tried yet, the keys."""
    printer = memory_printer(services, refusing=True)

    async def later_then_queue(pilot: Pilot[Any]) -> None:
        await sell(pilot, "SN-0003", "CABLE")
        await press(pilot, "escape", "ctrl+r")

    assert snap_compare(
        make_app(services, printer=printer), terminal_size=SIZE, run_before=later_then_queue
    )


def test_receipt_preview(snap_compare: SnapCompare, services: Services) -> None:
    """F6 in the print queue with an old sale's number: the receipt as it will print."""
    printer = memory_printer(services)

    async def old_receipt(pilot: Pilot[Any]) -> None:
        await press(pilot, "ctrl+r", "f6")
        await scan(pilot, "SL-000001")

    assert snap_compare(
        make_app(services, printer=printer), terminal_size=SIZE, run_before=old_receipt
    )


def test_print_queue_in_ukrainian(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The printer failure and then the queue in Ukrainian: the keys and states fit."""
    services = make_services(tmp_path, language="uk")
    stock(services)
    install("uk")  # the printer's message is worded when the test builds it
    printer = memory_printer(services, refusing=True)

    async def later_then_queue(pilot: Pilot[Any]) -> None:
        await sell(pilot, "SN-0003", "CABLE")
        await press(pilot, "escape", "ctrl+r")

    assert snap_compare(
        make_app(services, printer=printer), terminal_size=SIZE, run_before=later_then_queue
    )
