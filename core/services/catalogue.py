"""The product-type tree and the products: adding, changing and reading them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.commands import ChangeProduct
from core.domain import limits
from core.domain.catalogue import (
    Product,
    TrackingMode,
    TypePolicy,
    TypeSettings,
    stranding,
    validate_type,
)
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.limits import TextLimit
from core.domain.money import format_money
from core.domain.permissions import Right
from core.domain.warranty import WarrantyPeriod
from core.i18n import _
from core.persistence.catalogue_repo import ancestors
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import FieldChange, ProductChanges
from core.services.authority import require
from core.views import PriceChange


@dataclass(frozen=True)
class NewProduct:
    """A product to add to the catalogue."""

    sku: str
    name: str
    type_path: str
    price: int
    barcodes: tuple[str, ...] = ()
    warranty: WarrantyPeriod | None = None

    def __post_init__(self) -> None:
        limits.text(_("SKU"), self.sku, TextLimit.CODE)
        limits.text(_("Product name"), self.name, TextLimit.NAME)
        limits.text(_("Product type"), self.type_path, TextLimit.PATH)
        limits.amount(_("Price"), self.price)
        for code in self.barcodes:
            limits.text(_("Barcode"), code, TextLimit.CODE)


def clean_path(path: str) -> str:
    """A type path with its parts trimmed: `` Electronics / Phones`` → ``Electronics/Phones``."""
    parts = [part.strip() for part in path.strip().strip("/").split("/")]
    if not path.strip() or any(not part for part in parts):
        raise InputError(
            _("The type path “{path}” is not valid: write it like Electronics/Phones.").format(
                path=path
            )
        )
    return "/".join(parts)


def set_type(uow: UnitOfWork, settings: TypeSettings, ctx: Context | None = None) -> TypePolicy:
    """Create or update a type node, creating missing parents that inherit everything.

    Given who is working (``ctx``), a cashier needs a manager to change the catalogue."""
    path = clean_path(settings.path)
    settings = validate_type(TypeSettings(**{**settings.__dict__, "path": path}))
    if ctx is not None:
        require(ctx, Right.CATALOGUE)
    with uow:
        chain = ancestors(path)
        for parent_index, ancestor in enumerate(chain[:-1]):
            if uow.catalogue.type_settings(ancestor) is None:
                parent = chain[parent_index - 1] if parent_index else None
                uow.catalogue.save_type(TypeSettings(path=ancestor), _name(ancestor), parent)
        parent = chain[-2] if len(chain) > 1 else None
        products = [uow.catalogue.product_by_id(i) for i in uow.catalogue.product_ids_under(path)]
        uow.catalogue.save_type(settings, _name(path), parent)
        try:
            for product in products:
                _refuse_stranding(uow, product, uow.catalogue.policy(product.type_path).tracking)
        except DomainError:
            uow.catalogue.forget()  # the policies read under the refused settings
            raise
        return uow.catalogue.policy(path)


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def add_products(
    uow: UnitOfWork, products: Sequence[NewProduct], ctx: Context | None = None
) -> list[Product]:
    """Add products in one transaction: all of them or none (a manager's right, given
    ``ctx``)."""
    if ctx is not None:
        require(ctx, Right.CATALOGUE)
    with uow:
        return [_add(uow, product) for product in products]


def add_product(uow: UnitOfWork, product: NewProduct, ctx: Context | None = None) -> Product:
    """Add one product."""
    return add_products(uow, [product], ctx)[0]


def _add(uow: UnitOfWork, new: NewProduct) -> Product:
    sku, name = new.sku.strip(), new.name.strip()
    if not sku or len(sku) > 64 or any(ch.isspace() for ch in sku):
        raise InputError(
            _("The SKU “{sku}” is not valid: 1–64 characters, no spaces.").format(sku=new.sku)
        )
    if not name:
        raise InputError(_("Product {sku} needs a name.").format(sku=sku))
    if new.price < 0:
        raise InputError(_("The price of {sku} cannot be negative.").format(sku=sku))
    path = clean_path(new.type_path)
    if uow.catalogue.type_settings(path) is None:
        raise NotFound(
            _("There is no product type {path}: add it first with `till type add`.").format(
                path=path
            )
        )
    if uow.catalogue.product_by_code(sku) is not None:
        raise InputError(
            _("A product with the SKU or barcode {sku} already exists.").format(sku=sku)
        )
    barcodes = tuple(dict.fromkeys(code.strip() for code in new.barcodes if code.strip()))
    for code in barcodes:
        taken = uow.catalogue.product_by_code(code)
        if taken is not None:
            raise InputError(
                _("The barcode {barcode} already belongs to {product}.").format(
                    barcode=code, product=taken.label()
                )
            )
    product_id = uow.catalogue.add_product(sku, name, path, new.price, new.warranty, barcodes)
    return uow.catalogue.product_by_id(product_id)


def find_product(uow: UnitOfWork, code: str) -> Product | None:
    """A product by SKU or barcode (read-only)."""
    return uow.catalogue.product_by_code(code.strip())


def search_products(
    uow: UnitOfWork, text: str, limit: int = 50, *, inactive: bool = False
) -> list[Product]:
    """Products whose SKU or name contains the text (active ones unless ``inactive``)."""
    searched = limits.text(_("Search"), text, TextLimit.NAME, required=False)
    return uow.catalogue.search_products(searched, limit, inactive=inactive)


def type_tree(uow: UnitOfWork) -> list[tuple[TypeSettings, TypePolicy]]:
    """Every type node with what it sets itself and what it resolves to."""
    return [(node, uow.catalogue.policy(node.path)) for node in uow.catalogue.all_types()]


def change_product(uow: UnitOfWork, ctx: Context, cmd: ChangeProduct) -> ProductChanges:
    """Change a product: name, type, price (kept in its history), warranty, barcodes, active.

    A change of type that would change the tracking mode while units are in stock in a way
    they could not follow (strict units costed one by one, quantities without serial
    numbers) is refused, naming how many units are in the way. Needs the catalogue right."""
    require(ctx, Right.CATALOGUE)
    with uow:
        return _change(uow, ctx, cmd)


def _change(uow: UnitOfWork, ctx: Context, cmd: ChangeProduct) -> ProductChanges:
    product = uow.catalogue.product_by_code(cmd.code.strip())
    if product is None:
        raise NotFound(_("There is no product {code}.").format(code=cmd.code.strip()))
    new, changes = _changed_fields(uow, product, cmd)
    _refuse_stranding(uow, product, new.tracking)
    changes += _change_barcodes(uow, product, cmd)
    if new != product:
        uow.catalogue.update_product(new)
    if new.price != product.price:
        uow.catalogue.record_price(
            product.id, ctx.clock.now(), product.price, new.price, ctx.operator
        )
    return ProductChanges(product.sku, tuple(changes))


def _changed_fields(
    uow: UnitOfWork, product: Product, cmd: ChangeProduct
) -> tuple[Product, list[FieldChange]]:
    values: dict[str, object] = {}
    if cmd.name is not None and cmd.name.strip() != product.name:
        values["name"] = cmd.name.strip()
    if cmd.price is not None and cmd.price != product.price:
        values["price"] = cmd.price
    if cmd.type_path is not None and clean_path(cmd.type_path) != product.type_path:
        values["type_path"] = _existing_type(uow, clean_path(cmd.type_path))
        values["policy"] = uow.catalogue.policy(str(values["type_path"]))
    if cmd.warranty is not None:
        own = None if cmd.warranty.is_zero else cmd.warranty
        if own != product.own_warranty:
            values["own_warranty"] = own
    if cmd.active is not None and cmd.active != product.active:
        values["active"] = cmd.active
    new = replace(product, **values)  # type: ignore[arg-type]
    return new, [_field_change(name, product, new) for name in values if name != "policy"]


def _field_change(name: str, old: Product, new: Product) -> FieldChange:
    field = {"type_path": "type", "own_warranty": "warranty"}.get(name, name)
    return FieldChange(field, _shown(name, old), _shown(name, new))


def _shown(name: str, product: Product) -> str:
    """One field of a product as a change report shows it."""
    if name == "price":
        return format_money(product.price)
    if name == "type_path":
        return f"{product.type_path} ({product.tracking.value})"
    if name == "own_warranty":
        return product.own_warranty.describe() if product.own_warranty else "—"
    if name == "active":
        return "yes" if product.active else "no"
    return product.name


def _existing_type(uow: UnitOfWork, path: str) -> str:
    if uow.catalogue.type_settings(path) is None:
        raise NotFound(
            _("There is no product type {path}: add it first with `till type add`.").format(
                path=path
            )
        )
    return path


def _refuse_stranding(uow: UnitOfWork, product: Product, tracking: TrackingMode) -> None:
    if tracking is product.tracking:
        return
    found = stranding(
        product.tracking,
        tracking,
        uow.stock.on_hand(product.id),
        uow.catalogue.units_in_store(product.id),
    )
    if found is None:
        return
    count, why = found
    raise DomainError(
        _(
            "{product} cannot change from {old} to {new} tracking: {count} {why}. "
            "Sell, return or write them off first."
        ).format(
            product=product.label(),
            old=product.tracking.value,
            new=tracking.value,
            count=count,
            why=why,
        ),
        rule="tracking_would_strand_units",
    )


def _change_barcodes(uow: UnitOfWork, product: Product, cmd: ChangeProduct) -> list[FieldChange]:
    changes = []
    for code in dict.fromkeys(c.strip() for c in cmd.remove_barcodes):
        if code not in product.barcodes:
            raise InputError(
                _("{product} has no barcode {barcode}.").format(
                    product=product.label(), barcode=code
                )
            )
        uow.catalogue.remove_barcode(product.id, code)
        changes.append(FieldChange("barcode", code, "—"))
    for code in dict.fromkeys(c.strip() for c in cmd.add_barcodes):
        taken = uow.catalogue.product_by_code(code)
        if taken is not None and taken.id == product.id and code in taken.barcodes:
            continue
        if taken is not None:
            raise InputError(
                _("The barcode {barcode} already belongs to {product}.").format(
                    barcode=code, product=taken.label()
                )
            )
        uow.catalogue.add_barcode(product.id, code)
        changes.append(FieldChange("barcode", "—", code))
    return changes


def price_history(uow: UnitOfWork, code: str) -> tuple[Product, list[PriceChange]]:
    """A product and its price changes, oldest first."""
    product = uow.catalogue.product_by_code(code.strip())
    if product is None:
        raise NotFound(_("There is no product {code}.").format(code=code.strip()))
    return product, uow.catalogue.price_changes(product.id)
