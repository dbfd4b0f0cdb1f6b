"""Warranty cards a customer can prove: the signed QR payload printed on a card, and its check.

The check runs offline at any till holding the shop's key: whether the card is genuine (the
key signed exactly what it states) and whether it still matches the records — a unit
returned, replaced, repaired or sold again after that sale is named as such."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from core.domain import cards
from core.domain.cards import CardFacts
from core.domain.kinds import event_word
from core.domain.ledger_fold import SerialState
from core.domain.movements import Location, Movement
from core.domain.units import state_name
from core.domain.warranty import days_left
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.printouts import date_text
from core.services.queries import event_kind, find_units, spellings
from core.views import CardCheck


def check_card(uow: UnitOfWork, text: str, key: bytes, today: date) -> CardCheck:
    """Whether a scanned card is genuine and still matches the records."""
    reading = cards.read(text, key)
    if reading is None:
        return CardCheck(False, False, _("This is not the code of a warranty card."))
    facts = reading.facts
    if not reading.genuine:
        message = _(
            "The card of {serial} is NOT genuine: its code was changed or signed by another "
            "shop's key."
        ).format(serial=facts.serial)
        return _check(False, False, message, facts)
    return _against_records(uow, facts, today)


def _check(genuine: bool, current: bool, message: str, facts: CardFacts) -> CardCheck:
    return CardCheck(
        genuine,
        current,
        message,
        serial=facts.serial,
        sale=facts.sale,
        sold_on=facts.sold_on,
        card_warranty_end=facts.warranty_end,
    )


def _against_records(uow: UnitOfWork, facts: CardFacts, today: date) -> CardCheck:
    with uow:
        history = [m for m, _till, _op in uow.movements.for_serial(spellings(facts.serial))]
        sale = _sale_of(history, facts.sale)
        if sale is None:
            message = _(
                "The card is genuine, but the records hold no sale {sale} of {serial}."
            ).format(sale=facts.sale, serial=facts.serial)
            return _check(True, False, message, facts)
        unit = next(u for u in find_units(uow, facts.serial) if u.product_id == sale.product_id)
    after = history.index(sale) + 1
    later = [m for m in history[after:] if m.product_id == sale.product_id]
    if unit.location is Location.CUSTOMER and unit.sale_doc == facts.sale:
        return _current(facts, unit, today)
    return _moved_on(facts, unit, later)


def _sale_of(history: list[Movement], number: str) -> Movement | None:
    for movement in history:
        if movement.document.number == number and movement.to_location is Location.CUSTOMER:
            return movement
    return None


def _current(facts: CardFacts, unit: SerialState, today: date) -> CardCheck:
    left = days_left(unit.warranty_end, today)
    if unit.warranty_end is None:
        message = _("The card is genuine: {serial}, sale {sale} of {sold}, no warranty.")
    elif left is not None and left >= 0:
        message = _(
            "The card is genuine: {serial}, sale {sale} of {sold}, warranty until {end} "
            "({days} days left)."
        )
    else:
        message = _(
            "The card is genuine: {serial}, sale {sale} of {sold}; the warranty ended on {end}."
        )
    message = message.format(
        serial=facts.serial,
        sale=facts.sale,
        sold=date_text(facts.sold_on),
        end=date_text(unit.warranty_end),
        days=left,
    )
    if unit.warranty_end != facts.warranty_end:
        message += " " + _("The card says {printed}; the records now say {end}.").format(
            printed=date_text(facts.warranty_end) or "—", end=date_text(unit.warranty_end) or "—"
        )
    found = _check(True, True, message, facts)
    return replace(found, warranty_end=unit.warranty_end, state=unit.state.value)


def _moved_on(facts: CardFacts, unit: SerialState, later: list[Movement]) -> CardCheck:
    first = later[0] if later else None
    event = event_kind(first) if first else None
    message = _(
        "The card is genuine but no longer matches the records: {serial}: {event} on {on} "
        "({document}); it is now {state}."
    ).format(
        serial=facts.serial,
        event=event_word(event) if event else "—",
        on=date_text(first.document.date) if first else "—",
        document=first.document.number if first else "—",
        state=state_name(unit.state.value),
    )
    return replace(
        _check(True, False, message, facts),
        state=unit.state.value,
        event=event,
        event_document=first.document.number if first else None,
        event_on=first.document.date if first else None,
    )
