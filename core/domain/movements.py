"""The ledger's record: one movement of goods, and the document that made it.

Where goods sit (``Location``), a unit's state (``UnitState``) and the kinds of document
(``DocumentKind``) are declared in ``core.domain.units`` and ``core.domain.kinds``; they are
named here too, as the ledger's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.domain.kinds import DocumentKind
from core.domain.sites import MAIN_SITE
from core.domain.units import Location, UnitState

__all__ = ["DocumentKind", "DocumentRef", "Location", "Movement", "UnitState"]


@dataclass(frozen=True)
class DocumentRef:
    """What a movement needs to know of the document that made it."""

    id: int
    number: str
    kind: DocumentKind
    date: date
    party: str | None = None
    """The supplier of a receipt, the customer of a sale."""
    phone: str | None = None


@dataclass(frozen=True)
class Movement:
    """One immutable line of the ledger: a quantity, or one serial unit, changing place."""

    kind: DocumentKind
    product_id: int
    quantity: int
    from_location: Location
    to_location: Location
    document: DocumentRef
    at: datetime
    serial: str | None = None
    unit_cost: int = 0
    """Cost of one unit in minor units (kopecks)."""
    unit_price: int | None = None
    """Selling price of one unit in minor units, on sales and returns."""
    layer_id: int | None = None
    """The receipt line (FIFO cost layer) this quantity came from or goes back to."""
    line_id: int | None = None
    warranty_end: date | None = None
    note: str | None = None
    origin: DocumentRef | None = None
    """The earlier document whose record a correction fixes (its receipt or its sale)."""
    id: int | None = None
    site: str = MAIN_SITE
    """The shop location where it happened (``core.domain.sites``): a transfer's dispatch at
    the sending location, its arrival at the receiving one."""
