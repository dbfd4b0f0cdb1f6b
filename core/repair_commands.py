"""What the front ends ask of repair service: frozen commands, each checking its values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.commands import Payment
from core.domain import limits
from core.domain.limits import TextLimit
from core.domain.repairs import RepairStatus
from core.i18n import _


@dataclass(frozen=True)
class AcceptRepair:
    """Take a unit in for repair by its serial number."""

    serial: str
    complaint: str
    code: str | None = None
    """The product, when the SN is known for several, or what an unknown device is."""
    customer: str | None = None
    phone: str | None = None
    accessories: str | None = None
    """What came with the unit: box, charger, cable…"""
    condition: str | None = None
    """Visible condition: scratches, a cracked screen…"""
    device: str | None = None
    """What a device the shop never sold is."""
    paid: bool = False
    """A paid repair even though the warranty runs (an override: needs a reason)."""
    warranty: bool = False
    """Under warranty even though the ledger says otherwise (an override: needs a reason)."""
    reason: str | None = None
    estimate: int | None = None
    technician: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Serial number"), self.serial, TextLimit.CODE)
        limits.text(_("Complaint"), self.complaint, TextLimit.REASON)
        limits.optional_text(_("Product code"), self.code, TextLimit.CODE)
        limits.optional_text(_("Customer"), self.customer, TextLimit.PARTY)
        limits.optional_text(_("Phone"), self.phone, TextLimit.PHONE)
        limits.optional_text(_("Accessories"), self.accessories, TextLimit.REASON)
        limits.optional_text(_("Condition"), self.condition, TextLimit.REASON)
        limits.optional_text(_("Device"), self.device, TextLimit.NAME)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        limits.optional_text(_("Technician"), self.technician, TextLimit.PARTY)
        if self.estimate is not None:
            limits.amount(_("Estimate"), self.estimate)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class ChangeStatus:
    """Move an order to another status."""

    order: str
    status: RepairStatus
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class AddPart:
    """Write a part off from stock on an order: by SN when tracked, else by quantity."""

    order: str
    code: str
    serial: str | None = None
    quantity: int = 1
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        limits.text(_("Product code"), self.code, TextLimit.CODE)
        limits.optional_text(_("Serial number"), self.serial, TextLimit.CODE)
        limits.quantity(_("Quantity"), self.quantity)


@dataclass(frozen=True)
class AddLabour:
    """A line of labour on an order, with its price."""

    order: str
    text: str
    price: int

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        limits.text(_("Labour"), self.text, TextLimit.REASON)
        limits.amount(_("Price"), self.price)


@dataclass(frozen=True)
class ReplaceUnit:
    """Give the customer another unit from stock in place of one under warranty."""

    order: str
    serial: str
    code: str | None = None
    """Another product than the one replaced."""
    fresh_warranty: bool = False
    """A new warranty period from today instead of the original end (needs a reason)."""
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        limits.text(_("Serial number"), self.serial, TextLimit.CODE)
        limits.optional_text(_("Product code"), self.code, TextLimit.CODE)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class HandBack:
    """Give the unit back to the customer, taking payment for a paid repair."""

    order: str
    payment: Payment = Payment.CASH
    tendered: int | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        if self.tendered is not None:
            limits.amount(_("Cash handed over"), self.tendered)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class SendToSupplier:
    """Send units in repair to their supplier for a warranty decision (an RMA)."""

    supplier: str
    serials: tuple[str, ...]
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Supplier"), self.supplier, TextLimit.PARTY)
        for serial in self.serials:
            limits.text(_("Serial number"), serial, TextLimit.CODE)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class AnswerRma:
    """The supplier's answer for one unit: repaired, credited, or replaced by a new SN."""

    rma: str
    serial: str
    answer: str
    """``repaired``, ``credited`` or ``replaced``."""
    new_serial: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("RMA"), self.rma, TextLimit.CODE)
        limits.text(_("Serial number"), self.serial, TextLimit.CODE)
        limits.optional_text(_("Serial number"), self.new_serial, TextLimit.CODE)
        if self.on is not None:
            limits.day(_("Date"), self.on)


@dataclass(frozen=True)
class WriteOffUnit:
    """Write off the unit an order left in repair (a manager's action, with a reason)."""

    order: str
    reason: str
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Order"), self.order, TextLimit.CODE)
        limits.text(_("Reason"), self.reason, TextLimit.REASON)
        if self.on is not None:
            limits.day(_("Date"), self.on)
