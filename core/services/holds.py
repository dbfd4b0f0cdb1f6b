"""Cart holds across tills: a unit in one till's open sale cannot go into another's.

A hold is a row with an owner (till, cashier, the sale's request id) and an expiry, taken by
one conditional statement, so two tills racing for a unit get one hold; it is never a lock
kept open, so a till that crashes or loses its network frees its units when the hold
expires. The sale that posts a unit ends its hold in the same transaction; a line taken out
or a sale abandoned ends its holds at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from core.domain.catalogue import Product
from core.domain.errors import DomainError, NotFound
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.views import Hold


class UnitHeld(DomainError):
    """The unit is in another till's open sale."""

    def __init__(self, hold: Hold) -> None:
        message = _(
            "Serial number {serial} ({sku}) is held at {till} by {operator} since {time}: "
            "it is in that till's open sale."
        ).format(
            serial=hold.serial,
            sku=hold.sku,
            till=hold.till,
            operator=hold.operator,
            time=local_time(hold.since),
        )
        super().__init__(message, rule="held", title=_("Held at another till"))
        self.hold = hold

    @classmethod
    def default_title(cls) -> str:
        """The dialog heading."""
        return _("Held at another till")


def local_time(moment: datetime) -> str:
    """A moment as the shop's clock shows it: HH:MM in the machine's time zone."""
    return moment.astimezone().strftime("%H:%M")


def hold(uow: UnitOfWork, ctx: Context, product: Product, serial: str, request: str) -> Hold:
    """Hold a unit for this till's open sale and renew the sale's other holds; the hold.

    Raises ``UnitHeld`` naming the till, the cashier and since when, when another open sale
    holds it (an expired hold is taken over)."""
    now = ctx.clock.now()
    owner = Hold(
        0,
        product.sku,
        serial,
        ctx.till,
        ctx.operator,
        now,
        now + timedelta(minutes=ctx.hold_minutes),
        request,
    )
    with uow:
        if uow.holds.take(product.id, serial, owner, now):
            uow.holds.renew(request, owner.expires)
            return owner
        holder = uow.holds.holder(product.id, serial)
    if holder is None:  # released between the two statements: the next scan takes it
        return hold(uow, ctx, product, serial, request)
    raise UnitHeld(holder)


def refuse_held(
    uow: UnitOfWork, units: Sequence[tuple[int, str]], now: datetime, request: str | None
) -> None:
    """Refuse a document naming a unit another open sale holds (inside its transaction)."""
    if uow.holds_absent:
        return  # no till holds anything: found with the write lock, no round trip
    held = uow.holds.held_elsewhere(units, now, request)
    if held:
        raise UnitHeld(held[0])


def release(uow: UnitOfWork, request: str, product: Product | None = None, serial: str = "") -> int:
    """End one sale's holds, or its hold on one unit (a line taken out); how many ended."""
    with uow:
        if product is None:
            return uow.holds.release(request)
        return uow.holds.release(request, product.id, serial)


def active(uow: UnitOfWork) -> list[Hold]:
    """Every hold, the oldest first; expired ones stay listed until taken over or released."""
    with uow:
        return uow.holds.all()


def release_by_id(uow: UnitOfWork, hold_id: int) -> Hold:
    """A manager ends one hold (a till that will not come back); the hold ended."""
    with uow:
        ended = uow.holds.release_id(hold_id)
    if ended is None:
        raise NotFound(_("There is no hold {id}.").format(id=hold_id))
    return ended
