"""Read-side look-ups: a serial number's whole life, units by serial, documents."""

from __future__ import annotations

from datetime import date

from core.domain.errors import NotFound
from core.domain.identifiers import labels
from core.domain.kinds import move_of
from core.domain.ledger_fold import SerialState
from core.domain.movements import DocumentKind, Location, Movement
from core.domain.warranty import days_left, is_active
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.reports import HistoryEvent, SerialHistory
from core.services import repair_history
from core.services.corrections import receipt_serials
from core.views import DocumentView, UnitSummary


def spellings(raw: str) -> list[str]:
    """The ways a typed serial number may be stored: as typed and upper-cased."""
    text = raw.strip()
    return list(dict.fromkeys([text, text.upper()]))


def find_units(uow: UnitOfWork, raw_serial: str) -> list[SerialState]:
    """Every product's unit with this serial number (a scan without a product), or else the
    units that carry it as another identifier (a phone's IMEI 2)."""
    if not raw_serial.strip():
        return []
    codes = spellings(raw_serial)
    found = uow.units.by_serial(codes)
    if found:
        return found
    units = (uow.units.get(pid, serial) for pid, serial, _code in uow.identifiers.owners(codes))
    return list({(u.product_id, u.serial): u for u in units if u is not None}.values())


def identifiers(uow: UnitOfWork, product_id: int, serial: str) -> tuple[tuple[str, str], ...]:
    """A unit's identifiers as (label, code), primary first; empty for a unit without any."""
    found = uow.identifiers.of_unit(product_id, serial)
    if not found:
        return ()
    names = labels(tuple(kind for kind, _code in found))
    return tuple((name, code) for name, (_kind, code) in zip(names, found, strict=True))


def event_kind(movement: Movement) -> str:
    """What a movement means for the unit, in one word (its kind's declared event code)."""
    return move_of(movement.kind, movement.from_location, movement.to_location).event.code


def _detail(movement: Movement) -> str | None:
    if movement.kind is DocumentKind.CORRECTION and movement.note:
        replaced = movement.to_location is Location.VOID
        if movement.origin is None:
            text = _("replaced by {serial}") if replaced else _("replaces {serial}")
            return text.format(serial=movement.note)
        text = (
            _("replaced by {serial} on {document}")
            if replaced
            else _("replaces {serial} on {document}")
        )
        return text.format(serial=movement.note, document=movement.origin.number)
    return movement.note


def serial_history(uow: UnitOfWork, raw_serial: str, as_of: date) -> list[SerialHistory]:
    """The life of every unit with this serial number; empty when it was never seen."""
    found: dict[int, list[HistoryEvent]] = {}
    units = {(u.product_id, u.serial): u for u in find_units(uow, raw_serial)}
    codes = list(dict.fromkeys([*spellings(raw_serial), *(serial for _pid, serial in units)]))
    for movement, till, operator in uow.movements.for_serial(codes):
        found.setdefault(movement.product_id, []).append(
            HistoryEvent(
                at=movement.at,
                on=movement.document.date,
                kind=event_kind(movement),
                document=movement.document.number,
                party=movement.document.party,
                cost=movement.unit_cost,
                price=movement.unit_price,
                detail=_detail(movement),
                till=till,
                operator=operator,
                site=movement.site,
            )
        )
    histories = []
    for (product_id, serial), unit in units.items():
        product = uow.catalogue.product_by_id(product_id)
        end = unit.warranty_end if unit.location is Location.CUSTOMER else None
        repairs = repair_history.status_events(uow, [serial])
        events = sorted([*found.get(product_id, []), *repairs], key=lambda e: e.at)
        replaced_by, replaces, lineage = repair_history.lineage(uow, serial)
        histories.append(
            SerialHistory(
                serial=serial,
                sku=product.sku,
                name=product.name,
                state=unit.state,
                warranty_end=end,
                days_left=days_left(end, as_of),
                warranty_active=is_active(end, as_of),
                events=tuple(events),
                replaced_by=replaced_by,
                replaces=replaces,
                chain=lineage,
                identifiers=identifiers(uow, product_id, serial),
                site=unit.site,
            )
        )
    return histories


def document(uow: UnitOfWork, number: str) -> DocumentView:
    """A document by number, with serial numbers as they stand now for a receipt."""
    header = uow.documents.get(number)
    if header is None:
        raise NotFound(_("There is no document numbered {number}.").format(number=number.strip()))
    if header.ref.kind is DocumentKind.RECEIPT:
        serials = receipt_serials(uow, header.ref)
    else:
        serials = {}
        for movement in uow.movements.for_document(header.ref.id):
            if movement.serial and movement.line_id is not None:
                serials.setdefault(movement.line_id, []).append(movement.serial)
    lines = tuple(
        (line, tuple(serials.get(line.id, ()))) for line in uow.documents.lines(header.ref.id)
    )
    return DocumentView(header, lines, tuple(uow.documents.warnings(header.ref.id)))


def unit_summaries(uow: UnitOfWork, raw_serial: str, as_of: date) -> list[UnitSummary]:
    """Every unit with this serial number, summarised for a decision (sell, return, repair)."""
    summaries = []
    for unit in find_units(uow, raw_serial):
        product = uow.catalogue.product_by_id(unit.product_id)
        sold = unit.location is Location.CUSTOMER
        end = unit.warranty_end if sold else None
        summaries.append(
            UnitSummary(
                serial=unit.serial,
                sku=product.sku,
                name=product.name,
                tracking=product.tracking.value,
                state=unit.state.value,
                cost=unit.cost,
                received_doc=unit.received_doc,
                received_on=unit.received_on,
                supplier=unit.supplier,
                sale_doc=unit.sale_doc,
                sold_on=unit.sold_on,
                customer=unit.customer,
                phone=unit.phone,
                price=unit.price,
                days_since_sale=(as_of - unit.sold_on).days if sold and unit.sold_on else None,
                warranty_end=end,
                warranty_days_left=days_left(end, as_of),
                warranty_active=is_active(end, as_of),
            )
        )
    return summaries
