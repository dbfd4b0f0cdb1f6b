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


SerialStep = Accepted | LineFull | EndedSerials | Refused
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
        line = DraftLine(product.sku, product.name, product.tracking.value, quantity, unit_cost)
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

    @property
    def complete(self) -> bool:
        """True when the line has as many serial numbers as its quantity."""
        return len(self.serials) >= self.line.quantity

    def take(self, scan: Scan) -> SerialStep:
        """Decide what a scan means and apply it."""
        return self.apply(self.decide(scan))

    def decide(self, scan: Scan) -> SerialStep:
        """The scan as the line's next serial number, checked; an empty one ends the entry."""
        if not scan.text:
            return EndedSerials()
        if self.complete:
            return LineFull(self.line.quantity)
        serials = (*self.serials, scan.code)
        return refusing(lambda: self._check(serials), "serial")

    def apply(self, step: SerialStep) -> SerialStep:
        """Add an accepted serial number to the line."""
        if isinstance(step, Accepted):
            self.serials.append(step.serial)
        return step

    def remove(self, position: int) -> str:
        """Take one serial number off the line; the one taken off."""
        return self.serials.pop(position)

    def _check(self, serials: tuple[str, ...]) -> Accepted:
        """Rehearse the receipt of the line with these serial numbers."""
        command = self.receipt.serial_check(self.index, serials)
        posted = receiving.receive(command, self.ledger.rehearsal(), self.ledger.ctx)
        warnings = tuple(w.message for w in posted.warnings if w.serial)
        return Accepted(posted.lines[-1].serials[-1], warnings)
