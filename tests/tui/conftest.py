"""The app on a fresh SQLite shop with a fixed clock, scans posted as the scanner would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from bootstrap.services import Services, build
from core.config import Config, LocaleConfig, SaleConfig, ScannerConfig, WedgeConfig
from tests.fakes import FakeClock
from tests.shop import Shop
from tui.i18n import install

CONFIG = Config(
    locale=LocaleConfig(language="en"),
    scanner=ScannerConfig(wedge=WedgeConfig(enabled=False)),
)
"""English, and keys straight to the fields (tests post scans as ScanReceived)."""


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The text cursor never blinks, so every screenshot is the same; English by default."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    yield
    install("en")


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The open sale's file (and the error log) go to the test's own state folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def make_services(folder: Path, *, loop: bool = True, language: str = "en") -> Services:
    """Services on a new database in ``folder`` with the fixed test clock."""
    config = replace(
        CONFIG, sale=SaleConfig(loop_scan=loop), locale=LocaleConfig(language=language)
    )
    return build(db=str(folder / "till.sqlite3"), clock=FakeClock(), config=config)


def stock(services: Services) -> Shop:
    """Five phones (one sold), two bikes, twenty cables."""
    shop = Shop.with_catalogue(services.uow(), services.ctx)
    shop.receive("PHONE", *(f"SN-000{n}" for n in range(1, 6)), supplier="ТОВ Постач")
    shop.receive("BIKE", "B-1", "B-2", cost=900000)
    shop.receive("CABLE", quantity=20, cost=5000)
    shop.sell("PHONE", "SN-0005", customer="Іван Петренко")
    return shop


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """A stocked shop on a new SQLite file."""
    built = make_services(tmp_path)
    stock(built)
    yield built
    built.db.close()


@pytest.fixture
def shop(services: Services) -> Shop:
    """The stocked shop's verbs, for changes made behind the app's back."""
    return Shop(services.uow(), services.ctx)
