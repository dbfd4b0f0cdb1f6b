"""Settling a count: replacing mixed-up serial numbers, then posting what is still off."""

from __future__ import annotations

from datetime import date

from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import DomainError, InputError
from core.domain.movements import DocumentKind, Location
from core.i18n import _
from core.persistence.db import as_date
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.checks import require_product
from core.services.count_sheets import sheet_view
from core.services.counting import require_open
from core.services.posting import Posting
from core.views import ProductCount


def replace_serial(
    uow: UnitOfWork, ctx: Context, number: str, surplus_raw: str, shortage_raw: str
) -> Posted:
    """Resolve a surplus/shortage pair of one product by correcting the document that
    recorded the wrong SN: the sale (or write-off, supplier return) that recorded the found
    unit leaving, or the receipt that recorded the missing one arriving."""
    with uow:
        sheet = require_open(uow, number)
        uow.counts.lock(sheet.id)
        _require_here(uow, ctx, sheet.id, sheet.number)
        current = sheet_view(uow, sheet)
        line = next(
            (
                p
                for p in current.products
                if shortage_raw.strip().upper() in p.shortage or shortage_raw.strip() in p.shortage
            ),
            None,
        )
        if line is None:
            raise DomainError(
                _("SN {serial} is not short on count {count}.").format(
                    serial=shortage_raw.strip(), count=sheet.number
                ),
                rule="not_a_shortage",
            )
        product = require_product(uow, line.sku)
        shortage = product.policy.rule.normalise(shortage_raw)
        surplus = product.policy.rule.normalise(surplus_raw)
        if surplus not in line.surplus and surplus_raw.strip() not in current.unknown:
            raise DomainError(
                _("SN {serial} is not a surplus of {product} on count {count}.").format(
                    serial=surplus, product=product.label(), count=sheet.number
                ),
                rule="not_a_surplus",
            )
        posted = _correct(uow, ctx, product, surplus, shortage)
        doc = uow.documents.get(posted.number)
        assert doc is not None
        uow.counts.add_replacement(sheet.id, product.id, surplus, shortage, doc.ref.id)
        return posted


def _correct(
    uow: UnitOfWork, ctx: Context, product: Product, surplus: str, shortage: str
) -> Posted:
    posting = Posting(
        uow,
        ctx,
        DocumentKind.CORRECTION,
        ctx.clock.today(),
        reason=f"count: {surplus} found, {shortage} missing",
    )
    found = posting.unit(product, surplus)
    missing = posting.unit(product, shortage)
    if missing is None or missing.location is not Location.STORE:
        raise DomainError(
            _("SN {serial} of {product} is no longer in stock.").format(
                serial=shortage, product=product.label()
            ),
            rule="not_a_shortage",
        )
    line_id = posting.add_line(product, 1, 0)
    pairs: list[tuple[str, Location, Location, str, int | None, date | None]]
    if found is None or found.location is Location.VOID:
        receipt = uow.documents.get(missing.received_doc or "")
        origin = receipt.ref if receipt else None
        pairs = [
            (shortage, Location.STORE, Location.VOID, surplus, None, None),
            (surplus, Location.VOID, Location.STORE, shortage, None, None),
        ]
        cost = missing.cost
    else:
        last = uow.counts.last_move_out(product.id, surplus)
        if last is None or found.location is Location.STORE:
            raise DomainError(
                _("SN {serial} is in stock: there is no document to correct.").format(
                    serial=surplus
                ),
                rule="not_a_surplus",
            )
        target = Location(last[2])
        sale = uow.documents.get(last[5])
        origin = sale.ref if sale else None
        pairs = [
            (surplus, target, Location.STORE, shortage, None, None),
            (shortage, Location.STORE, target, surplus, last[3], as_date(last[4])),
        ]
        cost = missing.cost
    for serial, source, target_, other, price, warranty_end in pairs:
        unit = posting.unit(product, serial)
        posting.move(
            posting.movement(
                product,
                source,
                target_,
                line_id=line_id,
                serial=serial,
                unit_cost=unit.cost if unit else cost,
                unit_price=price,
                warranty_end=warranty_end,
                origin=origin,
                note=other,
            )
        )
    return posting.finish(total=0)


