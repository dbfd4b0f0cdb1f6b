"""What one scan means for the sale, asked of the core; these run in a worker thread.

Every check is the core's own: the sale with the new item is rehearsed on a unit of work
that rolls back, so a line appears only when the real sale would accept it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bootstrap.services import Services
from core.cart import Cart, CartLine, in_stock
from core.commands import RecordSale
from core.domain.catalogue import Product
from core.domain.errors import NotFound
from core.domain.tracking import Discrepancy
from core.domain.units import state_name
from core.services import catalogue, queries, selling
from core.services.queries import UnitSummary
from tui.i18n import _


@dataclass(frozen=True)
class AddLine:
    """The line passed every check: add it."""

    line: CartLine


@dataclass(frozen=True)
class AskSerial:
    """A tracked product was scanned: ask for its serial numbers."""

    product: Product


@dataclass(frozen=True)
class Choose:
    """Several products have this serial number in stock: the cashier picks one."""

    units: tuple[UnitSummary, ...]


@dataclass(frozen=True)
class EndSerials:
    """No more serial numbers of the pending product."""


@dataclass(frozen=True)
class NewCart:
    """An edit passed every check: the cart as it is now."""

    cart: Cart


Step = AddLine | AskSerial | Choose | EndSerials | NewCart


def resolve(services: Services, cart: Cart, code: str) -> Step:
    """What a scanned or typed code means now: a serial number, a product, or a unit.

    While serial numbers of a product are asked for, a code is its next serial number;
    once a unit is in, another product's code ends the loop and is taken as that product
    (the same product's box barcode still goes to the core, which refuses it as an SN)."""
    text = code.strip()
    pending = cart.pending
    product = catalogue.find_product(services.uow(), text) if text else None
    if pending is not None and not (pending.added and product and product.sku != pending.sku):
        if not text and pending.added:
            return EndSerials()
        return add(services, cart, require(services, pending.sku), text or None)
    if product is not None:
        return AskSerial(product) if product.tracked else add(services, cart, product, None)
    return by_serial(services, cart, text) if text else EndSerials()


def by_serial(services: Services, cart: Cart, serial: str) -> Step:
    """A serial number scanned alone: its unit if in stock (a choice when several are)."""
    units = queries.unit_summaries(services.uow(), serial, services.ctx.clock.today())
    shelf = in_stock(units)
    if len(shelf) == 1:
        return pick(services, cart, shelf[0])
    if shelf:
        return Choose(tuple(shelf))
    if units:
        unit = units[0]
        message = _("Serial number {serial} ({name}) is not in stock: {state}.")
        raise NotFound(
            message.format(serial=unit.serial, name=unit.name, state=state_name(unit.state)),
            title=_("Not in stock"),
        )
    message = _('"{code}" is neither a product code nor a serial number this shop knows.')
    raise NotFound(message.format(code=serial), title=_("Unknown code"))


def require(services: Services, code: str) -> Product:
    """The product by SKU or barcode."""
    product = catalogue.find_product(services.uow(), code)
    if product is None:
        raise NotFound(_("There is no product {code}.").format(code=code))
    return product


def pick(services: Services, cart: Cart, unit: UnitSummary) -> AddLine:
    """Add a unit found by its serial number."""
    return add(services, cart, require(services, unit.sku), unit.serial)


def add(services: Services, cart: Cart, product: Product, serial: str | None) -> AddLine:
    """One unit of a product (by serial number when given), if the sale would accept it."""
    normalised = product.policy.rule.normalise(serial) if serial else None
    line = CartLine(product.sku, product.name, product.price, serial=normalised)
    warnings = rehearse(services, cart, replace(cart, lines=(*cart.lines, line)))
    return AddLine(replace(line, warnings=warnings))


def edit(services: Services, before: Cart, after: Cart) -> NewCart:
    """A changed cart (quantity, price), if the sale would accept it."""
    rehearse(services, before, after)
    return NewCart(after)


def rehearse(services: Services, before: Cart, after: Cart) -> tuple[Discrepancy, ...]:
    """Run the sale of ``after`` and roll it back; the warnings ``before`` did not have."""
    posted = selling.sell(RecordSale(after.items()), services.rehearsal(), services.ctx)
    return before.new_warnings(posted.warnings)
