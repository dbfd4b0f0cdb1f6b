"""The repair receipt as a plain template context built from the order."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.domain.repairs import status_word
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.repair_views import ServiceSettings
from core.services.printouts import Shop, date_text, money_text
from core.services.repair_orders import show


def repair_context(uow: UnitOfWork, number: str, shop: Shop, as_of: date) -> dict[str, Any]:
    """The customer's slip of a repair order: the order, the device, what came with it, and
    the parts, labour and payment once there are any."""
    view = show(uow, number, as_of, ServiceSettings())
    order = view.order
    paid = None
    if order.closed_on is not None and view.charges.customer_total:
        paid = _payment(uow, order.number)
    return {
        "shop": shop.context(),
        "order": {
            "number": order.number,
            "date": date_text(order.opened_on),
            "status": status_word(order.status),
            "warranty": order.warranty,
            "warranty_end": date_text(order.warranty_end),
            "override_reason": order.override_reason,
            "estimate": money_text(order.estimate) if order.estimate else "",
            "technician": order.technician,
        },
        "device": {
            "sku": view.sku,
            "name": view.name or order.device or "",
            "serial": order.unit_serial or order.serial,
        },
        "customer": {"name": order.customer, "phone": order.phone} if order.customer else None,
        "complaint": order.complaint,
        "accessories": order.accessories,
        "condition": order.condition,
        "lines": [
            {
                "kind": line.kind,
                "name": (line.name or line.sku or "") if line.kind == "part" else line.text or "",
                "serial": line.serial,
                "quantity": line.quantity,
                "price": money_text(0 if order.warranty else line.price),
            }
            for line in view.lines
        ],
        "total": money_text(view.charges.customer_total),
        "paid": paid,
    }


def _payment(uow: UnitOfWork, number: str) -> dict[str, str] | None:
    """The hand-back document that took the payment."""
    paid = uow.repairs.payment_of(number)
    if paid is None:
        return None
    document, method = paid
    return {"document": document, "method": _("card") if method == "card" else _("cash")}
