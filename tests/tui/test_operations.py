"""The till on a bad day: unexpected errors go to the log, the open sale stays, quitting asks."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bootstrap import error_log
from bootstrap.services import Services
from core.config import Config, LogConfig
from core.services import selling
from tests.tui.pilot import press, scan, top
from tui.app import make_app
from tui.dialogs.error import ErrorDialog
from tui.screens.sale import SaleScreen

SIZE = (80, 24)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The error log, in a folder of this test's own."""
    path = error_log.install(Config(log=LogConfig(folder=str(tmp_path / "logs"))))
    yield path
    error_log.uninstall()


def broken_sell(*args: object, **kwargs: object) -> object:
    """A sale that fails as nothing in the till expects."""
    raise RuntimeError("disk on fire")


async def test_an_error_in_the_sale_worker_is_logged_and_the_sale_stays(
    services: Services, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paying fails unexpectedly: a short dialog, the traceback in the log, the lines kept."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001")
        await press(pilot, "escape")
        await scan(pilot, "CABLE")
        monkeypatch.setattr(selling, "sell", broken_sell)
        await press(pilot, "f10", "enter")
        assert isinstance(app.screen, ErrorDialog) and "disk on fire" in app.screen.message
        await press(pilot, "enter")
        sale = app.screen
        assert isinstance(sale, SaleScreen)
        assert [line.sku for line in sale.cart.lines] == ["PHONE", "CABLE"]
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: disk on fire" in text
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


async def test_ctrl_q_with_an_open_sale_asks_and_esc_keeps_the_sale(services: Services) -> None:
    """Ctrl+Q over a sale asks first; Esc goes back to the sale with its lines."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await press(pilot, "ctrl+q")
        assert top(app) == "QuitDialog"
        await press(pilot, "escape")
        assert top(app) == "SaleScreen" and app.is_running
        await press(pilot, "ctrl+q", "enter")
        assert not app.is_running


async def test_ctrl_q_with_no_sale_quits_at_once(services: Services) -> None:
    """Nothing to lose: Ctrl+Q closes the till without a question."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+q")
        assert not app.is_running


async def test_an_error_that_stops_the_app_is_logged_first(
    services: Services, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error outside any worker ends the app, but its traceback is in the log first."""

    def broken_pay(self: SaleScreen) -> None:
        raise RuntimeError("till broke")

    monkeypatch.setattr(SaleScreen, "action_pay", broken_pay)
    app = make_app(services)
    with pytest.raises(RuntimeError, match="till broke"):
        async with app.run_test(size=SIZE) as pilot:
            await scan(pilot, "CABLE")
            await pilot.press("f10")
            await pilot.pause()
    assert app.return_code == 1
    text = log_file.read_text(encoding="utf-8")
    assert "the app stopped" in text and "RuntimeError: till broke" in text
