"""Report rows and filters: plain values the screens and the CLI present."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from core.domain.movements import UnitState

T = TypeVar("T")


PAGE_SIZE = 50
"""Rows a report page holds: few enough for a weak till to draw at once."""


@dataclass(frozen=True)
class StockFilter:
    """Which units in stock to list."""

    type_path: str | None = None
    search: str | None = None
    """A substring of the serial number, SKU or product name."""
    product_code: str | None = None
    site: str | None = None
    """One location's stock; None: every location's."""


@dataclass(frozen=True)
class StockRow:
    """One tracked unit in stock."""

    id: int
    serial: str
    sku: str
    name: str
    type_path: str
    cost: int
    received_on: date | None
    received_doc: str | None
    supplier: str | None
    site: str = "main"


@dataclass(frozen=True)
class WarrantyFilter:
    """Which sold units to list."""

    as_of: date
    type_path: str | None = None
    product_code: str | None = None
    customer: str | None = None
    phone: str | None = None
    sold_from: date | None = None
    sold_to: date | None = None
    active: bool | None = None
    """True: active warranties only; False: expired only; None: all."""
    site: str | None = None
    """Units sold at one location; None: at every location."""
    till: str | None = None
    """Units sold by one till; None: by every till."""


@dataclass(frozen=True)
class WarrantyRow:
    """One sold unit and its warranty."""

    id: int
    serial: str
    sku: str
    name: str
    sold_on: date | None
    sale_doc: str | None
    customer: str | None
    phone: str | None
    price: int | None
    warranty_end: date | None
    days_left: int | None
    active: bool


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a report and the cursor that fetches the next one."""

    rows: tuple[T, ...]
    next_cursor: tuple[object, ...] | None


@dataclass(frozen=True)
class HistoryEvent:
    """One step in a unit's life."""

    at: datetime
    on: date
    kind: str
    """received, sold, returned, returned_to_supplier, written_off, corrected_in, corrected_out…"""
    document: str
    party: str | None
    cost: int
    price: int | None
    detail: str | None
    till: str
    operator: str
    site: str = "main"
    """The shop location where it happened."""


@dataclass(frozen=True)
class SerialHistory:
    """A unit's whole life: where it is now and every movement that brought it there."""

    serial: str
    sku: str
    name: str
    state: UnitState
    warranty_end: date | None
    days_left: int | None
    warranty_active: bool
    events: tuple[HistoryEvent, ...]
    replaced_by: str | None = None
    """The SN of the unit that replaced this one under warranty."""
    replaces: str | None = None
    """The SN of the unit this one replaced."""
    chain: tuple[str, ...] = ()
    """The whole replacement lineage, first unit first, when there is one."""
    identifiers: tuple[tuple[str, str], ...] = ()
    """The unit's identifiers as (label, code), primary first, when its type declares them."""
    site: str = "main"
    """The shop location it is at now (or was last, when it left the shop)."""

    @property
    def several_sites(self) -> bool:
        """The unit has been at a location other than the main one: say where at each step."""
        return self.site != "main" or any(event.site != "main" for event in self.events)


@dataclass(frozen=True)
class QuantityRow:
    """One product's goods on the shelves: untracked and soft ones by quantity at FIFO cost,
    strict ones by their count of units at each unit's own cost."""

    sku: str
    name: str
    type_path: str
    tracking: str
    quantity: int
    cost_value: int
    """What the goods cost (FIFO layers left, or the strict units' own costs), minor units."""
    price: int
    price_value: int
    """Quantity times today's price, minor units."""


@dataclass(frozen=True)
class QuantityTotal:
    """The goods of a product type and its sub-types together (the whole shop when the path
    is empty)."""

    type_path: str
    products: int
    quantity: int
    cost_value: int
    price_value: int


@dataclass(frozen=True)
class QuantityReport:
    """Every product with goods in stock, totals per type node and for the shop."""

    rows: tuple[QuantityRow, ...]
    types: tuple[QuantityTotal, ...]
    total: QuantityTotal


@dataclass(frozen=True)
class DocumentFilter:
    """Which posted documents the journal lists; every field left None matches all."""

    kind: str | None = None
    """A document kind's stored name: ``sale``, ``customer_return``, ``receipt``…"""
    date_from: date | None = None
    date_to: date | None = None
    customer: str | None = None
    """A part of the customer's or supplier's name, any case."""
    phone: str | None = None
    """The customer's phone as it was recorded."""
    serials: tuple[str, ...] = ()
    """Documents that moved a unit with one of these serial numbers (its spellings)."""
    till: str | None = None
    site: str | None = None
    """Documents posted at one location."""


@dataclass(frozen=True)
class DocumentListRow:
    """One posted document as the journal lists it."""

    id: int
    number: str
    kind: str
    on: date
    created_at: datetime
    party: str | None
    phone: str | None
    total: int
    payment: str | None
    till: str
    operator: str
    site: str = "main"
