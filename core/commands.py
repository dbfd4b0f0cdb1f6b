"""What the front ends ask the core to do: one frozen dataclass per operation.

Each checks its values against the input limits when it is made, whichever front end makes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.domain import limits
from core.domain.day_summary import CashDirection
from core.domain.errors import InputError
from core.domain.kinds import DocumentKind
from core.domain.limits import TextLimit
from core.domain.warranty import WarrantyPeriod
from core.i18n import _


@dataclass(frozen=True)
class ReceiptLine:
    """One invoice line: a product (SKU or barcode), how many, at what unit cost."""

    code: str
    quantity: int
    unit_cost: int
    """Minor units (kopecks)."""
    serials: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        limits.text(_("Product code"), self.code, TextLimit.CODE, required=False)
        limits.quantity(_("Quantity of {code}").format(code=limits.shown(self.code)), self.quantity)
        limits.amount(_("Unit cost"), self.unit_cost)


@dataclass(frozen=True)
class ReceiveStock:
    """Take goods in from a supplier's invoice."""

    supplier: str
    lines: tuple[ReceiptLine, ...]
    invoice_number: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Supplier"), self.supplier, TextLimit.PARTY, required=False)
        limits.optional_text(_("Invoice number"), self.invoice_number, TextLimit.CODE)
        _check_day(self.on)


@dataclass(frozen=True)
class Item:
    """A unit or quantity of a product named by SKU or barcode, for sales and outgoings."""

    code: str
    serial: str | None = None
    quantity: int = 1
    price: int | None = None
    """A price override in minor units; the catalogue price when None."""

    def __post_init__(self) -> None:
        limits.text(_("Product code"), self.code, TextLimit.CODE, required=False)
        limits.quantity(_("Quantity of {code}").format(code=limits.shown(self.code)), self.quantity)
        if self.price is not None:
            limits.amount(_("Price"), self.price)


class Payment(StrEnum):
    """How a sale was paid."""

    CASH = "cash"
    CARD = "card"


@dataclass(frozen=True)
class RecordSale:
    """Sell items to a customer."""

    items: tuple[Item, ...]
    customer: str | None = None
    phone: str | None = None
    on: date | None = None
    payment: Payment = Payment.CASH
    tendered: int | None = None
    """Cash handed over, in minor units, to work out the change."""
    request_id: str | None = None
    """The front end's id for this sale: sent again after a crash, it posts nothing new."""

    def __post_init__(self) -> None:
        limits.optional_text(_("Customer"), self.customer, TextLimit.PARTY)
        limits.optional_text(_("Phone"), self.phone, TextLimit.PHONE)
        if self.tendered is not None:
            limits.amount(_("Cash handed over"), self.tendered)
        limits.optional_text(_("Request id"), self.request_id, TextLimit.CODE)
        _check_day(self.on)


@dataclass(frozen=True)
class ReturnUnit:
    """Take back a sold unit by its serial number."""

    serial: str
    code: str | None = None
    """The product, needed only when the serial number is known for several products."""
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.optional_text(_("Product code"), self.code, TextLimit.CODE)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class ReturnKit:
    """Take back a whole kit, named by the serial number of any of its components."""

    serial: str
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Serial number"), self.serial, TextLimit.CODE, required=False)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class AssembleKit:
    """Put one kit together in stock from its components' SNs, under its own SN."""

    code: str
    parts: tuple[str, ...]
    """The SNs of its tracked components, in any order."""
    serial: str | None = None
    """The kit's own SN as typed or scanned; generated from ``prefix`` when None."""
    prefix: str = "KIT-"
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Product code"), self.code, TextLimit.CODE, required=False)
        for part in self.parts:
            limits.text(_("Serial number"), part, TextLimit.CODE, required=False)
        limits.optional_text(_("Serial number"), self.serial, TextLimit.CODE)
        limits.text(_("Kit SN prefix"), self.prefix, TextLimit.CODE, required=False)
        _check_day(self.on)


@dataclass(frozen=True)
class DismantleKit:
    """Take an assembled kit in stock apart: its components go back on the shelf."""

    serial: str
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Serial number"), self.serial, TextLimit.CODE, required=False)
        _check_day(self.on)


