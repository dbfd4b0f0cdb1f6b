"""A plain-Python model of the ledger for the property tests: where each unit is, and why.

The model restates the tracking checks and the rules of ``core.domain.tracking`` without the
database: each operation is simulated on a copy of the model and either refused (with the
error class the till must raise) or committed, with the document number, line costs and
warnings it must produce. The test drives the real services with the same commands and compares."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.domain.catalogue import TrackingMode
from core.domain.errors import (
    DomainError,
    InputError,
    NotFound,
    SerialRuleError,
    StockError,
    TillError,
)
from core.domain.movements import DocumentKind, Location

STRICT, SOFT, UNTRACKED = "PHONE", "BIKE", "CABLE"
"""SKUs of the catalogue in ``tests/shop.py``: strict, soft and untracked."""

MODES = {STRICT: TrackingMode.STRICT, SOFT: TrackingMode.SOFT, UNTRACKED: TrackingMode.NONE}
PRICES = {STRICT: 899900, SOFT: 1250000, UNTRACKED: 19900}
CATALOGUE_BARCODES = frozenset({"4820000000017"})
"""The phone's box barcode (``tests.shop.PHONE_BARCODE``)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_EXPECTED = {
    "sell": Location.STORE,
    "write_off": Location.STORE,
    "supplier_return": Location.STORE,
}
_TARGET = {
    "sell": Location.CUSTOMER,
    "write_off": Location.WRITTEN_OFF,
    "supplier_return": Location.SUPPLIER,
}
_KIND = {
    "sell": DocumentKind.SALE,
    "write_off": DocumentKind.WRITE_OFF,
    "supplier_return": DocumentKind.SUPPLIER_RETURN,
}


def normalise(raw: str) -> str:
    """A serial number as the default rule stores it: no control characters, trimmed, upper."""
    return _CONTROL.sub("", raw).strip().upper()


def looks_like_barcode(serial: str) -> bool:
    """A catalogue barcode or any valid EAN-13: never accepted as a serial number."""
    if serial in CATALOGUE_BARCODES:
        return True
    if len(serial) != 13 or not serial.isdigit():
        return False
    weighted = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(serial[:12]))
    return (10 - weighted % 10) % 10 == int(serial[12])


class Refused(Exception):
    """The model's verdict that the till must refuse an operation with this error class."""

    def __init__(self, error: type[TillError], rule: str) -> None:
        super().__init__(f"{error.__name__}({rule})")
        self.error = error
        self.rule = rule


@dataclass
class Unit:
    """One serial unit of one product as the model knows it."""

    location: Location
    cost: int = 0
    received_doc: str | None = None
    sale_doc: str | None = None


@dataclass
class Layer:
    """A FIFO cost layer (a receipt or return line of goods costed by quantity)."""

    cost: int
    remaining: int


@dataclass
class ReceiptRecord:
    """The serial numbers each line of a receipt recorded, and the corrections made since."""

    lines: list[tuple[str, list[str]]]
    fixes: list[tuple[str, str, str]] = field(default_factory=list)
    """(sku, old, new) in order."""

    def current(self, *, any_product: bool = False) -> list[tuple[str, list[str]]]:
        """Each line's serial numbers as they stand now, corrections applied per product.

        ``any_product`` applies each correction to every line holding the old SN, whatever
        its product: what the core does today (a known bug the property test steers around)."""
        lines = [(sku, list(serials)) for sku, serials in self.lines]
        for sku, old, new in self.fixes:
            for line_sku, serials in lines:
                if (any_product or line_sku == sku) and old in serials:
                    serials[serials.index(old)] = new
        return lines


@dataclass
class Prediction:
    """What a posted document must look like."""

    number: str
    lines: list[tuple[str, int, int]]
    """(sku, quantity, cost of goods taken out of the store) per line, in order."""
    warnings: list[str]
    strict_costs: dict[str, int]
    """Serial → unit cost the document must write off for each strict unit it took out."""


@dataclass
class _Line:
    sku: str
    quantity: int
    cost: int = 0


