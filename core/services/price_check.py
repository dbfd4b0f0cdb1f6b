"""A price check: what a scanned code is, at what price, how many are in stock — read only."""

from __future__ import annotations

from datetime import date

from core.domain.catalogue import Product, TrackingMode
from core.domain.errors import NotFound
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.queries import unit_summaries
from core.views import PriceCheck, UnitSummary


def price_check(uow: UnitOfWork, code: str, as_of: date, site: str | None = None) -> PriceCheck:
    """A product by barcode or SKU, else a unit by its serial number (with its state and
    warranty); NotFound when the code is neither. The quantity in stock is the one at
    ``site`` (the till's location), or at every location when None. Nothing is written."""
    text = code.strip()
    product = uow.catalogue.product_by_code(text) if text else None
    if product is not None:
        return _checked(uow, product, site)
    units = unit_summaries(uow, text, as_of) if text else []
    if units:
        found = uow.catalogue.product_by_code(units[0].sku)
        assert found is not None
        return _checked(uow, found, site, units[0])
    raise NotFound(
        _("Nothing has the code {code}: it is no barcode, SKU or serial number here.").format(
            code=text
        )
    )


def _checked(
    uow: UnitOfWork, product: Product, site: str | None, unit: UnitSummary | None = None
) -> PriceCheck:
    strict = product.tracking is TrackingMode.STRICT
    in_stock = (
        uow.catalogue.units_in_store(product.id, site)
        if strict
        else uow.stock.on_hand(product.id, site)
    )
    return PriceCheck(
        product.sku,
        product.name,
        product.price,
        product.tracking.value,
        in_stock,
        unit,
    )
