"""The product-type tree and the products: adding, changing and reading them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.domain import limits
from core.domain.catalogue import (
    Product,
    TypePolicy,
    TypeSettings,
    validate_type,
)
from core.domain.errors import InputError, NotFound
from core.domain.limits import TextLimit
from core.domain.permissions import Right
from core.domain.warranty import WarrantyPeriod
from core.i18n import _
from core.persistence.catalogue_repo import ancestors
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services.authority import require


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
        uow.catalogue.save_type(settings, _name(path), parent)
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


def search_products(uow: UnitOfWork, text: str, limit: int = 50) -> list[Product]:
    """Products whose SKU or name contains the text."""
    return uow.catalogue.search_products(text.strip(), limit)


def type_tree(uow: UnitOfWork) -> list[tuple[TypeSettings, TypePolicy]]:
    """Every type node with what it sets itself and what it resolves to."""
    return [(node, uow.catalogue.policy(node.path)) for node in uow.catalogue.all_types()]
