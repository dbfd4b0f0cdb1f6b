"""Kits: a product sold as one item whose components leave stock by their own serial numbers.

A kit has its own SKU, barcode, name, price and warranty, and a list of component products
with quantities. Its price is shared among the components by their list prices, so each
component unit carries its part of the price (what a return of that one component refunds)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import DomainError
from core.i18n import _

SERIAL_SEPARATOR = ","
"""Joins the component SNs of one kit: ``KIT:SN1,SN2`` on the command line."""


@dataclass(frozen=True)
class Component:
    """A product a kit holds, and how many of it."""

    product: Product
    quantity: int

    @property
    def tracked(self) -> bool:
        """True when each unit of it leaves stock by its serial number."""
        return self.product.tracked


@dataclass(frozen=True)
class Kit:
    """A kit product with its components in order."""

    product: Product
    components: tuple[Component, ...]

    @property
    def tracked(self) -> tuple[Component, ...]:
        """The components whose units are named by serial number."""
        return tuple(c for c in self.components if c.tracked)

    def warranty_end(self, component: Component, on: date) -> date | None:
        """When a component sold on ``on`` ends its warranty: its own period, else the kit's."""
        period = component.product.warranty
        if period.is_zero:
            period = self.product.warranty
        return None if period.is_zero else period.end(on)

    def unit_prices(self, price: int) -> tuple[tuple[int, ...], ...]:
        """The kit's price shared among the units of each component, by their list prices.

        Every unit gets whole minor units; the parts add up to the price exactly."""
        weights = [c.product.price * c.quantity for c in self.components]
        shares = apportion(price, weights)
        return tuple(
            tuple(apportion(share, [1] * c.quantity))
            for share, c in zip(shares, self.components, strict=True)
        )


def apportion(amount: int, weights: Sequence[int]) -> list[int]:
    """``amount`` split in proportion to ``weights`` in whole units, largest remainders first;
    equal parts when every weight is nil."""
    if not weights:
        return []
    total = sum(weights)
    if total <= 0:
        weights, total = [1] * len(weights), len(weights)
    exact = [amount * w for w in weights]
    parts = [e // total for e in exact]
    left = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] % total), i))
    for index in order[:left]:
        parts[index] += 1
    return parts


def split_serials(text: str | None) -> list[str]:
    """``SN1, SN2`` → ``["SN1", "SN2"]``; blanks dropped."""
    if not text:
        return []
    return [part.strip() for part in text.split(SERIAL_SEPARATOR) if part.strip()]


def assign(
    kit: Kit,
    serials: Sequence[str],
    in_stock: Mapping[str, tuple[int, ...]],
    known: Mapping[str, tuple[int, ...]],
) -> list[list[str]]:
    """Which component each SN is for, in any order: the SNs of each component, by index.

    ``in_stock`` names, per SN, the components whose product has it in stock; ``known`` those
    whose product ever had it. An SN goes to the one component that has it in stock, else
    the one that knows it (its own check then says why it cannot be sold). An SN given twice,
    fitting no component, fitting two, or one too many for its component is refused."""
    placed: list[list[str]] = [[] for _ in kit.components]
    seen: set[str] = set()
    for serial in serials:
        if serial in seen:
            raise _refusal(
                "kit_serial_repeated",
                _("SN {serial} is given twice for one {kit}.").format(
                    serial=serial, kit=kit.product.label()
                ),
            )
        seen.add(serial)
        fits = in_stock.get(serial) or known.get(serial) or ()
        if not fits:
            names = ", ".join(c.product.name for c in kit.tracked)
            raise _refusal(
                "kit_serial_fits_none",
                _("SN {serial} fits no component of {kit} ({names}).").format(
                    serial=serial, kit=kit.product.label(), names=names
                ),
            )
        if len(fits) > 1:
            names = ", ".join(kit.components[i].product.label() for i in fits)
            raise _refusal(
                "kit_serial_fits_two",
                _("SN {serial} fits more than one component of {kit}: {names}.").format(
                    serial=serial, kit=kit.product.label(), names=names
                ),
            )
        index = fits[0]
        component = kit.components[index]
        if len(placed[index]) >= component.quantity:
            raise _refusal(
                "kit_too_many_serials",
                _("{kit} holds {quantity} × {component}: SN {serial} is one too many.").format(
                    kit=kit.product.label(),
                    quantity=component.quantity,
                    component=component.product.label(),
                    serial=serial,
                ),
            )
        placed[index].append(serial)
    return placed


def missing(kit: Kit, placed: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Tracked components still short of SNs, as (index, how many)."""
    return [
        (index, c.quantity - len(placed[index]))
        for index, c in enumerate(kit.components)
        if c.tracked and len(placed[index]) < c.quantity
    ]


def required_missing(kit: Kit, placed: Sequence[Sequence[str]]) -> list[Component]:
    """Strictly tracked components still short of SNs: the kit cannot be sold without them."""
    return [
        kit.components[index]
        for index, _count in missing(kit, placed)
        if kit.components[index].product.tracking is TrackingMode.STRICT
    ]


def _refusal(rule: str, message: str) -> DomainError:
    return DomainError(message, rule=rule, title=_("Kit refused"))
