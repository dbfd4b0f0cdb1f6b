"""The app around the screens: modes and keys, scans from devices, crashes, status, glyphs."""

from __future__ import annotations

import asyncio
import html
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from bootstrap.services import Services
from core.config import ScannerConfig, WedgeConfig
from core.drafts.entry import Scan
from core.drafts.sale import SaleDraft, SaleStep
from devices.scan.fake import FakeScanner
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, settle, top
from tui.app import make_app
from tui.dialogs.error import ErrorDialog
from tui.screens.sale import SaleScreen
from tui.widgets.status_bar import StatusBar

SIZE = (80, 24)

CONSOLE_GLYPHS = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x100)]
    + [chr(c) for c in range(0x400, 0x460)]
    + list("ҐґЁё‐–—‘’‚“”„•…‰‹›€№™←↑→↓")
    + [chr(c) for c in range(0x2500, 0x2580)]
    + list("█░▒■▲▼●")
)
"""Glyphs that the Linux console fonts for Ukrainian (CyrSlav, Uni2, Uni3) all have.

Read from console-setup's PSF unicode tables: they lack every half and eighth block
(▁▂▎▊▏▕▔▀▄▌▐▓) that Textual's tall, wide, outer, panel, vkey and hkey borders draw."""


def screen_glyphs(svg: str) -> set[str]:
    """Every character drawn in an SVG screenshot."""
    return set(html.unescape("".join(re.findall(r">([^<]*)</text>", svg)))) - {"\n"}


async def test_function_keys_switch_between_sale_goods_in_and_returns(
    services: Services,
) -> None:
    """F2 goods in, F3 return, F1 back to the sale, whose cart is kept."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await press(pilot, "f2")
        assert top(app) == "ReceiveScreen"
        await press(pilot, "f3")
        assert top(app) == "ReturnScreen"
        await press(pilot, "f1")
        sale = app.screen
        assert isinstance(sale, SaleScreen) and len(sale.cart.lines) == 1


async def test_footer_and_palette_list_the_keys_of_the_screen(services: Services) -> None:
    """The footer shows F-keys with descriptions; the palette offers the same, with the key."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = {key.key_display: key.description for key in app.screen.query(FooterKey)}
        assert footer["F10"] == "Pay" and footer["F2"] == "Goods in" and "F1" not in footer
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Pay (F10)" in titles and "Return (F3)" in titles and "Quit" in titles


async def test_mode_keys_are_off_while_a_dialog_is_open(services: Services) -> None:
    """With the SN prompt open, F2 does not leave the sale."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE")
        await press(pilot, "f2")
        assert top(app) == "SerialPrompt" and app.current_mode == "sale"


async def test_status_bar_names_till_cashier_database_and_devices(services: Services) -> None:
    """The top line shows the till, the cashier, the database file and the devices."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(StatusBar)
        text = " ".join(str(part.render()) for part in bar.query(Static))
        for word in ("Sale", "till-1", "cashier", "till.sqlite3", "Scanner keyboard"):
            assert word in text


async def test_a_crashing_check_shows_an_error_and_the_till_goes_on(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure in a worker is a dialog, not a traceback; the next scan works."""
    real = SaleDraft.decide
    calls: list[str] = []

    def broken_once(draft: SaleDraft, scan: Scan | None) -> SaleStep:
        calls.append("x")
        if len(calls) == 1:
            raise RuntimeError("disk on fire")
        return real(draft, scan)

    monkeypatch.setattr(SaleDraft, "decide", broken_once)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        assert isinstance(app.screen, ErrorDialog)
        assert "disk on fire" in app.screen.message
        await press(pilot, "enter")
        await scan(pilot, "CABLE")
        sale = app.screen
        assert isinstance(sale, SaleScreen) and len(sale.cart.lines) == 1


async def test_a_scanner_device_feeds_the_same_path_as_the_keyboard(services: Services) -> None:
    """Codes from a scanner thread reach the field in use: here the sale's scan field."""
    app = make_app(services, scanner=FakeScanner(["CABLE", "CABLE"], source="serial:/dev/x"))
    async with app.run_test(size=SIZE) as pilot:
        sale = app.screen
        assert isinstance(sale, SaleScreen)
        for _ in range(50):
            await settle(pilot)
            if sale.cart.units == 2:
                break
            await asyncio.sleep(0.01)
        assert sale.cart.units == 2
        assert "Scanner on" in app.device_state


async def test_a_wedge_burst_in_the_terminal_becomes_a_scan(tmp_path: Path) -> None:
    """Keys 4 ms apart ending in Enter are one scan: the line appears, the field stays empty."""
    from textual import events
    from textual.widgets import Input

    services = make_services(tmp_path)
    stock(services)
    services.config = replace(
        services.config, scanner=ScannerConfig(wedge=WedgeConfig(enabled=True))
    )
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        start = time.monotonic()
        for i, char in enumerate("CABLE\r"):
            key = events.Key("enter", None) if char == "\r" else events.Key(char, char)
            key.time = start + i * 0.004
            app.post_message(key)
        sale = app.screen
        assert isinstance(sale, SaleScreen)
        for _ in range(50):
            await settle(pilot)
            if sale.cart.lines:
                break
            await asyncio.sleep(0.01)
        assert sale.cart.units == 1
        assert sale.query_one("#scan", Input).value == ""


async def test_every_state_draws_only_glyphs_the_linux_console_font_has(
    services: Services,
) -> None:
    """Sale, SN prompt, refusal, goods-in SN window, return and palette: no block glyphs."""
    app = make_app(services)
    drawn: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE", "BIKE", "B-77")
        drawn |= screen_glyphs(app.export_screenshot())
        await scan(pilot, "SN-0005")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "enter", "escape", "f2")
        await scan(pilot, "ТОВ", "7", "PHONE")
        await press(pilot, "enter", "enter")
        await scan(pilot, "N-1", "N-1")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "escape", "f3")
        await scan(pilot, "SN-0005")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "escape", "ctrl+p")
        drawn |= screen_glyphs(app.export_screenshot())
    assert drawn - CONSOLE_GLYPHS == set()