@dataclass(frozen=True)
class ReturnQuantity:
    """Take back untracked goods against the sale that sold them."""

    sale_number: str
    code: str
    quantity: int
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Sale number"), self.sale_number, TextLimit.CODE, required=False)
        limits.text(_("Product code"), self.code, TextLimit.CODE, required=False)
        limits.quantity(_("Quantity of {code}").format(code=limits.shown(self.code)), self.quantity)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class ReturnToSupplier:
    """Send goods back to the supplier."""

    supplier: str
    items: tuple[Item, ...]
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Supplier"), self.supplier, TextLimit.PARTY, required=False)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class WriteOff:
    """Write goods off: damaged, lost, used in the shop."""

    reason: str
    items: tuple[Item, ...]
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Reason"), self.reason, TextLimit.REASON, required=False)
        _check_day(self.on)


@dataclass(frozen=True)
class MoveGoods:
    """Post a document of a simple movement kind: its items move from and to where the kind's
    declaration says (``till post KIND``)."""

    kind: DocumentKind
    items: tuple[Item, ...]
    party: str | None = None
    """Whom the goods go to or come from: the supplier of a supplier return."""
    reason: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.optional_text(_("Party"), self.party, TextLimit.PARTY)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class CorrectReceiptSerials:
    """Replace wrongly entered serial numbers of a posted receipt while still in stock."""

    receipt_number: str
    replacements: tuple[tuple[str, str], ...]
    """Pairs of (wrong serial, right serial)."""
    reason: str | None = None

    def __post_init__(self) -> None:
        limits.text(_("Receipt number"), self.receipt_number, TextLimit.CODE, required=False)
        limits.optional_text(_("Reason"), self.reason, TextLimit.REASON)


@dataclass(frozen=True)
class ChangeProduct:
    """Change a product of the catalogue; a field left None stays as it is."""

    code: str
    """The product's SKU or one of its barcodes."""
    name: str | None = None
    price: int | None = None
    """The new price in minor units; sales already posted keep the price on their lines."""
    type_path: str | None = None
    warranty: WarrantyPeriod | None = None
    """The product's own warranty; a zero period clears it (the type's applies again)."""
    add_barcodes: tuple[str, ...] = ()
    remove_barcodes: tuple[str, ...] = ()
    active: bool | None = None

    def __post_init__(self) -> None:
        limits.text(_("Product code"), self.code, TextLimit.CODE)
        if self.name is not None:
            limits.text(_("Product name"), self.name, TextLimit.NAME)
        if self.price is not None:
            limits.amount(_("Price"), self.price)
        if self.type_path is not None:
            limits.text(_("Product type"), self.type_path, TextLimit.PATH)
        for code in (*self.add_barcodes, *self.remove_barcodes):
            limits.text(_("Barcode"), code, TextLimit.CODE)


@dataclass(frozen=True)
class MoveCash:
    """Pay cash into the till's drawer or out of it, saying why."""

    direction: CashDirection
    amount: int
    """Minor units, more than zero."""
    reason: str

    def __post_init__(self) -> None:
        limits.amount(_("Amount"), self.amount)
        if self.amount == 0:
            raise InputError(_("An amount of cash paid in or out must be more than 0."))
        limits.text(_("Reason"), self.reason, TextLimit.REASON)


def _check_day(on: date | None) -> None:
    """A document date, when one is given, within the years the till accepts."""
    if on is not None:
        limits.day(_("Date"), on)


@dataclass(frozen=True)
class SendTransfer:
    """Send goods from this till's location to another (a transfer, ``TR``)."""

    to_site: str
    items: tuple[Item, ...]
    note: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Location"), self.to_site, TextLimit.CODE, required=False)
        limits.optional_text(_("Note"), self.note, TextLimit.REASON)
        _check_day(self.on)


@dataclass(frozen=True)
class ReceiveTransfer:
    """Confirm what of a transfer arrived at this till's location (an arrival, ``TA``)."""

    transfer: str
    """The transfer's number: ``TR-000001``."""
    scanned: tuple[str, ...] = ()
    """The serial numbers scanned off the goods that came."""
    counted: tuple[tuple[str, int], ...] = ()
    """Goods without serial numbers counted: (SKU or barcode, how many)."""
    missing: str = "ask"
    """What became of what was sent but not scanned (``core.domain.transfers.Missing``)."""
    note: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        limits.text(_("Transfer number"), self.transfer, TextLimit.CODE, required=False)
        for code in self.scanned:
            limits.text(_("Serial number"), code, TextLimit.CODE, required=False)
        for code, quantity in self.counted:
            limits.text(_("Product code"), code, TextLimit.CODE, required=False)
            limits.quantity(_("Quantity of {code}").format(code=limits.shown(code)), quantity)
        limits.optional_text(_("Note"), self.note, TextLimit.REASON)
        _check_day(self.on)