def post(uow: UnitOfWork, ctx: Context, number: str, costs: dict[str, int] | None = None) -> Posted:
    """Write off what is still short and take in what is still surplus, as one document."""
    costs = {k.strip(): v for k, v in (costs or {}).items()}
    with uow:
        sheet = require_open(uow, number)
        uow.counts.lock(sheet.id)
        _require_here(uow, ctx, sheet.id, sheet.number)
        current = sheet_view(uow, sheet)
        posting = Posting(
            uow,
            ctx,
            DocumentKind.COUNT,
            ctx.clock.today(),
            reason=f"count {sheet.number}",
            number=sheet.number,
        )
        for line in current.products:
            product = require_product(uow, line.sku)
            _settle(posting, product, line, costs)
        posted = posting.finish(total=0)
        doc = uow.documents.get(posted.number)
        uow.counts.close(sheet.id, doc.ref.id if doc else None)
        return posted


def _require_here(uow: UnitOfWork, ctx: Context, sheet_id: int, number: str) -> None:
    """A count settles the stock of the location it counted: only a till there posts it."""
    counted = uow.counts.site(sheet_id)
    if counted != ctx.site:
        raise InputError(
            _(
                "Count {number} counts the stock at {site}; this till is at {here}: "
                "post it from a till there."
            ).format(number=number, site=counted, here=ctx.site)
        )


def _settle(posting: Posting, product: Product, line: ProductCount, costs: dict[str, int]) -> None:
    short = [s for s in line.shortage if _in(posting, product, s, Location.STORE)]
    extra = [s for s in line.surplus if not _in(posting, product, s, Location.STORE)]
    difference = line.balance.quantity_difference if not product.tracked else 0
    if not (short or extra or difference):
        return
    line_id = posting.add_line(product, len(short) + len(extra) + abs(difference), 0)
    for serial in short:
        unit = posting.unit(product, serial)
        assert unit is not None
        cost, layer = _cost_out(posting, product, unit.cost)
        posting.move(
            posting.movement(
                product,
                Location.STORE,
                Location.WRITTEN_OFF,
                line_id=line_id,
                serial=serial,
                unit_cost=cost,
                layer_id=layer,
            )
        )
    for serial in extra:
        unit = posting.unit(product, serial)
        assert unit is not None
        cost = costs.get(product.sku, unit.cost)
        posting.open_layer(product, line_id, cost, 0)
        posting.move(
            posting.movement(
                product,
                unit.location,
                Location.STORE,
                line_id=line_id,
                serial=serial,
                unit_cost=cost,
            )
        )
    if difference < 0:
        draws, short_qty = posting.draw(product, -difference, allow_short=True)
        for draw in draws:
            posting.move(
                posting.movement(
                    product,
                    Location.STORE,
                    Location.WRITTEN_OFF,
                    line_id=line_id,
                    quantity=draw.quantity,
                    unit_cost=draw.unit_cost,
                    layer_id=draw.layer_id,
                )
            )
    elif difference > 0:
        if product.sku not in costs:
            raise InputError(
                _(
                    "{product}: {difference} more counted than expected; "
                    "confirm their unit cost to take them in."
                ).format(product=product.label(), difference=difference)
            )
        posting.open_layer(product, line_id, costs[product.sku], difference)
        posting.move(
            posting.movement(
                product,
                Location.WRITTEN_OFF,
                Location.STORE,
                line_id=line_id,
                quantity=difference,
                unit_cost=costs[product.sku],
                layer_id=line_id,
            )
        )


def _in(posting: Posting, product: Product, serial: str, location: Location) -> bool:
    unit = posting.unit(product, serial)
    return unit is not None and unit.location is location


def _cost_out(posting: Posting, product: Product, cost: int) -> tuple[int, int | None]:
    if product.tracking is TrackingMode.STRICT:
        return cost, None
    draws, _short = posting.draw(product, 1, allow_short=True)
    return (draws[0].unit_cost, draws[0].layer_id) if draws else (cost, None)
