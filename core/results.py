"""What the services give back: plain frozen values, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.domain.movements import DocumentKind
from core.domain.tracking import Discrepancy


@dataclass(frozen=True)
class PostedLine:
    """A line of a posted document."""

    sku: str
    name: str
    quantity: int
    unit_amount: int
    """Unit price on sales and returns, unit cost on receipts (minor units)."""
    serials: tuple[str, ...] = ()
    warranty_end: date | None = None
    warranty: str | None = None
    """The warranty period as words, such as ``12 months``."""

    @property
    def total(self) -> int:
        """Quantity times unit amount."""
        return self.quantity * self.unit_amount


@dataclass(frozen=True)
class Posted:
    """A document that was posted whole."""

    number: str
    kind: DocumentKind
    on: date
    lines: tuple[PostedLine, ...]
    total: int
    warnings: tuple[Discrepancy, ...] = ()
    party: str | None = None
    phone: str | None = None
    ref_number: str | None = None
    payment: str | None = None
    tendered: int | None = None
    repeated: bool = False
    """True when the request that asked for it had posted it before: nothing new was written."""

    @property
    def change(self) -> int | None:
        """Change to give back for a cash payment."""
        return None if self.tendered is None else self.tendered - self.total


@dataclass(frozen=True)
class FieldChange:
    """One value of a record changed: its field, the old and the new value as text."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ProductChanges:
    """A product as it is after a change, and what changed (nothing when it was the same)."""

    sku: str
    changes: tuple[FieldChange, ...]
    added: bool = False
    """True when the product was new (an import that adds as it updates)."""
