"""A supplier's invoice being typed in: its lines as values, and the drafts that check its SNs.

The goods-in draft finds the product a scan names and posts the receipt; the serial numbers
of one line are collected by ``LineSerials``, each checked as it comes on a rehearsal of the
receipt (a duplicate in the invoice or a unit already in stock is refused at once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.commands import ReceiptLine, ReceiveStock
from core.domain.catalogue import Product
from core.domain.errors import NotFound
from core.domain.identifiers import SEPARATOR, join_unit
from core.drafts.entry import Scan
from core.drafts.steps import EndedSerials, Refused, refusing
from core.i18n import _
from core.ports import Ledger
from core.results import Posted
from core.services import catalogue, receiving


@dataclass(frozen=True)
class DraftLine:
    """One line of an invoice being typed in."""

    sku: str
    name: str
    tracking: str
    """``none``, ``soft`` or ``strict``."""
    quantity: int
    unit_cost: int
    serials: tuple[str, ...] = ()
    """One text per unit; ``IMEI1|IMEI2|SN`` when the product's units carry several."""
    identifiers: tuple[str, ...] = ()
    """How each identifier a unit carries is named (``IMEI 1``, ``IMEI 2``, ``SN``), if any."""

    @property
    def tracked(self) -> bool:
        """True when the product's serial numbers are asked for."""
        return self.tracking != "none"

    @property
    def total(self) -> int:
        """Quantity times unit cost."""
        return self.quantity * self.unit_cost

    def receipt_line(self) -> ReceiptLine:
        """The line as the receipt command names it."""
        return ReceiptLine(self.sku, self.quantity, self.unit_cost, self.serials)


@dataclass(frozen=True)
class ReceiptDraft:
    """A supplier's invoice being typed in: header and lines, serial numbers per line."""

    supplier: str = ""
    number: str = ""
    lines: tuple[DraftLine, ...] = ()

    @property
    def total(self) -> int:
        """The invoice total at cost."""
        return sum(line.total for line in self.lines)

    @property
    def units(self) -> int:
        """How many units the invoice brings in."""
        return sum(line.quantity for line in self.lines)

    def add(self, line: DraftLine) -> ReceiptDraft:
        """The draft with one more line."""
        return replace(self, lines=(*self.lines, line))

    def remove(self, index: int) -> ReceiptDraft:
        """The draft without one line."""
        return replace(self, lines=self.lines[:index] + self.lines[index + 1 :])

    def with_serials(self, index: int, serials: Sequence[str]) -> ReceiptDraft:
        """The draft with a line's serial numbers replaced."""
        lines = list(self.lines)
        lines[index] = replace(lines[index], serials=tuple(serials))
        return replace(self, lines=tuple(lines))

    def with_header(self, supplier: str, number: str) -> ReceiptDraft:
        """The draft with the supplier and the invoice number."""
        return replace(self, supplier=supplier.strip(), number=number.strip())

    def command(self) -> ReceiveStock:
        """The command that posts this invoice."""
        lines = tuple(line.receipt_line() for line in self.lines)
        return ReceiveStock(self.supplier, lines, self.number or None)

    def serial_check(self, index: int, serials: Sequence[str]) -> ReceiveStock:
        """A receipt to rehearse a line's serial numbers so far, after the same product's others.

        Each line counts exactly the serial numbers it has, so the core checks the numbers
        (format, duplicates in the invoice, already in stock) and not the counts."""
        line = self.lines[index]
        others = [
            replace(other, quantity=len(other.serials))
            for position, other in enumerate(self.lines)
            if position != index and other.sku == line.sku and other.serials
        ]
        checked = replace(line, quantity=len(serials), serials=tuple(serials))
        lines = tuple(draft.receipt_line() for draft in (*others, checked))
        return ReceiveStock(self.supplier or "-", lines)


@dataclass(frozen=True)
class Found:
    """The scanned code names this product: its quantity and cost come next."""

    product: Product


@dataclass(frozen=True)
class Accepted:
    """The core accepted a serial number of the line (normalised as it will be stored)."""

    serial: str
    warnings: tuple[str, ...] = ()
    """Soft-tracking warnings about it."""


@dataclass(frozen=True)
class LineFull:
    """The line already has as many serial numbers as its quantity."""

    quantity: int

    @property
    def message(self) -> str:
        """What the person receiving reads."""
        text = _("All {quantity} are in: Enter finishes; for more, raise the quantity.")
        return text.format(quantity=self.quantity)


@dataclass(frozen=True)
class Ignored:
    """The scan is an identifier this unit already has (its other label scanned twice)."""

    code: str


@dataclass(frozen=True)
class UnitClosed:
    """The unit being filled keeps the identifiers it has; the next scan starts a new unit."""

    unit: str


SerialStep = Accepted | LineFull | EndedSerials | Refused | Ignored | UnitClosed
"""What one scan did to a line's serial numbers."""


