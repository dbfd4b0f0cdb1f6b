"""Kits and units with several identifiers at 80×24; each snapshot was reviewed by eye."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from bootstrap.services import Services
from tests.tui.pilot import press, scan, type_in
from tests.tui.test_identifier_entry import A1, dual_sim
from tests.tui.test_kit_prompt import pack
from tui.app import make_app

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


def test_identifier_window(snap_compare: SnapCompare, services: Services) -> None:
    """Goods in: unit 1 complete, unit 2 asked for its IMEI 2, a repeated label ignored."""
    dual_sim(services)

    async def entering(pilot: Pilot[Any]) -> None:
        await press(pilot, "f2")
        await scan(pilot, "ТОВ Постач", "INV-8", "DUO")
        await type_in(pilot, "2", "enter")
        await type_in(pilot, "4000", "enter")
        await scan(pilot, "350000000000998", "350000000001004", "SN-Z1")
        await scan(pilot, A1, A1)

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=entering)


def test_kit_prompt(snap_compare: SnapCompare, services: Services) -> None:
    """Sale: a kit with the bike's SN placed, the phone asked for next."""
    pack(services)

    async def ringing(pilot: Pilot[Any]) -> None:
        await scan(pilot, "4820000000789", "B-1")

    assert snap_compare(make_app(services), terminal_size=SIZE, run_before=ringing)