@dataclass
class _Doc:
    number: str
    kind: DocumentKind
    lines: list[_Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    moved: set[tuple[str, str]] = field(default_factory=set)
    strict_costs: dict[str, int] = field(default_factory=dict)
    serialless: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Model:
    """Units by (sku, serial), quantity on hand, FIFO layers, documents that later steps need."""

    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    on_hand: Counter[str] = field(default_factory=Counter)
    layers: dict[str, list[Layer]] = field(default_factory=dict)
    receipts: dict[str, ReceiptRecord] = field(default_factory=dict)
    sales: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    """Sale number → sku → unit costs of the units it sold without a serial number."""
    returned: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(sale number, sku) → units returned by quantity against that sale."""
    returned_by_serial: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(sale number, sku) → units returned by serial number against that sale."""
    counters: Counter[DocumentKind] = field(default_factory=Counter)

    # -- queries ------------------------------------------------------------------------

    def in_store(self, sku: str) -> list[str]:
        """Serial numbers of a product that are in stock."""
        return sorted(
            sn for (s, sn), u in self.units.items() if s == sku and u.location is Location.STORE
        )

    # -- operations ---------------------------------------------------------------------

    def receive(
        self, lines: Sequence[tuple[str, int, int, Sequence[str]]]
    ) -> tuple[Model, Prediction]:
        """A receipt of lines (sku, quantity, unit cost, raw serials)."""
        draft = copy.deepcopy(self)
        doc = draft._open(DocumentKind.RECEIPT)
        recorded: list[tuple[str, list[str]]] = []
        for sku, quantity, cost, raw_serials in lines:
            if quantity <= 0 or cost < 0:
                raise Refused(InputError, "bad_line")
            line = draft._line(doc, sku, quantity)
            if MODES[sku] is not TrackingMode.STRICT:
                draft.layers.setdefault(sku, []).append(Layer(cost, quantity))
            serials = [s for s in raw_serials if s.strip()]
            if MODES[sku] is TrackingMode.NONE:
                if serials:
                    raise Refused(InputError, "untracked_serial")
                draft._move(doc, line, sku, None, quantity, Location.SUPPLIER, Location.STORE, cost)
                continue
            if len(serials) > quantity:
                raise Refused(InputError, "too_many_serials")
            if len(serials) < quantity:
                draft._judge(doc, sku, "quantity_mismatch")
            kept: list[str] = []
            for raw in serials:
                serial = draft._check(doc, "receive", sku, raw)
                if serial is not None:
                    kept.append(serial)
                draft._move(doc, line, sku, serial, 1, Location.SUPPLIER, Location.STORE, cost)
            if quantity > len(serials):
                missing = quantity - len(serials)
                draft._move(doc, line, sku, None, missing, Location.SUPPLIER, Location.STORE, cost)
            if kept:
                recorded.append((sku, kept))
        draft.receipts[doc.number] = ReceiptRecord(recorded)
        return draft, _predict(doc)

    def take_out(
        self, operation: str, items: Sequence[tuple[str, str | None, int]]
    ) -> tuple[Model, Prediction]:
        """A sale, write-off or supplier return of items (sku, raw serial or None, quantity)."""
        draft = copy.deepcopy(self)
        groups: dict[str, list[tuple[str | None, int]]] = {}
        for sku, serial, quantity in items:
            if quantity <= 0:
                raise Refused(InputError, "bad_quantity")
            groups.setdefault(sku, []).append((serial, quantity))
        doc = draft._open(_KIND[operation])
        target = _TARGET[operation]
        for sku, group in groups.items():
            line = draft._line(doc, sku, sum(q for _, q in group))
            for raw, quantity in group:
                if MODES[sku] is TrackingMode.NONE:
                    if raw:
                        raise Refused(InputError, "untracked_serial")
                    draft._by_quantity(doc, line, sku, quantity, target, allow_short=False)
                    continue
                if quantity != 1 and raw:
                    raise Refused(InputError, "serial_for_many")
                for _ in range(1 if raw else quantity):
                    serial = draft._check(doc, operation, sku, raw)
                    if serial is None:
                        draft._by_quantity(doc, line, sku, 1, target, allow_short=True)
                        continue
                    unit = draft.units.get((sku, serial))
                    if MODES[sku] is TrackingMode.STRICT:
                        cost = unit.cost if unit else 0
                        doc.strict_costs[serial] = cost
                    else:
                        draws = draft._draw(sku, 1, allow_short=True)
                        cost = draws[0][1] if draws else (unit.cost if unit else 0)
                    draft._move(doc, line, sku, serial, 1, Location.STORE, target, cost)
        if operation == "sell":
            draft.sales[doc.number] = doc.serialless
        return draft, _predict(doc)

    def return_unit(self, raw: str, sku: str | None) -> tuple[Model, Prediction]:
        """A customer return by serial number, optionally naming the product."""
        draft = copy.deepcopy(self)
        text = raw.strip()
        if not text:
            raise Refused(InputError, "empty_serial")
        spellings = {text, text.upper()}
        candidates = [
            (s, sn) for (s, sn) in draft.units if sn in spellings and (sku is None or s == sku)
        ]
        if not candidates:
            raise Refused(DomainError, "return_not_sold")
        sold = [key for key in candidates if draft.units[key].location is Location.CUSTOMER]
        chosen = sold or candidates
        if len(chosen) > 1:
            raise Refused(InputError, "ambiguous_serial")
        product, serial = chosen[0]
        unit = draft.units[(product, serial)]
        sale = unit.sale_doc
        doc = draft._open(DocumentKind.CUSTOMER_RETURN)
        if len(serial) > 64:
            draft._judge(doc, product, "sn_format")
        elif unit.location is not Location.CUSTOMER:
            draft._judge(doc, product, "return_not_sold")
        line = draft._line(doc, product, 1)
        if MODES[product] is not TrackingMode.STRICT:
            draft.layers.setdefault(product, []).append(Layer(unit.cost, 1))
        draft._move(doc, line, product, serial, 1, Location.CUSTOMER, Location.STORE, unit.cost)
        if sale is not None:
            draft.returned_by_serial[(sale, product)] += 1
        return draft, _predict(doc)

    def return_quantity(self, sale: str, sku: str, quantity: int) -> tuple[Model, Prediction]:
        """A customer return of goods sold without serial numbers, against their sale."""
        draft = copy.deepcopy(self)
        if quantity <= 0:
            raise Refused(InputError, "bad_quantity")
        number = sale.strip().upper()
        if number not in draft.sales:
            raise Refused(NotFound, "no_sale")
        doc = draft._open(DocumentKind.CUSTOMER_RETURN)
        if MODES[sku] is not TrackingMode.NONE:
            draft._judge(doc, sku, "serial_required")
        units = draft.sales[number].get(sku, [])
        left = len(units) - draft.returned[(number, sku)]
        if quantity > left:
            raise Refused(DomainError, "return_exceeds_sale")
        costs = units[left - quantity : left]
        for cost, count in Counter(costs).items():
            line = draft._line(doc, sku, count)
            if MODES[sku] is not TrackingMode.STRICT:
                draft.layers.setdefault(sku, []).append(Layer(cost, count))
            draft._move(doc, line, sku, None, count, Location.CUSTOMER, Location.STORE, cost)
        draft.returned[(number, sku)] += quantity
        return draft, _predict(doc)

    def correct(self, receipt: str, pairs: Sequence[tuple[str, str]]) -> tuple[Model, Prediction]:
        """Replace wrong serial numbers of a receipt (OLD, NEW) while the units are in stock."""
        draft = copy.deepcopy(self)
        if not pairs:
            raise Refused(InputError, "no_pairs")
        number = receipt.strip().upper()
        record = draft.receipts.get(number)
        if record is None:
            raise Refused(NotFound, "no_receipt")
        current = record.current()
        doc = draft._open(DocumentKind.CORRECTION)
        for old_raw, new_raw in pairs:
            old = normalise(old_raw)
            found = next(((sku, s) for sku, s in current if old in s), None)
            if found is None:
                raise Refused(NotFound, "not_on_receipt")
            sku, serials = found
            unit = draft.units.get((sku, old))
            if unit is None or unit.location is not Location.STORE or unit.received_doc != number:
                raise Refused(DomainError, "correction_not_in_stock")
            line = draft._line(doc, sku, 1)
            new = draft._check(doc, "correct_in", sku, new_raw)
            if new is None or new == old:
                raise Refused(InputError, "bad_replacement")
            cost = unit.cost
            draft._move(doc, line, sku, old, 1, Location.STORE, Location.VOID, cost)
            draft._move(doc, line, sku, new, 1, Location.VOID, Location.STORE, cost, number)
            serials[serials.index(old)] = normalise(new_raw)
            record.fixes.append((sku, old, new))
        return draft, _predict(doc)

    # -- the steps every operation shares -----------------------------------------------

    def _open(self, kind: DocumentKind) -> _Doc:
        self.counters[kind] += 1
        return _Doc(f"{kind.prefix}-{self.counters[kind]:06d}", kind)

    @staticmethod
    def _line(doc: _Doc, sku: str, quantity: int) -> _Line:
        line = _Line(sku, quantity)
        doc.lines.append(line)
        return line

    @staticmethod
    def _judge(doc: _Doc, sku: str, rule: str) -> None:
        if MODES[sku] is TrackingMode.STRICT:
            raise Refused(SerialRuleError, rule)
        if MODES[sku] is TrackingMode.SOFT:
            doc.warnings.append(rule)

    def _check(self, doc: _Doc, operation: str, sku: str, raw: str | None) -> str | None:
        """The normalised serial number after the tracking checks (None when none was given)."""
        serial = normalise(raw) if raw is not None else ""
        if not serial:
            self._judge(doc, sku, "serial_required")
            return None
        if looks_like_barcode(serial):
            raise Refused(SerialRuleError, "barcode_as_serial")
        unit = self.units.get((sku, serial))
        where = unit.location if unit else None
        if len(serial) > 64:
            raise Refused(InputError, "serial_too_long")
        if (sku, serial) in doc.moved:
            self._judge(doc, sku, "duplicate_in_document")
        elif operation in ("receive", "correct_in"):
            if where is Location.STORE:
                self._judge(doc, sku, "duplicate_receipt")
        elif where is not _EXPECTED[operation]:
            self._judge(doc, sku, "not_in_stock")
        return serial

    def _draw(self, sku: str, quantity: int, *, allow_short: bool) -> list[tuple[int, int]]:
        """Take quantity from the oldest layers: (quantity, unit cost) per layer drawn."""
        layers = self.layers.setdefault(sku, [])
        available = sum(layer.remaining for layer in layers)
        if quantity > available and not allow_short:
            raise Refused(StockError, "not_enough_stock")
        left = min(quantity, available)
        draws = []
        for layer in layers:
            take = min(left, layer.remaining)
            if take:
                layer.remaining -= take
                left -= take
                draws.append((take, layer.cost))
        return draws

    def _by_quantity(
        self,
        doc: _Doc,
        line: _Line,
        sku: str,
        quantity: int,
        target: Location,
        *,
        allow_short: bool,
    ) -> None:
        draws = self._draw(sku, quantity, allow_short=allow_short)
        for taken, cost in draws:
            self._move(doc, line, sku, None, taken, Location.STORE, target, cost)
        short = quantity - sum(taken for taken, _ in draws)
        if short:
            self._move(doc, line, sku, None, short, Location.STORE, target, 0)

    def _move(
        self,
        doc: _Doc,
        line: _Line,
        sku: str,
        serial: str | None,
        quantity: int,
        source: Location,
        target: Location,
        cost: int,
        origin: str | None = None,
    ) -> None:
        if source is Location.STORE and target is not Location.STORE:
            line.cost += cost * quantity
        if source is not target and Location.STORE in (source, target):
            self.on_hand[sku] += quantity if target is Location.STORE else -quantity
        if serial is None:
            if source is Location.STORE and doc.kind is DocumentKind.SALE:
                doc.serialless.setdefault(sku, []).extend([cost] * quantity)
            return
        doc.moved.add((sku, serial))
        unit = self.units.setdefault((sku, serial), Unit(source))
        unit.location = target
        if target is Location.STORE and source in (
            Location.SUPPLIER,
            Location.VOID,
            Location.WRITTEN_OFF,
        ):
            unit.cost = cost
            unit.received_doc = origin or doc.number
        if target is Location.CUSTOMER:
            unit.sale_doc = doc.number


def _predict(doc: _Doc) -> Prediction:
    return Prediction(
        number=doc.number,
        lines=[(line.sku, line.quantity, line.cost) for line in doc.lines],
        warnings=list(doc.warnings),
        strict_costs=dict(doc.strict_costs),
    )
