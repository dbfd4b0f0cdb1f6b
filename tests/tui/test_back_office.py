"""SN history from anywhere, the settings screen, and the back office's keys, footers and glyphs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from bootstrap.services import Services
from core.domain.catalogue import TrackingMode, TypePolicy, TypeSettings
from core.domain.warranty import WarrantyPeriod
from core.printing import PrintMode
from core.services import catalogue
from tests.shop import Shop
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, top, type_in
from tests.tui.test_app import CONSOLE_GLYPHS, screen_glyphs
from tui.app import make_app
from tui.dialogs.form import FormDialog
from tui.dialogs.serial_history import SerialHistoryDialog
from tui.screens.sale import SaleScreen
from tui.screens.settings import SettingsScreen
from tui.widgets.history_view import HistoryView
from tui.widgets.type_table import TypeTable

SIZE = (80, 24)


def histories(app: Any) -> list[HistoryView]:
    """The history blocks the open history window shows."""
    return list(app.screen.query(HistoryView))


async def test_f12_shows_a_serial_numbers_life_from_any_screen(
    services: Services, shop: Shop
) -> None:
    """From the sale and the return screen; received, sold and returned, with who and how much."""
    shop.return_serial("SN-0005")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f12")
        assert isinstance(app.screen, SerialHistoryDialog)
        await scan(pilot, "sn-0005")
        (view,) = histories(app)
        events = view.history.events
        assert [e.kind for e in events] == ["received", "sold", "returned"]
        assert (events[0].party, events[0].cost) == ("ТОВ Постач", 500000)
        assert (events[1].party, events[1].price) == ("Іван Петренко", 899900)
        assert "till-1 · cashier" in str(view.query_one(".facts").render())
        await press(pilot, "escape", "f3", "f12")
        assert isinstance(app.screen, SerialHistoryDialog)
        await press(pilot, "escape")
        assert top(app) == "ReturnScreen"


async def test_f12_waits_while_a_dialog_is_open(services: Services) -> None:
    """Over the SN prompt of a sale F12 does nothing: the prompt keeps the scans."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE")
        await press(pilot, "f12")
        assert top(app) == "SerialPrompt"


async def test_one_history_per_product_that_knows_the_serial(
    services: Services, shop: Shop
) -> None:
    """A bike received with a phone's SN: two blocks; an SN never seen says so."""
    shop.receive("BIKE", "SN-0001")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f12")
        await scan(pilot, "SN-0001")
        assert sorted(view.history.sku for view in histories(app)) == ["BIKE", "PHONE"]
        await scan(pilot, "NEVER-1")
        assert histories(app) == []
        assert "was never recorded" in str(app.screen.query_one("#said").render())


def policy_of(services: Services, path: str) -> TypePolicy:
    """A type's settings as they resolve now."""
    return next(policy for node, policy in catalogue.type_tree(services.uow()) if node.path == path)


async def edit_type(pilot: Pilot[Any], path: str, **values: str) -> None:
    """Enter on a type's row, set fields of its form, save with F10."""
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    row = [node.path for node, _policy in screen.nodes].index(path)
    screen.query_one(TypeTable).move_cursor(row=row)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, FormDialog)
    for key, value in values.items():
        pilot.app.screen.query_one(f"#field-{key}", Input).value = value
    await press(pilot, "f10")


async def test_a_types_tracking_is_set_then_cleared_back_to_inheriting(
    services: Services, shop: Shop
) -> None:
    """Electronics set to soft is what Tablets inherits once its own strict is cleared (a type
    with no units in stock: one with strict units there refuses to drop strict)."""
    own = TypeSettings(
        path="Electronics/Tablets", tracking=TrackingMode.STRICT, warranty=WarrantyPeriod(12)
    )
    catalogue.set_type(services.uow(), own)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f7")
        await edit_type(pilot, "Electronics", tracking="soft", warranty="6m")
        await edit_type(pilot, "Electronics/Tablets", tracking="")
        tablets = policy_of(services, "Electronics/Tablets")
        assert tablets.tracking is TrackingMode.SOFT and "tracking" in tablets.inherited
        assert tablets.warranty.months == 12 and "warranty" not in tablets.inherited
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        row = [node.path for node, _policy in screen.nodes].index("Electronics/Tablets")
        cells = screen.query_one(TypeTable).get_row_at(row)[1:3]
        assert [str(cell) for cell in cells] == ["^soft", "12 months"]
        await edit_type(pilot, "Electronics", tracking="", warranty="")
        assert policy_of(services, "Electronics/Tablets").tracking is TrackingMode.NONE


async def test_a_bad_type_setting_keeps_the_form_open(services: Services) -> None:
    """An unknown tracking mode is refused in the form; nothing is saved."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f7")
        await edit_type(pilot, "Bikes", tracking="loose")
        assert isinstance(app.screen, FormDialog)
        assert "Unknown tracking mode" in str(app.screen.query_one("#said").render())
        await press(pilot, "escape")
        assert policy_of(services, "Bikes").tracking is TrackingMode.SOFT


async def test_print_modes_and_the_loop_default_are_saved_for_the_next_sale(
    services: Services,
) -> None:
    """F8 and F9 step the print modes, F10 turns loop scanning off; a new sale starts with it."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f7", "f8", "f9", "f10")
        saved = services.settings()
        assert saved.receipts is PrintMode.OFFER and saved.warranty_cards is PrintMode.NEVER
        assert not saved.loop_scan
        shop = str(app.screen.query_one("#shop").render())
        assert "Loop scanning of SNs at the sale: off" in shop
    again = make_app(services)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sale = again.screen
        assert isinstance(sale, SaleScreen) and not sale.cart.loop


async def test_the_palette_reaches_count_and_settings_from_the_sale(services: Services) -> None:
    """Ctrl+P on the sale screen lists the back office's modes and the SN history key."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Count", "Settings", "In stock", "Reports (F11)", "SN history (F12)"} <= set(titles)
        await press(pilot, "ctrl+p")
        await type_in(pilot, "Settings", "enter")
        assert top(app) == "SettingsScreen"


@pytest.mark.parametrize("language", ["en", "uk"])
async def test_back_office_footers_fit_80_columns(tmp_path: Path, language: str) -> None:
    """Every key shown on the reports, count and settings screens is inside 80 columns."""
    services = make_services(tmp_path, language=language)
    stock(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "f8", "escape", "f5", "f6", "f8", "enter")
        await scan(pilot, "SN-0005", "SN-0001")
        for key in ("f6", "f4", "f5", "f7", "f3"):
            await press(pilot, key)
            keys = list(app.screen.query(FooterKey))
            assert keys and all(k.region.right <= 80 and k.region.width for k in keys), [
                (k.key_display, k.region) for k in keys
            ]
        assert {k.key_display for k in app.screen.query(FooterKey)} >= {"F11", "F12"}


async def test_back_office_draws_only_glyphs_the_linux_console_font_has(
    services: Services,
) -> None:
    """Reports, count with its dialogs, settings and the SN history: no block glyphs."""
    app = make_app(services)
    drawn: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        for keys in (("f11",), ("f5",), ("f7",), ("f7", "enter")):
            await press(pilot, *keys)
            drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "escape", "f6", "f8")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "enter")
        await scan(pilot, "SN-0005", "CABLE*3")
        for key in ("f9", "f10", "f12"):
            await press(pilot, key)
            drawn |= screen_glyphs(app.export_screenshot())
            await press(pilot, "escape")
        await press(pilot, "f12")
        await scan(pilot, "SN-0005")
        drawn |= screen_glyphs(app.export_screenshot())
    assert drawn - CONSOLE_GLYPHS == set()