class GoodsInDraft:
    """The invoice at the till: finds scanned products, holds the lines, posts the receipt."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.receipt = ReceiptDraft()
        """The invoice as it stands; front ends may replace it with an edited one."""

    def find(self, scan: Scan) -> Found | Refused:
        """The product a scanned or typed code names."""
        product = catalogue.find_product(self.ledger.uow(), scan.text)
        if product is None:
            message = _("No product has the SKU or barcode {code}.").format(code=scan.text)
            return Refused(NotFound(message), "find")
        return Found(product)

    def add(self, product: Product, quantity: int, unit_cost: int) -> DraftLine:
        """Add a line of a product; its serial numbers come through ``serials``."""
        line = DraftLine(
            product.sku,
            product.name,
            product.tracking.value,
            quantity,
            unit_cost,
            identifiers=product.policy.identifier_labels(),
        )
        self.receipt = self.receipt.add(line)
        return line

    def serials(self, index: int) -> LineSerials:
        """The serial-number entry of one line."""
        return LineSerials(self.ledger, self.receipt, index)

    def post(self) -> Posted:
        """Post the receipt for real (a refusal raises and leaves the draft as it was)."""
        ledger = self.ledger
        return receiving.receive(self.receipt.command(), ledger.uow(), ledger.ctx)

    def clear(self) -> None:
        """Start a new invoice."""
        self.receipt = ReceiptDraft()


class LineSerials:
    """The serial numbers of one invoice line, scanned until the count matches the quantity."""

    def __init__(self, ledger: Ledger, receipt: ReceiptDraft, index: int) -> None:
        self.ledger = ledger
        self.receipt = receipt
        self.index = index
        self.line = receipt.lines[index]
        self.serials: list[str] = list(self.line.serials)
        self.unit: list[str] = []
        """The identifiers of the unit being filled, when the product's units carry several."""

    @property
    def complete(self) -> bool:
        """True when the line has as many serial numbers as its quantity."""
        return len(self.serials) >= self.line.quantity

    @property
    def asking(self) -> str | None:
        """The identifier asked for next (``IMEI 2``), when units carry several."""
        names = self.line.identifiers
        return names[len(self.unit)] if names and not self.complete else None

    def finished(self) -> tuple[str, ...]:
        """The line's units, with the one being filled if it has any identifier."""
        if self.unit:
            return (*self.serials, join_unit(self.unit))
        return tuple(self.serials)

    def take(self, scan: Scan) -> SerialStep:
        """Decide what a scan means and apply it."""
        return self.apply(self.decide(scan))

    def decide(self, scan: Scan) -> SerialStep:
        """The scan as the line's next serial number, checked; an empty one ends the entry."""
        if not scan.text:
            return UnitClosed(join_unit(self.unit)) if self.unit else EndedSerials()
        if self.complete:
            return LineFull(self.line.quantity)
        if not self.line.identifiers:
            serials = (*self.serials, scan.code)
            return refusing(lambda: self._check(serials), "serial")
        code = scan.code.strip()
        if code.upper() in (known.upper() for known in self.unit):
            return Ignored(code)
        unit = join_unit([*self.unit, code])
        return refusing(lambda: self._check_identifier(unit, len(self.unit)), "serial")

    def apply(self, step: SerialStep) -> SerialStep:
        """Add an accepted serial number (or identifier) to the line."""
        if isinstance(step, Accepted) and self.line.identifiers:
            self.unit.append(step.serial)
            if len(self.unit) == len(self.line.identifiers):
                self.apply(UnitClosed(join_unit(self.unit)))
        elif isinstance(step, Accepted):
            self.serials.append(step.serial)
        elif isinstance(step, UnitClosed):
            self.serials.append(step.unit)
            self.unit = []
        return step

    def remove(self, position: int) -> str:
        """Take one serial number (or the unit being filled, last) off the line; the one
        taken off."""
        if position >= len(self.serials) and self.unit:
            removed, self.unit = join_unit(self.unit), []
            return removed
        return self.serials.pop(position)

    def _check(self, serials: tuple[str, ...]) -> Accepted:
        """Rehearse the receipt of the line with these serial numbers."""
        command = self.receipt.serial_check(self.index, serials)
        posted = receiving.receive(command, self.ledger.rehearsal(), self.ledger.ctx)
        warnings = tuple(w.message for w in posted.warnings if w.serial)
        return Accepted(posted.lines[-1].serials[-1], warnings)

    def _check_identifier(self, unit: str, position: int) -> Accepted:
        """Rehearse the receipt with the unit's identifiers so far; the new one as stored."""
        accepted = self._check((*self.serials, unit))
        if position == 0:
            return accepted
        product = catalogue.find_product(self.ledger.uow(), self.line.sku)
        assert product is not None, "the line's product is in the catalogue"
        code = unit.split(SEPARATOR)[position]
        return replace(accepted, serial=product.policy.identifier_rules()[position].normalise(code))
