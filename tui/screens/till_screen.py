"""The base of the full screens: the services they call, bindings in the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.worker import Worker

from core.domain.errors import DomainError, TillError
from tui.i18n import localise_bindings
from tui.messages import report_failure

if TYPE_CHECKING:
    from bootstrap.services import Services


class TillScreen(Screen[None]):
    """A full screen of the till: status bar on top, footer below, one scan field."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The bindings with translated descriptions, for the footer and the palette."""
        return localise_bindings(super().active_bindings)

    def refuse(self, error: TillError, hint: str = "") -> None:
        """Show a refusal the cashier must acknowledge, with a bell; a refusal for want of a
        manager asks for a manager's PIN instead. Every rule's refusal goes into the journal."""
        from tui.app_users import UsersMixin
        from tui.dialogs.error import ErrorDialog

        app = self.app
        if isinstance(error, DomainError) and isinstance(app, UsersMixin):
            app.journal("refusal", f"[{error.rule}] {error.message}")
            if error.rule == "needs_manager":
                app.ask_approval(error)
                return
        app.push_screen(ErrorDialog.of(error, hint))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen that crashed is handed to the app, which shows it."""
        report_failure(self, event)
