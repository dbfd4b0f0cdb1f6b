"""Till users: adding them, their PINs, signing in with a lockout, a manager's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core.domain import limits
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.limits import TextLimit
from core.domain.permissions import Approval, Right, Role, may
from core.domain.pins import hash_pin, pin_matches, valid_pin
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services.authority import require
from core.views import UserRow

NAME_LIMIT = 80


@dataclass(frozen=True)
class Lockout:
    """How many wrong PINs in a row lock a user, and for how long."""

    tries: int = 5
    minutes: int = 15


def _name(name: str) -> str:
    cleaned = limits.text(_("User name"), name, TextLimit.PARTY)
    if len(cleaned) > NAME_LIMIT:
        raise InputError(_("A user name is at most {limit} characters.").format(limit=NAME_LIMIT))
    return cleaned


def _pin(pin: str) -> str:
    if not valid_pin(pin):
        raise InputError(_("A PIN is 4 to 12 digits."))
    return pin


def add_user(uow: UnitOfWork, ctx: Context, name: str, role: Role, pin: str) -> UserRow:
    """Add a user; once the shop has users, only an admin may (the first one anybody)."""
    name, pin_hash = _name(name), hash_pin(_pin(pin))
    with uow:
        if uow.users.any():
            require(ctx, Right.USERS)
        if uow.users.get(name) is not None:
            raise DomainError(
                _("There is already a user named {name}.").format(name=name), rule="user_exists"
            )
        uow.users.add(name, role.value, pin_hash, ctx.clock.now())
        uow.journal.add(ctx.clock.now(), "user_added", ctx.operator, ctx.till, detail=name)
        return UserRow(name, role.value, True, None)


def list_users(uow: UnitOfWork) -> list[UserRow]:
    """Every user by name."""
    with uow:
        return uow.users.all()


def any_users(uow: UnitOfWork) -> bool:
    """True once the shop has till users (roles then apply)."""
    with uow:
        return uow.users.any()


def find_user(uow: UnitOfWork, name: str) -> UserRow | None:
    """A user by name, if there is one."""
    with uow:
        found = uow.users.get(name.strip())
    return None if found is None else found[0]


def _existing(uow: UnitOfWork, name: str) -> tuple[UserRow, str, int]:
    found = uow.users.get(name.strip())
    if found is None:
        raise NotFound(_("There is no user named {name}.").format(name=name.strip()))
    return found


def set_pin(uow: UnitOfWork, ctx: Context, name: str, pin: str) -> None:
    """Give a user a new PIN (an admin, or the user themselves); a lockout ends."""
    pin_hash = hash_pin(_pin(pin))
    with uow:
        user, _hash, _tries = _existing(uow, name)
        if user.name != ctx.operator:
            require(ctx, Right.USERS)
        uow.users.set_pin(user.name, pin_hash)
        uow.journal.add(
            ctx.clock.now(), "user_changed", ctx.operator, ctx.till, detail=f"{user.name}: pin"
        )


def set_active(uow: UnitOfWork, ctx: Context, name: str, active: bool) -> None:
    """Disable a user (they can no longer sign in or approve) or enable them again."""
    with uow:
        user, _hash, _tries = _existing(uow, name)
        require(ctx, Right.USERS)
        uow.users.set_active(user.name, active)
        state = "enabled" if active else "disabled"
        uow.journal.add(
            ctx.clock.now(), "user_changed", ctx.operator, ctx.till, detail=f"{user.name}: {state}"
        )


def sign_in(uow: UnitOfWork, ctx: Context, name: str, pin: str, lockout: Lockout) -> UserRow:
    """Check a user's PIN and record the sign-in; a wrong PIN counts towards a lockout."""
    user = _checked(uow, ctx, name, pin, lockout, "sign_in")
    return user


def approve(
    uow: UnitOfWork, ctx: Context, name: str, pin: str, lockout: Lockout, right: Right | None
) -> Approval:
    """A manager's PIN given on the spot: an approval of the cashier's next managed action."""
    user = _checked(uow, ctx, name, pin, lockout, None)
    role = Role(user.role)
    if right is not None and not may(role, right) or role is Role.CASHIER:
        raise DomainError(
            _("{name} is not a manager and cannot approve this.").format(name=user.name),
            rule="needs_manager",
        )
    return Approval(user.name, role)


def _checked(
    uow: UnitOfWork, ctx: Context, name: str, pin: str, lockout: Lockout, kind: str | None
) -> UserRow:
    """The user whose PIN this is; a refusal (written to the journal) otherwise."""
    now = ctx.clock.now()
    refusal: DomainError | None = None
    with uow:
        found = uow.users.get(name.strip())
        if found is None:
            refusal = DomainError(_("Wrong user or PIN."), rule="wrong_pin")
            uow.journal.add(now, "sign_in_failed", name.strip()[:80], ctx.till, detail="unknown")
        else:
            refusal = _judge(uow, ctx, found, pin, lockout, now)
            if refusal is None and kind is not None:
                uow.journal.add(now, kind, found[0].name, ctx.till)
    if refusal is not None:
        raise refusal
    assert found is not None
    return found[0]


def _judge(
    uow: UnitOfWork,
    ctx: Context,
    found: tuple[UserRow, str, int],
    pin: str,
    lockout: Lockout,
    now: datetime,
) -> DomainError | None:
    user, pin_hash, tries = found
    if not user.active:
        return DomainError(_("{name} is disabled.").format(name=user.name), rule="user_disabled")
    if user.locked_until is not None and _aware(user.locked_until, now) > now:
        return _locked(user.name, user.locked_until)
    if pin_matches(pin, pin_hash):
        if tries or user.locked_until is not None:
            uow.users.tried(user.name, 0, None)
        return None
    tries += 1
    until = now + timedelta(minutes=lockout.minutes) if tries >= lockout.tries else None
    uow.users.tried(user.name, 0 if until else tries, until)
    uow.journal.add(now, "sign_in_failed", user.name, ctx.till, detail=f"try {tries}")
    if until is not None:
        uow.journal.add(now, "locked", user.name, ctx.till, detail=f"{lockout.minutes} min")
        return _locked(user.name, until)
    return DomainError(_("Wrong user or PIN."), rule="wrong_pin")


def _aware(at: datetime, now: datetime) -> datetime:
    """A stored time compared with ``now`` (PostgreSQL gives it back without its zone)."""
    return at.replace(tzinfo=now.tzinfo) if at.tzinfo is None else at


def _locked(name: str, until: datetime) -> DomainError:
    return DomainError(
        _("{name} is locked after too many wrong PINs until {time} UTC.").format(
            name=name, time=until.strftime("%H:%M")
        ),
        rule="user_locked",
    )
