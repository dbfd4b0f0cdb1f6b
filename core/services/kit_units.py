"""An assembled kit sold by its own SN: the kit and every part bound to it go to the customer."""

from __future__ import annotations

from datetime import date

from core.domain.catalogue import Product
from core.domain.errors import DomainError
from core.domain.kinds import SELL_FROM_KIT, SELL_FROM_STORE
from core.domain.kits import Kit
from core.domain.tracking import Operation
from core.i18n import _
from core.services.checks import check_unit
from core.services.posting import Posting


def assembled(posting: Posting, kit: Kit, raw: str) -> str | None:
    """The kit's own SN when ``raw`` names an assembled kit of this product, else None."""
    serial = kit.product.policy.rule.normalise(raw)
    unit = posting.unit(kit.product, serial)
    if unit is None or not posting.uow.kits.parts(kit.product.id, serial):
        return None
    return serial


def sell(posting: Posting, kit: Kit, line_id: int, price: int, serial: str, on: date) -> None:
    """Sell an assembled kit by its own SN: each bound part carries its share of the price and
    its own warranty end; the line's cost is the kit's, the sum of its parts' costs."""
    sold, was = check_unit(posting, Operation.SELL, kit.product, serial)
    assert sold is not None
    posting.move(
        posting.movement(
            kit.product,
            SELL_FROM_STORE.source,
            SELL_FROM_STORE.target,
            line_id=line_id,
            serial=sold,
            unit_cost=was.cost if was is not None else 0,
            unit_price=0,
        )
    )
    prices = kit.unit_prices(price)
    taken = [0] * len(kit.components)
    for product_id, part, quantity, unit_cost in posting.uow.kits.parts(kit.product.id, sold):
        index = next((i for i, c in enumerate(kit.components) if c.product.id == product_id), None)
        if index is None:
            raise DomainError(
                _("The kit {serial} holds a part its product no longer lists.").format(serial=sold),
                rule="kit_changed",
            )
        component = kit.components[index]
        end = kit.warranty_end(component, on)
        for _unit in range(1 if part is not None else quantity):
            unit_price = prices[index][min(taken[index], len(prices[index]) - 1)]
            taken[index] += 1
            _part_sold(posting, component.product, line_id, part, unit_cost, unit_price, end)


def _part_sold(
    posting: Posting,
    product: Product,
    line_id: int,
    serial: str | None,
    unit_cost: int,
    unit_price: int,
    end: date | None,
) -> None:
    """One bound part from the kit to the customer."""
    if serial is not None:
        serial, _was = check_unit(posting, Operation.SELL_FROM_KIT, product, serial)
    posting.move(
        posting.movement(
            product,
            SELL_FROM_KIT.source,
            SELL_FROM_KIT.target,
            line_id=line_id,
            serial=serial,
            unit_cost=unit_cost,
            unit_price=unit_price,
            warranty_end=end if serial is not None else None,
        )
    )
