"""Goods leaving a place — sales, supplier returns, write-offs, any simple movement kind — unit
by unit or by quantity, from and to where the kind's declared move says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core.commands import Item
from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import InputError
from core.domain.kinds import Move
from core.domain.movements import Location
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.checks import check_unit, require_product
from core.services.posting import Posting


def group_items(uow: UnitOfWork, items: Sequence[Item]) -> list[tuple[Product, int, list[Item]]]:
    """Items grouped into lines by product and price, in order of first appearance; the units
    and cost layers they name are row-locked first, in one fixed order (PostgreSQL)."""
    groups: dict[tuple[int, int], tuple[Product, int, list[Item]]] = {}
    products: dict[str, Product] = {}
    for item in items:
        if item.quantity <= 0:
            raise InputError(
                _("The quantity of {product} must be at least 1.").format(product=item.code)
            )
        if item.price is not None and item.price < 0:
            raise InputError(_("The price of {sku} cannot be negative.").format(sku=item.code))
        product = products.get(item.code) or require_product(uow, item.code)
        products[item.code] = product
        price = product.price if item.price is None else item.price
        groups.setdefault((product.id, price), (product, price, []))[2].append(item)
    lines = list(groups.values())
    if not uow.checking:
        _lock_goods(uow, lines)
    return lines


def _lock_goods(uow: UnitOfWork, lines: list[tuple[Product, int, list[Item]]]) -> None:
    """Lock every unit named by serial, then the cost layers of goods costed by quantity,
    each in product order: documents naming the same goods in any order never deadlock.
    A document naming one unit or one product's layers has no order to keep: its single
    lock is taken where it is read, saving a round trip."""
    units = [
        (product.id, product.policy.rule.normalise(item.serial))
        for product, _price, items in lines
        for item in items
        if item.serial and product.tracking is not TrackingMode.NONE
    ]
    layered = [p.id for p, _price, _items in lines if p.tracking is not TrackingMode.STRICT]
    if len(set(units)) + len(set(layered)) <= 1:
        return  # one unit, or one product's layers (read in order anyway): no order to keep
    uow.units.lock(units)
    uow.stock.lock_layers(layered)


def take_out(
    posting: Posting,
    move: Move,
    product: Product,
    line_id: int,
    items: Sequence[Item],
    unit_price: int | None = None,
    warranty_end: date | None = None,
) -> None:
    """Make the declared move with the items of one line, checking every unit."""
    for item in items:
        if product.tracking is TrackingMode.NONE:
            if item.serial:
                raise InputError(
                    _("{product} is not tracked by serial number: sell it without one.").format(
                        product=product.label()
                    )
                )
            _by_quantity(posting, move, product, line_id, item.quantity, unit_price, False)
            continue
        if item.quantity != 1 and item.serial:
            raise InputError(
                _("A serial number stands for one unit of {product}.").format(
                    product=product.label()
                )
            )
        for _unit in range(item.quantity if not item.serial else 1):
            _one_unit(posting, move, product, line_id, item.serial, unit_price, warranty_end)


def _one_unit(
    posting: Posting,
    move: Move,
    product: Product,
    line_id: int,
    raw_serial: str | None,
    unit_price: int | None,
    warranty_end: date | None,
) -> None:
    assert move.operation is not None, "a move that takes goods out checks every unit"
    serial, was = check_unit(posting, move.operation, product, raw_serial)
    if serial is None:
        _by_quantity(posting, move, product, line_id, 1, unit_price, True)
        return
    if product.tracking is TrackingMode.STRICT or move.source is not Location.STORE:
        cost, layer = (was.cost if was else 0), None
    else:
        draws, _short = posting.draw(product, 1, allow_short=True)
        cost = draws[0].unit_cost if draws else (was.cost if was else 0)
        layer = draws[0].layer_id if draws else None
    posting.move(
        posting.movement(
            product,
            move.source,
            move.target,
            line_id=line_id,
            serial=serial,
            unit_cost=cost,
            unit_price=unit_price,
            layer_id=layer,
            warranty_end=warranty_end,
        )
    )


def _by_quantity(
    posting: Posting,
    move: Move,
    product: Product,
    line_id: int,
    quantity: int,
    unit_price: int | None,
    allow_short: bool,
) -> None:
    """Take a quantity at FIFO cost; soft tracking may go short and take the rest at nil."""
    if move.source is not Location.STORE:
        raise InputError(
            _(
                "Only goods in the store move without serial numbers: "
                "give each unit of {product} by its SN."
            ).format(product=product.label())
        )
    draws, short = posting.draw(product, quantity, allow_short=allow_short)
    for draw in draws:
        posting.move(
            posting.movement(
                product,
                move.source,
                move.target,
                line_id=line_id,
                quantity=draw.quantity,
                unit_cost=draw.unit_cost,
                unit_price=unit_price,
                layer_id=draw.layer_id,
            )
        )
    if short:
        posting.move(
            posting.movement(
                product,
                move.source,
                move.target,
                line_id=line_id,
                quantity=short,
                unit_price=unit_price,
            )
        )
