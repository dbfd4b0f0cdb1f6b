"""Who may do what: the roles of till users, the rights a manager holds, one-off approvals.

A shop with no till users works as it always did: one operator from the configuration,
every action allowed (``role`` None). Once users exist a cashier sells; returns, price
overrides past the shop's limit, SN corrections, count posting, write-offs, repair overrides,
settings and the catalogue need a manager — the cashier's own role, or a manager's PIN on the
spot approving one action; managing users needs an admin."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import DomainError
from core.i18n import N_, _


class Role(StrEnum):
    """A till user's role."""

    CASHIER = "cashier"
    """Sells and looks up; everything else needs a manager's approval."""
    MANAGER = "manager"
    """Everything at the till and in the back office, but managing users."""
    ADMIN = "admin"
    """Everything, including users."""


class Right(StrEnum):
    """An action a cashier may not take alone."""

    RETURN = "return"
    PRICE_OVERRIDE = "price_override"
    SN_CORRECTION = "sn_correction"
    COUNT_POST = "count_post"
    WRITE_OFF = "write_off"
    REPAIR_OVERRIDE = "repair_override"
    SETTINGS = "settings"
    CATALOGUE = "catalogue"
    USERS = "users"


RIGHT_WORDS: dict[Right, str] = {
    Right.RETURN: N_("a customer return"),
    Right.PRICE_OVERRIDE: N_("a price below or above the limit"),
    Right.SN_CORRECTION: N_("a serial-number correction"),
    Right.COUNT_POST: N_("posting a count"),
    Right.WRITE_OFF: N_("a write-off"),
    Right.REPAIR_OVERRIDE: N_("overriding warranty or paid on a repair"),
    Right.SETTINGS: N_("changing the settings"),
    Right.CATALOGUE: N_("changing the catalogue"),
    Right.USERS: N_("managing users"),
}
"""Each right as the refusal names it."""

KIND_RIGHTS: dict[str, Right] = {
    "customer_return": Right.RETURN,
    "write_off": Right.WRITE_OFF,
    "correction": Right.SN_CORRECTION,
    "count": Right.COUNT_POST,
}
"""The right posting a document of each kind needs; kinds not named here need none.
A kind declared elsewhere that needs a manager adds itself here."""


def may(role: str | None, right: Right) -> bool:
    """True when a user of this role may act alone (None: the shop has no users)."""
    if role is None or role == Role.ADMIN:
        return True
    return role == Role.MANAGER and right is not Right.USERS


@dataclass
class Approval:
    """A manager's PIN given on the spot: it lets the cashier take one action."""

    manager: str
    role: Role
    used: bool = False
    """Set once the approved action was posted: it approves nothing more."""

    def covers(self, right: Right) -> bool:
        """True when it is unused and its manager may take the action."""
        return not self.used and may(self.role, right)


class NeedsManager(DomainError):
    """The user's role lacks the right; a manager (an admin for users) must do or approve it."""

    def __init__(self, right: Right, user: str) -> None:
        rule = "needs_admin" if right is Right.USERS else "needs_manager"
        who = _("an admin") if right is Right.USERS else _("a manager")
        message = _("{user} may not do {action} alone: {who} must approve it.").format(
            user=user, action=_(RIGHT_WORDS[right]), who=who
        )
        super().__init__(message, rule=rule)
        self.right = right

    @classmethod
    def default_title(cls) -> str:
        return _("Manager needed")


def price_needs_manager(catalogue: int, charged: int, limit_percent: int) -> bool:
    """True when a charged price differs from the catalogue's by more than the limit."""
    if charged == catalogue or catalogue <= 0:
        return charged != catalogue and limit_percent < 100
    return abs(charged - catalogue) * 100 > catalogue * limit_percent
