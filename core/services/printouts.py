"""What gets printed, as plain template contexts built from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.domain.cards import CardFacts, payload
from core.domain.errors import NotFound
from core.domain.ledger_fold import SerialState
from core.domain.money import format_money
from core.domain.movements import DocumentKind, Location
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.queries import document, find_units


@dataclass(frozen=True)
class Shop:
    """The shop's name and contacts as printed at the top of every document."""

    name: str
    address: str = ""
    phone: str = ""

    def context(self) -> dict[str, str]:
        """The ``shop`` object of the templates."""
        return {"name": self.name, "address": self.address, "phone": self.phone}


def money_text(minor: int | None) -> str:
    """``129950`` → ``1 299,50 грн``."""
    return "" if minor is None else f"{format_money(minor, grouped=True, comma=True)} грн"


def date_text(day: date | None) -> str:
    """``2026-03-02`` → ``02.03.2026``, as Ukrainian documents write dates."""
    return "" if day is None else day.strftime("%d.%m.%Y")


def receipt_context(
    uow: UnitOfWork, number: str, shop: Shop, tendered: int | None = None
) -> dict[str, Any]:
    """The sale receipt (or return slip) of a posted document."""
    view = document(uow, number)
    head = view.header
    if head.ref.kind not in (DocumentKind.SALE, DocumentKind.CUSTOMER_RETURN):
        raise NotFound(
            _("{number} is not a sale or a return: there is no receipt to print.").format(
                number=number
            )
        )
    lines: list[dict[str, Any]] = []
    for line, serials in view.lines:
        ends = [e for e in (_warranty_end(uow, s) for s in serials) if e is not None]
        lines.append(
            {
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": money_text(line.unit_amount),
                "total": money_text(line.quantity * line.unit_amount),
                "serials": list(serials),
                "warranty_end": date_text(min(ends)) if ends else None,
            }
        )
    change = None if tendered is None else tendered - head.total
    return {
        "shop": shop.context(),
        "document": {
            "number": head.ref.number,
            "date": date_text(head.ref.date),
            "kind": "sale" if head.ref.kind is DocumentKind.SALE else "return",
        },
        "customer": {"name": head.ref.party, "phone": head.ref.phone} if head.ref.party else None,
        "lines": lines,
        "total": money_text(head.total),
        "payment": {
            "method": _("card") if head.payment == "card" else _("cash"),
            "tendered": money_text(tendered) if tendered is not None else None,
            "change": money_text(change) if change is not None else None,
        },
    }


def _warranty_end(uow: UnitOfWork, serial: str) -> date | None:
    units = [u for u in find_units(uow, serial) if u.location is Location.CUSTOMER]
    return units[0].warranty_end if units else None


def _unit(uow: UnitOfWork, serial: str, product_id: int | None, sold: bool) -> SerialState:
    units = [u for u in find_units(uow, serial) if product_id in (None, u.product_id)]
    if sold:
        units = [u for u in units if u.location is Location.CUSTOMER]
    if not units:
        message = (
            _("No sold unit has the serial number {serial}.")
            if sold
            else _("No unit has the serial number {serial}.")
        )
        raise NotFound(message.format(serial=serial.strip()))
    return units[0]


def warranty_context(
    uow: UnitOfWork,
    serial: str,
    shop: Shop,
    product_id: int | None = None,
    card_key: bytes | None = None,
) -> tuple[dict[str, Any], str | None]:
    """The warranty card of a sold unit, and the product type's template variant if any.

    With the shop's card key the card carries its signed QR code (``verify_url``)."""
    unit = _unit(uow, serial, product_id, sold=True)
    product = uow.catalogue.product_by_id(unit.product_id)
    context: dict[str, Any] = {
        "shop": shop.context(),
        "product": {"sku": product.sku, "name": product.name},
        "serial": unit.serial,
        "sale": {"number": unit.sale_doc or "", "date": date_text(unit.sold_on)},
        "warranty": {
            "period": product.warranty.describe() if not product.warranty.is_zero else "—",
            "end": date_text(unit.warranty_end),
        },
        "customer": {"name": unit.customer, "phone": unit.phone} if unit.customer else None,
        "components": [],
    }
    if card_key is not None:
        context["verify_url"] = card_payload(unit, card_key)
    return context, product.policy.card_template


def card_payload(unit: SerialState, key: bytes) -> str:
    """What the QR code of a sold unit's warranty card carries: its facts, signed."""
    facts = CardFacts(unit.serial, unit.sale_doc or "", unit.sold_on, unit.warranty_end)
    return payload(facts, key)


def label_context(uow: UnitOfWork, serial: str, product_id: int | None = None) -> dict[str, Any]:
    """The SN label of any known unit."""
    unit = _unit(uow, serial, product_id, sold=False)
    product = uow.catalogue.product_by_id(unit.product_id)
    return {
        "product": {"sku": product.sku, "name": product.name, "price": money_text(product.price)},
        "serial": unit.serial,
    }
