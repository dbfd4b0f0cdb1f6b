"""The app's users: sign-in at start, a quick switch of cashier, sign-out after idle time,
and a manager's PIN on the spot where the cashier's role lacks a right."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.reactive import reactive
from textual.screen import ModalScreen

from bootstrap.services import Services
from core.domain.errors import DomainError
from core.domain.permissions import Right
from tui.i18n import _

if TYPE_CHECKING:
    _AppBase = App[Any]
else:
    _AppBase = object

IDLE_CHECK_SECONDS = 15.0
"""How often the app looks at how long the keyboard has been idle."""


class UsersMixin(_AppBase):
    """Mix into the till app (before App): who is signed in, and approvals."""

    services: Services
    operator: reactive[str] = reactive("")
    """The signed-in user's name, as status bars show it."""
    last_key: float = 0.0
    """When a key was last pressed (monotonic seconds)."""

    users_started: bool = False
    """True once who is working has been settled at this till (done once)."""

    def start_users(self) -> None:
        """Ask for a sign-in if the shop has users and nobody is signed in; watch idle time.
        Done once: at mount when the services already know who is working, else as soon as
        the database is open."""
        if self.users_started or not self.services.identified:
            return
        self.users_started = True
        self.operator = self.services.ctx.operator
        self.last_key = time.monotonic()
        if self.services.ctx.role is None:
            return
        if not self.services.signed_in:
            self.ask_sign_in(can_cancel=False)
        if self.services.config.security.idle_minutes:
            self.set_interval(IDLE_CHECK_SECONDS, self.sign_out_if_idle)

    def touched(self) -> None:
        """A key was pressed: the till is not idle."""
        self.last_key = time.monotonic()

    def sign_out_if_idle(self) -> None:
        """Sign the user out once the keyboard was idle too long."""
        limit = self.services.config.security.idle_minutes * 60
        if self.services.signed_in and time.monotonic() - self.last_key >= limit:
            self.sign_out()

    def sign_out(self) -> None:
        """Sign out (the sale on screen stays) and wait for the next sign-in."""
        self.services.sign_out()
        self.ask_sign_in(can_cancel=False)

    def action_switch_user(self) -> None:
        """Another cashier signs in over the open sale; Esc keeps the current one."""
        if self.services.ctx.role is not None and not isinstance(self.screen, ModalScreen):
            self.ask_sign_in(can_cancel=True)

    def ask_sign_in(self, *, can_cancel: bool) -> None:
        """Open the sign-in dialog over whatever is on screen."""
        from tui.dialogs.pin import PinDialog

        dialog = PinDialog(
            _("Sign in"),
            _("Who is working at this till?"),
            self.services.sign_in,
            can_cancel=can_cancel,
        )
        self.push_screen(dialog, self.signed_in)

    def signed_in(self, name: str | None) -> None:
        """Show who is working now."""
        if name is not None:
            self.operator = self.services.ctx.operator
            self.touched()

    def ask_approval(self, refusal: DomainError) -> None:
        """A manager's name and PIN approve the one action the cashier was refused."""
        from tui.dialogs.pin import PinDialog

        right = getattr(refusal, "right", None)
        check = partial(self._approve, right if isinstance(right, Right) else None)
        dialog = PinDialog(_("Manager approval"), refusal.message, check, can_cancel=True)
        self.push_screen(dialog, self.approved)

    def _approve(self, right: Right | None, name: str, pin: str) -> object:
        return self.services.approve(name, pin, right)

    def approved(self, name: str | None) -> None:
        """Say that the action may now be taken once."""
        if name is not None:
            self.notify(
                _("Approved by {manager}: do it again now.").format(manager=name),
                title=_("Manager approval"),
            )

    @work(thread=True, exit_on_error=False, group="journal")
    def journal(self, kind: str, detail: str | None = None) -> None:
        """Write an entry into the action journal (voided lines, refusals)."""
        self.services.office.record(kind, detail=detail)
