"""Kit products: their component lists, and selling a kit by its components' serial numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.commands import Item
from core.domain import limits
from core.domain.catalogue import Product, TrackingMode, TypeSettings
from core.domain.errors import InputError, NotFound
from core.domain.kinds import SELL_FROM_STORE
from core.domain.kits import Component, Kit, assign, split_serials
from core.domain.limits import TextLimit
from core.domain.movements import DocumentKind, Location
from core.domain.warranty import WarrantyPeriod
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services import catalogue, kit_units
from core.services.checks import require_product
from core.services.outgoing import take_out
from core.services.posting import Posting
from core.views import KitPart

KIT_TYPE = "Kits"
"""The product type new kits are filed under unless another is named."""


@dataclass(frozen=True)
class NewKit:
    """A kit to add: its own product, and the components it holds as (code, quantity)."""

    sku: str
    name: str
    price: int
    components: tuple[tuple[str, int], ...]
    barcodes: tuple[str, ...] = ()
    warranty: WarrantyPeriod | None = None
    type_path: str = KIT_TYPE

    def __post_init__(self) -> None:
        for code, quantity in self.components:
            limits.text(_("Product code"), code, TextLimit.CODE)
            limits.quantity(_("Quantity of {code}").format(code=limits.shown(code)), quantity)


def add_kit(uow: UnitOfWork, new: NewKit) -> Kit:
    """Add a kit product with its component list, in one transaction."""
    with uow:
        if uow.catalogue.type_settings(new.type_path) is None:
            catalogue.set_type(uow, TypeSettings(new.type_path, tracking=TrackingMode.STRICT))
        product = catalogue.add_product(
            uow,
            catalogue.NewProduct(
                new.sku, new.name, new.type_path, new.price, new.barcodes, new.warranty
            ),
        )
        uow.kits.set_components(product.id, _components(uow, product, new.components))
        return kit_of(uow, product) or _no_components(product)


def set_components(uow: UnitOfWork, code: str, components: Sequence[tuple[str, int]]) -> Kit:
    """Change a kit's component list; refused while any of it is assembled in stock."""
    with uow:
        kit = find_kit(uow, code)
        assembled = uow.sql.scalar(
            "SELECT COUNT(*) FROM serial_unit WHERE product_id = ? AND location = ?",
            (kit.product.id, Location.STORE.value),
        )
        if assembled:
            raise InputError(
                _(
                    "{kit} has {count} assembled in stock: dismantle them before changing "
                    "its components."
                ).format(kit=kit.product.label(), count=assembled)
            )
        uow.kits.set_components(kit.product.id, _components(uow, kit.product, components))
        return find_kit(uow, code)


def _components(
    uow: UnitOfWork, kit: Product, given: Sequence[tuple[str, int]]
) -> list[tuple[int, int]]:
    if not given:
        raise InputError(_("A kit needs at least one component: --component CODE:QTY."))
    found: dict[int, int] = {}
    for code, quantity in given:
        if quantity <= 0:
            raise InputError(
                _("The quantity of {product} must be at least 1.").format(product=code)
            )
        product = require_product(uow, code)
        if product.id == kit.id or uow.kits.components(product.id):
            raise InputError(
                _("{product} is a kit: a kit cannot hold a kit.").format(product=product.label())
            )
        found[product.id] = found.get(product.id, 0) + quantity
    return list(found.items())


def _no_components(product: Product) -> Kit:
    raise InputError(_("{product} is not a kit.").format(product=product.label()))


def kit_of(uow: UnitOfWork, product: Product) -> Kit | None:
    """The product as a kit with its components, or None for a plain product."""
    rows = uow.kits.components(product.id)
    if not rows:
        return None
    return Kit(
        product,
        tuple(Component(uow.catalogue.product_by_id(pid), qty) for pid, qty in rows),
    )


def find_kit(uow: UnitOfWork, code: str) -> Kit:
    """The kit with this SKU or barcode, or a clear refusal."""
    product = require_product(uow, code)
    kit = kit_of(uow, product)
    if kit is None:
        raise NotFound(_("{product} is not a kit.").format(product=product.label()))
    return kit


def sell_line(posting: Posting, kit: Kit, price: int, items: Sequence[Item], on: date) -> None:
    """Sale lines of a kit, one per kit: every component of the kit leaves stock on it.

    Tracked components go by the SNs given (in any order), each under its own tracking rules;
    untracked ones by quantity at FIFO cost. The kit's price is shared among the units."""
    for item in items:
        if item.serial and item.quantity != 1:
            raise InputError(
                _("The SNs of {kit} name one kit: give each kit its own item.").format(
                    kit=kit.product.label()
                )
            )
        for _unit in range(item.quantity):
            line_id = posting.add_line(kit.product, 1, price)
            serials = split_serials(item.serial)
            assembled = kit_units.assembled(posting, kit, serials[0]) if serials else None
            if assembled is not None and len(serials) == 1:
                kit_units.sell(posting, kit, line_id, price, assembled, on)
            else:
                sell_one(posting, kit, line_id, price, serials, on)


def sell_one(
    posting: Posting,
    kit: Kit,
    line_id: int,
    price: int,
    serials: Sequence[str],
    on: date,
    *,
    partial: bool = False,
) -> list[list[str]]:
    """Take one kit's components out on a line; the SNs placed on each component.

    ``partial`` takes out only the SNs given so far (a kit being scanned at the till)."""
    placed = place(posting, kit, serials)
    prices = kit.unit_prices(price)
    move = SELL_FROM_STORE
    for index, component in enumerate(kit.components):
        if partial and not placed[index]:
            continue
        end = kit.warranty_end(component, on)
        units = placed[index] if partial else [*placed[index]]
        if not partial and component.tracked:
            units += [""] * (component.quantity - len(placed[index]))
        elif not partial:
            units = [""] * component.quantity
        for position, serial in enumerate(units):
            item = Item(component.product.sku, serial or None)
            unit_price = prices[index][position]
            take_out(posting, move, component.product, line_id, [item], unit_price, end)
    return placed


