"""The ledger's vocabulary: locations, movement kinds, unit states and the movement record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Location(StrEnum):
    """An account a unit or a quantity can sit in; every movement goes from one to another."""

    SUPPLIER = "supplier"
    """Outside the shop, on the supplier's side: before receipt and after a supplier return."""
    STORE = "store"
    """On the shop's shelves: in stock and sellable."""
    CUSTOMER = "customer"
    """Sold and with a customer."""
    WRITTEN_OFF = "written_off"
    """Written off: damaged, lost or short in a count."""
    REPAIR = "repair"
    """Away for repair or warranty service."""
    VOID = "void"
    """A serial number that was recorded by mistake and corrected away."""


class UnitState(StrEnum):
    """Where a serial unit is now, as the reports name it."""

    IN_STOCK = "in_stock"
    SOLD = "sold"
    RETURNED_TO_SUPPLIER = "returned_to_supplier"
    WRITTEN_OFF = "written_off"
    IN_REPAIR = "in_repair"
    CORRECTED = "corrected"


STATE_AT: dict[Location, UnitState] = {
    Location.STORE: UnitState.IN_STOCK,
    Location.CUSTOMER: UnitState.SOLD,
    Location.SUPPLIER: UnitState.RETURNED_TO_SUPPLIER,
    Location.WRITTEN_OFF: UnitState.WRITTEN_OFF,
    Location.REPAIR: UnitState.IN_REPAIR,
    Location.VOID: UnitState.CORRECTED,
}


class DocumentKind(StrEnum):
    """The kinds of document that move goods, each with its number prefix."""

    RECEIPT = "receipt"
    SALE = "sale"
    CUSTOMER_RETURN = "customer_return"
    SUPPLIER_RETURN = "supplier_return"
    WRITE_OFF = "write_off"
    CORRECTION = "correction"
    COUNT = "count"

    @property
    def prefix(self) -> str:
        """The letters that start this kind's document numbers."""
        return _PREFIX[self]


_PREFIX = {
    DocumentKind.RECEIPT: "RC",
    DocumentKind.SALE: "SL",
    DocumentKind.CUSTOMER_RETURN: "RT",
    DocumentKind.SUPPLIER_RETURN: "SR",
    DocumentKind.WRITE_OFF: "WO",
    DocumentKind.CORRECTION: "CO",
    DocumentKind.COUNT: "CT",
}


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
