"""The top line of every screen: where the cashier is, who, which database, which devices."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.i18n import _

if TYPE_CHECKING:
    from bootstrap.services import Services


def short_database(name: str) -> str:
    """A database as a status bar has room for: a file's name, or the URL as it is."""
    if "://" in name:
        return name
    return PurePath(name).name or name


class StatusBar(Horizontal):
    """Screen title, till, cashier, database and device state on one line."""

    def __init__(self, title: str, services: Services) -> None:
        super().__init__(classes="status-bar")
        self.title = title
        self.services = services

    def compose(self) -> ComposeResult:
        ctx = self.services.ctx
        database = short_database(self.services.database_name)
        yield Static(f" {self.title} ", classes="title", markup=False)
        yield Static(
            _("{till} · {operator} · DB {database}").format(
                till=ctx.till, operator=ctx.operator, database=database
            ),
            classes="info",
            markup=False,
        )
        yield Static("", classes="devices", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "device_state", self.show_devices)
        if hasattr(self.app, "operator"):
            self.watch(self.app, "operator", self.show_operator, init=False)

    def show_operator(self, _operator: str) -> None:
        """Show who is signed in now."""
        ctx = self.services.ctx
        database = short_database(self.services.database_name)
        self.query_one(".info", Static).update(
            _("{till} · {operator} · DB {database}").format(
                till=ctx.till, operator=ctx.operator, database=database
            )
        )

    def show_devices(self, state: str) -> None:
        """Show the scanner and printer state."""
        self.query_one(".devices", Static).update(state)