def place(posting: Posting, kit: Kit, serials: Sequence[str]) -> list[list[str]]:
    """Each SN given matched to its component (see ``core.domain.kits.assign``), as stored."""
    in_stock: dict[str, tuple[int, ...]] = {}
    known: dict[str, tuple[int, ...]] = {}
    stored: dict[tuple[str, int], str] = {}
    for raw in serials:
        holding, knowing = [], []
        for index, component in enumerate(kit.components):
            if not component.tracked:
                continue
            serial = _stored_serial(posting, component.product, raw)
            unit = posting.unit(component.product, serial)
            if unit is None:
                continue
            stored[(raw, index)] = serial
            knowing.append(index)
            if unit.location is Location.STORE:
                holding.append(index)
        in_stock[raw], known[raw] = tuple(holding), tuple(knowing)
    placed = assign(kit, list(serials), in_stock, known)
    return [[stored[(raw, index)] for raw in group] for index, group in enumerate(placed)]


def _stored_serial(posting: Posting, product: Product, raw: str) -> str:
    """The serial number a unit of this product is stored under, for any of its identifiers."""
    serial = product.policy.rule.normalise(raw)
    if posting.unit(product, serial) is None and product.policy.identifiers:
        found = posting.uow.identifiers.serials_of(product.id, [serial])
        if len(found) == 1:
            return found[0]
    return serial


@dataclass(frozen=True)
class KitCheck:
    """The SNs of a kit being scanned, as the sale would take them."""

    kit: Kit
    placed: tuple[tuple[str, ...], ...]
    """The SNs matched to each component, by index."""
    warnings: tuple[str, ...] = ()


def check_parts(uow: UnitOfWork, ctx: Context, code: str, serials: Sequence[str]) -> KitCheck:
    """Rehearse the sale of one kit with the SNs scanned so far (writes and locks nothing).

    Refuses an SN that fits no component or two, a repeated one, and under strict tracking
    one that is not in stock; soft tracking answers warnings. ``uow`` is a checking one."""
    assert uow.checking, "a kit's SNs are checked on a rehearsal, never posted"
    with uow:
        kit = find_kit(uow, code)
        on = ctx.clock.today()
        posting = Posting(uow, ctx, DocumentKind.SALE, on)
        with posting.refusals_first():
            line_id = posting.add_line(kit.product, 1, kit.product.price)
            placed = sell_one(posting, kit, line_id, kit.product.price, serials, on, partial=True)
        posted: Posted = posting.finish()
        return KitCheck(
            kit, tuple(tuple(group) for group in placed), tuple(w.message for w in posted.warnings)
        )


def line_parts(uow: UnitOfWork, number: str) -> dict[int, tuple[KitPart, ...]]:
    """The components each kit line of a document moved, by line id (other lines absent)."""
    header = uow.documents.get(number)
    if header is None:
        return {}
    line_products = {line.id: line.product_id for line in uow.documents.lines(header.ref.id)}
    found: dict[int, dict[int, list[tuple[int, str | None, date | None]]]] = {}
    for movement in uow.movements.for_document(header.ref.id):
        line_id = movement.line_id
        if line_id is None or line_products.get(line_id) == movement.product_id:
            continue
        parts = found.setdefault(line_id, {})
        parts.setdefault(movement.product_id, []).append(
            (movement.quantity, movement.serial, movement.warranty_end)
        )
    result: dict[int, tuple[KitPart, ...]] = {}
    for line_id, parts in found.items():
        views = []
        for product_id, units in parts.items():
            product = uow.catalogue.product_by_id(product_id)
            ends = [end for _q, _s, end in units if end is not None]
            views.append(
                KitPart(
                    product.sku,
                    product.name,
                    sum(quantity for quantity, _s, _e in units),
                    tuple(serial for _q, serial, _e in units if serial),
                    max(ends) if ends else None,
                )
            )
        result[line_id] = tuple(views)
    return result


@dataclass(frozen=True)
class SoldInKit:
    """The kit a component unit left the shop in: the kit product, and its own SN when it
    was sold as an assembled kit."""

    sku: str
    name: str
    serial: str | None


def sold_in_kit(uow: UnitOfWork, product_id: int, serial: str, sale: str) -> SoldInKit | None:
    """The kit this unit was sold in on the sale numbered ``sale`` (its movement sits on a
    line of a kit product), or None when it was sold on its own."""
    header = uow.documents.get(sale)
    if header is None:
        return None
    movements = uow.movements.for_document(header.ref.id)
    line_id = next(
        (m.line_id for m in movements if m.product_id == product_id and m.serial == serial),
        None,
    )
    line = next((row for row in uow.documents.lines(header.ref.id) if row.id == line_id), None)
    if line is None or line.product_id == product_id:
        return None
    kit_serial = next(
        (
            m.serial
            for m in movements
            if m.line_id == line.id and m.product_id == line.product_id and m.serial
        ),
        None,
    )
    return SoldInKit(line.sku, line.name, kit_serial)


def assembled_serial(uow: UnitOfWork, code: str, raw: str) -> str | None:
    """The SN of an assembled kit of this product in stock that ``raw`` names, else None."""
    kit = find_kit(uow, code)
    serial = kit.product.policy.rule.normalise(raw)
    unit = uow.units.get(kit.product.id, serial)
    if unit is None or unit.location is not Location.STORE:
        return None
    return serial if uow.kits.parts(kit.product.id, serial) else None
