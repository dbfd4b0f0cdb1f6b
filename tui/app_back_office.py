"""The app's back office: report, count and settings modes, and a serial number's life on F12."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen

from tui.i18n import _

if TYPE_CHECKING:
    from bootstrap.services import Services

    _AppBase = App[Any]
else:
    _AppBase = object


class BackOfficeMixin(_AppBase):
    """Mix into the till app (before App) for the manager's modes and the SN history key."""

    FOOTER_SPARE_KEYS: ClassVar[tuple[str, ...]] = ("f11", "f12")
    """Keys a footer leaves out, in this order, when the screen's own keys fill it."""

    services: Services

    def add_back_office_modes(self) -> None:
        """Warranty stock, warranty tracking, count and settings, each an app mode."""
        services = self.services
        self.add_mode("stock", partial(lazy_screen, "stock_report", "StockReportScreen", services))
        self.add_mode(
            "warranty", partial(lazy_screen, "warranty_report", "WarrantyReportScreen", services)
        )
        self.add_mode("count", partial(lazy_screen, "count", "CountScreen", services))
        self.add_mode("settings", partial(lazy_screen, "settings", "SettingsScreen", services))
        self.add_mode("products", partial(lazy_screen, "products", "ProductsScreen", services))
        self.add_mode("documents", partial(lazy_screen, "documents", "DocumentsScreen", services))
        self.add_mode("day", partial(lazy_screen, "day", "DayScreen", services))
        self.add_mode(
            "quantities", partial(lazy_screen, "quantities", "QuantitiesScreen", services)
        )
        self.add_mode("journal", partial(lazy_screen, "journal", "JournalScreen", services))

    def action_serial_history(self) -> None:
        """Open the life of a serial number over whatever is on screen."""
        if self.history_allowed():
            from tui.dialogs.serial_history import SerialHistoryDialog

            self.push_screen(SerialHistoryDialog(self.services))

    @work(thread=True, exclusive=True, exit_on_error=False, group="card")
    def check_card(self, payload: str) -> None:
        """Check a scanned warranty card's QR code and show the verdict over the screen."""
        from core.domain.errors import TillError
        from tui.dialogs.card_check import CardCheckDialog
        from tui.dialogs.error import ErrorDialog

        try:
            found = self.services.office.check_card(payload)
        except TillError as error:
            self.call_from_thread(self.push_screen, ErrorDialog.of(error))
            return
        self.call_from_thread(self.push_screen, CardCheckDialog(found))

    def history_allowed(self) -> bool:
        """F12 works on every screen, like the mode keys, but not over a dialog."""
        return not isinstance(self.screen, ModalScreen)

    def back_office_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """Palette entries for the back-office modes that the screen has no key for."""
        from tui.widgets.back_office_tabs import TABS

        listed = {active.binding.action for active in screen.active_bindings.values()}
        for mode, _key, title in TABS:
            if mode != self.current_mode and f"app.switch_mode('{mode}')" not in listed:
                yield SystemCommand(_(title), _(title), partial(self.switch_mode, mode))


def lazy_screen(module: str, name: str, services: Services) -> Screen[Any]:
    """A manager screen, imported when first opened: start-up stays with the sale screen."""
    from importlib import import_module

    screen: Screen[Any] = getattr(import_module(f"tui.screens.{module}"), name)(services)
    return screen
