"""Cashing up: cash paid in and out of a till's drawer, the day's Z summary, closing the day."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from core.commands import MoveCash
from core.domain.day_summary import (
    CashDirection,
    CashEntry,
    DaySummary,
    PriceOverride,
    combined,
    from_json,
    list_price_at,
    to_json,
)
from core.domain.errors import DomainError, InputError
from core.domain.money import format_money
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context


def move_cash(cmd: MoveCash, uow: UnitOfWork, ctx: Context) -> DaySummary:
    """Record cash paid in or out of this till's drawer today; the day as it stands after.

    Refused on a closed day, and a payment out of more cash than the drawer should hold."""
    day = ctx.clock.today()
    with uow:
        _refuse_closed(uow, day, ctx.till)
        if cmd.direction is CashDirection.OUT:
            held = _live(uow, day, ctx.till).cash_expected
            if cmd.amount > held:
                raise DomainError(
                    _("The drawer should hold {held}: {amount} cannot be paid out.").format(
                        held=format_money(held), amount=format_money(cmd.amount)
                    ),
                    rule="not_enough_cash",
                )
        entry = CashEntry(
            ctx.clock.now(), ctx.till, ctx.operator, cmd.direction, cmd.amount, cmd.reason.strip()
        )
        uow.day.add_cash(day, entry)
        return _live(uow, day, ctx.till)


def summary(uow: UnitOfWork, day: date, till: str | None, site: str | None = None) -> DaySummary:
    """A till's day (as stored once closed, else as it stands), or with ``till`` None the
    whole shop's — or, given ``site``, one location's: those tills' summaries added
    together (a till belongs to the location its documents were posted at that day)."""
    if till is not None:
        stored = uow.day.closed(day, till)
        return from_json(json.loads(stored)) if stored is not None else _live(uow, day, till)
    return combined(day, (summary(uow, day, one) for one in uow.day.tills(day, site)))


def close_day(uow: UnitOfWork, ctx: Context, day: date | None = None) -> DaySummary:
    """Close this till's day: its summary is stored and from then on always reads the same."""
    day = day or ctx.clock.today()
    if day > ctx.clock.today():
        raise InputError(_("The day {day} has not come yet.").format(day=day))
    with uow:
        _refuse_closed(uow, day, ctx.till)
        now = ctx.clock.now()
        closed = replace(_live(uow, day, ctx.till), closed_at=now, closed_by=ctx.operator)
        uow.day.close(day, ctx.till, now, ctx.operator, json.dumps(to_json(closed)))
        return closed


def _refuse_closed(uow: UnitOfWork, day: date, till: str) -> None:
    if uow.day.closed(day, till) is not None:
        raise DomainError(
            _("The day {day} of {till} is closed: its summary no longer changes.").format(
                day=day, till=till
            ),
            rule="day_closed",
        )


def _live(uow: UnitOfWork, day: date, till: str) -> DaySummary:
    """The day of one till as its documents and cash entries make it now."""
    return DaySummary(
        day=day,
        till=till,
        sales=uow.day.sales_by_payment(day, till),
        refunds=uow.day.refunds_by_payment(day, till),
        documents=uow.day.document_counts(day, till),
        overrides=_overrides(uow, day, till),
        cash=tuple(uow.day.cash_entries(day, till)),
    )


def _overrides(uow: UnitOfWork, day: date, till: str) -> tuple[PriceOverride, ...]:
    """Sale lines sold at another price than the catalogue's at the moment of the sale."""
    lines = uow.day.sale_lines(day, till)
    changes = uow.day.price_changes(sorted({line[3] for line in lines}))
    found = []
    for number, at, operator, product_id, sku, price_now, quantity, sold in lines:
        listed = list_price_at(price_now, changes[product_id], at)
        if sold != listed:
            found.append(PriceOverride(number, sku, quantity, listed, sold, operator))
    return tuple(found)
