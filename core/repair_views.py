"""The read side of repairs: orders, their status changes, parts and labour, replacement
lineage and units at suppliers, as plain frozen values for the front ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.domain.repairs import Charges, Offer, RepairStatus


@dataclass(frozen=True)
class OrderRow:
    """A repair order's header as stored."""

    id: int
    document_id: int
    number: str
    serial: str
    product_id: int | None
    unit_serial: str | None
    unit_product_id: int | None
    device: str | None
    sold_by_us: bool
    customer: str | None
    phone: str | None
    complaint: str
    accessories: str | None
    condition: str | None
    warranty: bool
    warranty_end: date | None
    override_reason: str | None
    estimate: int | None
    technician: str | None
    status: RepairStatus
    status_reason: str | None
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True)
class StatusChange:
    """One dated status change of an order, with who made it."""

    status: RepairStatus
    reason: str | None
    on: date
    at: datetime
    till: str
    operator: str


@dataclass(frozen=True)
class OrderLine:
    """A part or a labour line of an order."""

    kind: str
    """``part`` or ``labour``."""
    sku: str | None
    name: str | None
    serial: str | None
    quantity: int
    text: str | None
    price: int
    cost: int
    document: str | None


@dataclass(frozen=True)
class SerialLinkRow:
    """One unit replaced by another."""

    old_sku: str
    old_serial: str
    new_sku: str
    new_serial: str
    order: str | None
    document: str
    on: date
    fresh_warranty: bool
    reason: str | None


@dataclass(frozen=True)
class OrderView:
    """A repair order as its screen and `till repair show` present it."""

    order: OrderRow
    sku: str | None
    name: str | None
    events: tuple[StatusChange, ...]
    lines: tuple[OrderLine, ...]
    charges: Charges
    links: tuple[SerialLinkRow, ...]
    overdue: bool


@dataclass(frozen=True)
class IntakeFacts:
    """What the till knows of a scanned SN before anything is typed at intake."""

    serial: str
    known: bool
    """The ledger has the SN (for some product)."""
    sku: str | None
    name: str | None
    state: str | None
    sold_by_us: bool
    sale_doc: str | None
    sold_on: date | None
    customer: str | None
    phone: str | None
    days_since_sale: int | None
    warranty_end: date | None
    warranty_days_left: int | None
    warranty_active: bool
    repairs: int
    """Orders of this SN and of the units in its lineage, before now."""
    last_complaint: str | None
    open_order: str | None
    offers: tuple[Offer, ...]
    return_window_days: int
    kit_sku: str | None = None
    """The kit the unit was sold in on its sale (a component of a kit), if it was."""
    kit_name: str | None = None
    kit_serial: str | None = None
    """The kit's own SN when it was sold as an assembled kit."""


@dataclass(frozen=True)
class RepairAccepted:
    """An order taken in."""

    order: str
    serial: str
    sku: str | None
    warranty: bool
    warranty_end: date | None
    days_left: int | None
    sold_by_us: bool


@dataclass(frozen=True)
class HandedBack:
    """An order closed by handing the unit back (and taking payment for a paid repair)."""

    order: str
    document: str
    serial: str
    total: int
    payment: str | None
    tendered: int | None
    warranty_end: date | None

    @property
    def change(self) -> int | None:
        """Change to give back for cash."""
        return None if self.tendered is None else self.tendered - self.total


@dataclass(frozen=True)
class RmaRow:
    """A unit sent to a supplier, with the supplier's answer once it came."""

    rma: str
    supplier: str | None
    sku: str
    serial: str
    order: str | None
    sent_on: date
    answer: str | None
    answered_on: date | None
    new_serial: str | None
    days_waited: int


@dataclass(frozen=True)
class OpenOrderRow:
    """One line of the open-orders report."""

    order: str
    serial: str
    sku: str | None
    customer: str | None
    status: RepairStatus
    opened_on: date
    age_days: int
    overdue: bool
    warranty: bool


@dataclass(frozen=True)
class WarrantyCostRow:
    """Warranty repair cost of one product or one supplier."""

    key: str
    """The product's SKU or the supplier's name."""
    name: str | None
    orders: int
    parts_cost: int
    labour: int

    @property
    def total(self) -> int:
        """Parts at cost and labour."""
        return self.parts_cost + self.labour


@dataclass(frozen=True)
class RepeatRow:
    """A SN, or a product, repaired more than once."""

    key: str
    sku: str | None
    orders: int
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class ServiceSettings:
    """The shop's service settings: return window, repair term, warranty extension."""

    return_window_days: int = 14
    """Days after a sale inside which a unit may be refunded or exchanged."""
    repair_term_days: int = 14
    """Days after which an open repair order shows as overdue."""
    extend_warranty: bool = False
    """Extend a unit's warranty by the days it spent in warranty repair."""
