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
from core.persistence.chain_repo import head
from core.persistence.unit_of_work import UnitOfWork
from core.services import kits
from core.services.cashing_up import summary
from core.services.queries import document, find_units, identifiers
from core.views import KitPart


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
    parts = kits.line_parts(uow, number)
    for line, serials in view.lines:
        ends = [e for e in (_warranty_end(uow, s) for s in serials) if e is not None]
        kit = parts.get(line.id)
        lines.append(
            {
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": money_text(line.unit_amount),
                "total": money_text(line.quantity * line.unit_amount),
                "serials": [] if kit else list(serials),
                "warranty_end": date_text(min(ends)) if ends else None,
                "components": [_part(part) for part in kit or ()],
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


def _part(part: KitPart) -> dict[str, Any]:
    """A kit's component as the receipt and the warranty card print it."""
    return {
        "sku": part.sku,
        "name": part.name,
        "quantity": part.quantity,
        "serials": list(part.serials),
        "serial": ", ".join(part.serials) or None,
        "warranty_end": date_text(part.warranty_end) if part.warranty_end else None,
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

    For a kit (``product_id`` a kit's, ``serial`` any of its component SNs) the one card
    lists every component with its SN and its own warranty end. With the shop's card key the
    card carries its signed QR code (``verify_url``)."""
    kit_card = _kit_card(uow, serial, shop, product_id)
    if kit_card is not None:
        return kit_card
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
        "identifiers": _identifiers(uow, unit),
    }
    if card_key is not None:
        context["verify_url"] = card_payload(unit, card_key)
    return context, product.policy.card_template


def _kit_card(
    uow: UnitOfWork, serial: str, shop: Shop, product_id: int | None
) -> tuple[dict[str, Any], str | None] | None:
    """The warranty card of a kit sold with this component SN, or None for a plain product."""
    if product_id is None:
        return None
    product = uow.catalogue.product_by_id(product_id)
    if kits.kit_of(uow, product) is None:
        return None
    sold = [u for u in find_units(uow, serial) if u.location is Location.CUSTOMER and u.sale_doc]
    for unit in sold:
        view = document(uow, unit.sale_doc or "")
        parts = kits.line_parts(uow, view.header.ref.number)
        for line, serials in view.lines:
            if line.product_id != product_id or unit.serial not in serials:
                continue
            components = parts.get(line.id, ())
            ends = [p.warranty_end for p in components if p.warranty_end is not None]
            head = view.header.ref
            return {
                "shop": shop.context(),
                "product": {"sku": product.sku, "name": product.name},
                "serial": unit.serial,
                "sale": {"number": head.number, "date": date_text(head.date)},
                "warranty": {
                    "period": product.warranty.describe() if not product.warranty.is_zero else "—",
                    "end": date_text(max(ends)) if ends else "—",
                },
                "customer": {"name": head.party, "phone": head.phone} if head.party else None,
                "components": [_part(part) for part in components],
                "identifiers": [],
                "verify_url": f"KIT:{product.sku};SALE:{head.number};SN:{unit.serial}",
            }, product.policy.card_template
    raise NotFound(
        _("No sold {kit} holds the serial number {serial}.").format(
            kit=product.label(), serial=serial.strip()
        )
    )


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
        "identifiers": _identifiers(uow, unit),
    }


def day_context(uow: UnitOfWork, day: date, till: str | None, shop: Shop) -> dict[str, Any]:
    """The end-of-day (Z) summary of a till, or of the shop when ``till`` is None."""
    found = summary(uow, day, till)
    payments = sorted({*found.sales, *found.refunds})
    return {
        "shop": shop.context(),
        "day": date_text(day),
        "till": found.till,
        "closed": found.closed,
        "closed_by": found.closed_by or "",
        "payments": [
            {
                "method": _("card") if method == "card" else _("cash"),
                "sales": money_text(found.sales.get(method, 0)),
                "refunds": money_text(found.refunds.get(method, 0)),
            }
            for method in payments
        ],
        "documents": [{"kind": k, "count": n} for k, n in found.documents.items()],
        "overrides": [
            {
                "document": o.document,
                "sku": o.sku,
                "quantity": o.quantity,
                "list_price": money_text(o.list_price),
                "sold_price": money_text(o.sold_price),
                "operator": o.operator,
            }
            for o in found.overrides
        ],
        "paid_in": money_text(found.paid_in),
        "paid_out": money_text(found.paid_out),
        "cash_expected": money_text(found.cash_expected),
        "chain": _chain_head(uow),
    }


def _chain_head(uow: UnitOfWork) -> dict[str, Any]:
    """The tamper-evident chain's last link as the paper shows it: a printed day summary
    anchors every row written before it (`till journal verify` prints the same head)."""
    seq, digest = head(uow.sql)
    return {"seq": seq, "hash": digest}


def _identifiers(uow: UnitOfWork, unit: SerialState) -> list[dict[str, str]]:
    """Every identifier of a unit whose type declares several, primary first; else none."""
    return [
        {"name": name, "code": code}
        for name, code in identifiers(uow, unit.product_id, unit.serial)
    ]
