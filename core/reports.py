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
    identifiers: tuple[tuple[str, str], ...] = ()
    """The unit's identifiers as (label, code), primary first, when its type declares them."""
