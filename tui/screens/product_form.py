"""A product as the manager types it: the form's fields, read back into a command."""

from __future__ import annotations

from collections.abc import Callable

from core.commands import ChangeProduct
from core.domain.catalogue import Product
from core.domain.errors import InputError
from core.domain.money import format_money, parse_money
from core.domain.warranty import WarrantyPeriod
from tui.dialogs.form import Answer, Field
from tui.i18n import N_, _
from tui.screens.type_form import parse_warranty, parse_yes_no, warranty_text, yes_no

HINT = N_(
    "Price like 1299.50. Warranty: 12m or 14d, empty for the type's, 0m for none of its own. "
    "Active: yes or no."
)


def edit_fields(product: Product) -> list[Field]:
    """The form of an existing product, with what its type gives beside."""
    own = warranty_text(product.own_warranty) if product.own_warranty else ""
    return [
        Field("name", _("Name"), product.name),
        Field("price", _("Price"), format_money(product.price)),
        Field(
            "type",
            _("Type"),
            product.type_path,
            _("tracking: {mode}").format(mode=product.tracking.value),
        ),
        Field(
            "warranty",
            _("Warranty"),
            own,
            _("type: {period}").format(period=warranty_text(product.policy.warranty)),
        ),
        Field("add_barcode", _("Add barcode"), "", " ".join(product.barcodes)),
        Field("remove_barcode", _("Remove barcode"), ""),
        Field("active", _("Active"), yes_no(product.active)),
    ]


def new_fields() -> list[Field]:
    """The form of a new product."""
    return [
        Field("sku", _("SKU")),
        Field("name", _("Name")),
        Field("type", _("Type"), placeholder="Electronics/Phones"),
        Field("price", _("Price")),
        Field("barcode", _("Barcode")),
        Field("warranty", _("Warranty"), placeholder=_("the type's")),
    ]


def change(product: Product, answer: Answer) -> ChangeProduct:
    """The change the form asks for (unchanged fields change nothing)."""
    warranty = parse_warranty(answer["warranty"])
    return ChangeProduct(
        code=product.sku,
        name=answer["name"],
        price=parse_money(answer["price"]),
        type_path=answer["type"],
        warranty=warranty if warranty is not None else WarrantyPeriod(),
        add_barcodes=tuple(answer["add_barcode"].split()),
        remove_barcodes=tuple(answer["remove_barcode"].split()),
        active=parse_yes_no(answer["active"]),
    )


def problem(make: Callable[[], object]) -> str | None:
    """What is wrong with a form's answer, or None."""
    try:
        make()
    except InputError as error:
        return error.message
    return None
