"""The read side's values: documents, units, count sheets and settings as the front ends show
them.

Plain frozen dataclasses that the services and repositories return; screens and widgets
import them from here, never from a service or a repository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.domain.chain import ChainProblem
from core.domain.counting import ProductBalance, ScanKind
from core.domain.movements import DocumentRef
from core.domain.tracking import Discrepancy
from core.printing import PrintMode


@dataclass(frozen=True)
class PriceChange:
    """A product's price changed at a moment by someone, from one price to another."""

    at: datetime
    old_price: int
    price: int
    operator: str


@dataclass(frozen=True)
class DocumentRow:
    """A document header as stored."""

    ref: DocumentRef
    created_at: datetime
    external_number: str | None
    reason: str | None
    ref_number: str | None
    payment: str | None
    total: int
    till: str
    operator: str
    site: str = "main"
    """The location it was posted at."""
    to_site: str | None = None
    """A transfer's receiving location."""


@dataclass(frozen=True)
class LineRow:
    """A document line as stored, with its product's SKU and name."""

    id: int
    position: int
    product_id: int
    sku: str
    name: str
    quantity: int
    unit_amount: int
    cost: int


@dataclass(frozen=True)
class KitPart:
    """The units of one component a kit line moved: its product, how many, their SNs."""

    sku: str
    name: str
    quantity: int
    serials: tuple[str, ...]
    warranty_end: date | None = None


@dataclass(frozen=True)
class DocumentView:
    """A posted document with its lines, the serial numbers on each, and its warnings."""

    header: DocumentRow
    lines: tuple[tuple[LineRow, tuple[str, ...]], ...]
    warnings: tuple[Discrepancy, ...]


@dataclass(frozen=True)
class UnitSummary:
    """One unit as a screen shows it before acting on it: product, sale and warranty."""

    serial: str
    sku: str
    name: str
    tracking: str
    state: str
    cost: int
    received_doc: str | None
    received_on: date | None
    supplier: str | None
    sale_doc: str | None
    sold_on: date | None
    customer: str | None
    phone: str | None
    price: int | None
    days_since_sale: int | None
    warranty_end: date | None
    warranty_days_left: int | None
    warranty_active: bool


@dataclass(frozen=True)
class PriceCheck:
    """What a price check shows for a scanned code: the product, its price and stock, and for
    a serial number the unit's state and warranty."""

    sku: str
    name: str
    price: int
    tracking: str
    in_stock: int
    """Units on the shelves: serial units for strict tracking, else the quantity on hand."""
    unit: UnitSummary | None = None


@dataclass(frozen=True)
class ProductCount:
    """One product's line on the sheet."""

    sku: str
    name: str
    tracking: str
    balance: ProductBalance
    surplus: tuple[str, ...]
    shortage: tuple[str, ...]
    replaceable: bool
    """True when a surplus/shortage pair can be resolved by correcting a document."""


@dataclass(frozen=True)
class SheetView:
    """A sheet with everything a counter needs to see."""

    number: str
    scope: str
    status: str
    products: tuple[ProductCount, ...]
    duplicates: tuple[str, ...]
    unknown: tuple[str, ...]
    outside: tuple[str, ...]
    product_barcodes: tuple[str, ...]
    replacements: tuple[tuple[str, str, str], ...]
    """(surplus SN, shortage SN, correction document)."""
    in_repair: tuple[str, ...] = ()
    """Units away for repair that were scanned: present, but not stock."""

    @property
    def total_surplus(self) -> int:
        """Units found but not expected, over all products."""
        return sum(len(p.surplus) for p in self.products)

    @property
    def total_shortage(self) -> int:
        """Units expected but not found, over all products."""
        return sum(len(p.shortage) for p in self.products)


@dataclass(frozen=True)
class OpenSheet:
    """A count sheet still open, as a list to pick from shows it."""

    number: str
    scope: str
    opened_on: date
    operator: str


@dataclass(frozen=True)
class ScanResult:
    """What one scan was classified as."""

    code: str
    kind: ScanKind
    serial: str | None = None
    sku: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class CountScope:
    """What a sheet covers: the whole stock, one product type, or chosen products."""

    type_path: str | None = None
    product_codes: tuple[str, ...] = ()

    def describe(self) -> str:
        """``all``, ``type:Phones`` or ``products:A,B``."""
        if self.product_codes:
            return "products:" + ",".join(self.product_codes)
        return f"type:{self.type_path}" if self.type_path else "all"


@dataclass(frozen=True)
class ShopSettings:
    """Settings of the sale screen and of printing after a sale."""

    loop_scan: bool
    """Keep asking for the next SN of the same product after each one."""
    receipts: PrintMode
    """Print the sale receipt automatically, offer it, or never."""
    warranty_cards: PrintMode
    """Print warranty cards automatically, offer them, or never."""


@dataclass(frozen=True)
class Hold:
    """A unit held by a till's open sale: who holds it, since when, until when."""

    id: int
    sku: str
    serial: str
    till: str
    operator: str
    since: datetime
    expires: datetime
    request: str
    """The open sale's request id."""

    def expired(self, now: datetime) -> bool:
        """True once the hold has run out (its till died or was cut off)."""
        return self.expires <= now


@dataclass(frozen=True)
class CardCheck:
    """A warranty card's QR code checked against the shop's key and the ledger."""

    genuine: bool
    """The shop's key signed exactly what the card states."""
    current: bool
    """Genuine, and the records still say the unit is with the customer from that sale."""
    message: str
    """One line for the cashier or the command line."""
    serial: str | None = None
    sale: str | None = None
    sold_on: date | None = None
    card_warranty_end: date | None = None
    """The warranty end printed on the card."""
    warranty_end: date | None = None
    """The warranty end the records hold now (None once the unit is no longer the customer's)."""
    state: str | None = None
    """The unit's state now (``UnitState`` value), when the records know it."""
    event: str | None = None
    """What happened to the unit after that sale, first (a history event code), if anything."""
    event_document: str | None = None
    event_on: date | None = None


@dataclass(frozen=True)
class ChainReport:
    """The tamper-evident chain walked: its head and where the stored rows disagree with it."""

    links: int
    """Links checked."""
    head_seq: int
    head_hash: str
    """The last link's hash: written down or printed, it anchors everything before it."""
    problems: tuple[ChainProblem, ...]
    """In chain order; rows no link covers (inserted) last, by table and id."""
    messages: tuple[str, ...]
    """One line per problem, in the chosen language."""

    @property
    def ok(self) -> bool:
        """True when every row matches its link and every row is linked."""
        return not self.problems


@dataclass(frozen=True)
class JournalRow:
    """One entry of the action journal."""

    id: int
    at: datetime
    kind: str
    """sign_in, sign_in_failed, locked, sign_out, approval, refusal, void_line, price_override,
    settings, card_reprint, user_added, user_changed…"""
    user: str
    approver: str | None
    till: str
    document: str | None
    detail: str | None


@dataclass(frozen=True)
class UserRow:
    """A till user as the user list shows them (never the PIN's hash)."""

    name: str
    role: str
    active: bool
    locked_until: datetime | None
