"""Repair reports: open orders by status and age, warranty cost by product and by supplier,
and units and products repaired more than once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from core.domain.repairs import RepairStatus, is_overdue
from core.persistence.unit_of_work import UnitOfWork
from core.repair_views import OpenOrderRow, RepeatRow, ServiceSettings, WarrantyCostRow
from core.services.repair_ledger import chain
from core.services.repair_orders import charges

_ORDER = {status: index for index, status in enumerate(RepairStatus)}


def open_orders(
    uow: UnitOfWork,
    as_of: date,
    settings: ServiceSettings,
    *,
    status: str | None = None,
    overdue: bool = False,
    include_closed: bool = False,
) -> list[OpenOrderRow]:
    """Orders by status, then oldest first, each with its age and whether it is overdue."""
    found = uow.repairs.orders(open_only=not include_closed, status=status)
    skus = {
        o.product_id: uow.catalogue.product_by_id(o.product_id).sku for o in found if o.product_id
    }
    rows = [
        OpenOrderRow(
            order=o.number,
            serial=o.unit_serial or o.serial,
            sku=skus.get(o.product_id) if o.product_id else None,
            customer=o.customer,
            status=o.status,
            opened_on=o.opened_on,
            age_days=((o.closed_on or as_of) - o.opened_on).days,
            overdue=is_overdue(o.status, o.opened_on, as_of, settings.repair_term_days),
            warranty=o.warranty,
        )
        for o in found
    ]
    rows = [r for r in rows if r.overdue] if overdue else rows
    return sorted(rows, key=lambda r: (_ORDER[r.status], r.opened_on, r.order))


def warranty_cost(uow: UnitOfWork, *, by: str = "product") -> list[WarrantyCostRow]:
    """What warranty repairs cost the shop (parts at cost and labour), by product or by the
    supplier the unit came from; the dearest first."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    names: dict[str, str | None] = {}
    for order in uow.repairs.orders():
        if not order.warranty or order.product_id is None:
            continue
        product = uow.catalogue.product_by_id(order.product_id)
        if by == "supplier":
            unit = uow.units.get(order.product_id, order.serial)
            key, name = (unit.supplier if unit else None) or "?", None
        else:
            key, name = product.sku, product.name
        cost = charges(order, uow.repairs.lines(order.id))
        total = totals[key]
        total[0] += 1
        total[1] += cost.parts_cost
        total[2] += cost.labour
        names[key] = name
    rows = [WarrantyCostRow(k, names[k], v[0], v[1], v[2]) for k, v in totals.items()]
    return sorted(rows, key=lambda r: (-r.total, r.key))


def repeated(uow: UnitOfWork, *, by: str = "serial") -> list[RepeatRow]:
    """Units (with their replacement lineage) or products repaired more than once."""
    groups: dict[str, list[str]] = defaultdict(list)
    skus: dict[str, str | None] = {}
    links = uow.repairs.links()
    for order in uow.repairs.orders():
        sku = uow.catalogue.product_by_id(order.product_id).sku if order.product_id else None
        key = (sku or order.device or "?") if by == "product" else chain(links, order.serial)[0]
        groups[key].append(order.number)
        skus[key] = sku
    rows = [RepeatRow(k, skus[k], len(v), tuple(v)) for k, v in groups.items() if len(v) > 1]
    return sorted(rows, key=lambda r: (-r.orders, r.key))
