"""Building one document inside an open unit of work: lines, movements and projections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from core.domain.catalogue import Product, TrackingMode
from core.domain.document_check import Check, check_document
from core.domain.errors import SerialRuleError, TillError
from core.domain.fifo import Draw, Layer, consume
from core.domain.identifiers import Identifier
from core.domain.ledger_fold import SerialState, apply
from core.domain.movements import DocumentKind, DocumentRef, Location, Movement
from core.domain.permissions import KIND_RIGHTS
from core.domain.tracking import Discrepancy
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted, PostedLine
from core.services.authority import require, spend_approval


@dataclass
class _Line:
    id: int
    product: Product
    quantity: int
    unit_amount: int
    serials: list[str] = field(default_factory=list)
    cost: int = 0
    warranty_end: date | None = None


class Posting:
    """Collects a document's lines, movements and checks, then judges and writes in ``finish``.

    Units are read once (locked where the engine needs it), moved in memory, and saved at
    the end with a conditional update, so a unit another till moved meanwhile fails the
    whole document instead of being double-booked."""

    def __init__(
        self,
        uow: UnitOfWork,
        ctx: Context,
        kind: DocumentKind,
        on: date,
        **header: str | int | None,
    ) -> None:
        self.uow, self.ctx, self.kind = uow, ctx, kind
        self.right = KIND_RIGHTS.get(kind.value)
        """What posting this kind needs beyond a cashier's rights, if anything."""
        if self.right is not None:
            require(ctx, self.right)
        self.at = ctx.clock.now()
        self.checking = uow.checking
        """Build the document in memory only: a check writes and locks nothing."""
        self.document: DocumentRef = (
            _placeholder(kind, on, header)
            if self.checking
            else uow.documents.add(
                kind,
                on,
                self.at,
                till=ctx.till,
                operator=ctx.operator,
                site=ctx.site,
                **header,  # type: ignore[arg-type]
            )
        )
        self._written = (header.get("total") or 0, header.get("payment"))
        """The total and payment the header was written with (``finish`` updates others)."""
        self.site = ctx.site
        """The location this document posts at: where its units leave stock and arrive."""
        self.movements: list[Movement] = []
        self.checks: list[Check] = []
        self.warnings: list[tuple[int, Discrepancy]] = []
        self.notices: list[tuple[int, Discrepancy]] = []
        """Warnings kept with the document in every tracking mode (never a refusal)."""
        self._lines: dict[int, _Line] = {}
        self._moved: set[tuple[int, str]] = set()
        self._stored: dict[tuple[int, str], SerialState | None] = {}
        self._current: dict[tuple[int, str], SerialState | None] = {}
        self._layers: dict[int, list[Layer]] = {}
        self._draws: list[Draw] = []
        self._refills: Counter[tuple[int, int, int]] = Counter()
        """Goods put back on a layer they came from: (line id, product id, unit cost)."""
        self._stock: Counter[tuple[int, str]] = Counter()
        self.identities: dict[tuple[int, str], tuple[Identifier, ...]] = {}
        """Units given several identifiers by this document, recorded when it is written."""
        self.codes: dict[str, str] = {}
        """Every identifier this document gave a unit, with that unit's serial number."""

    def add_line(self, product: Product, quantity: int, unit_amount: int) -> int:
        """Add a document line; its id, for the movements that belong to it."""
        position = len(self._lines) + 1
        line_id = (
            -position
            if self.checking
            else self.uow.documents.add_line(
                self.document.id, position, product.id, quantity, unit_amount
            )
        )
        self._lines[line_id] = _Line(line_id, product, quantity, unit_amount)
        return line_id

    def notice(self, product: Product, discrepancy: Discrepancy) -> None:
        """Keep a warning with the document whatever the product's tracking mode."""
        self.notices.append((product.id, discrepancy))

    def check(self, check: Check) -> None:
        """Note what tracking must judge; ``finish`` judges the whole document at once."""
        self.checks.append(check)

    @contextmanager
    def refusals_first(self) -> Iterator[None]:
        """While the document is built: an error met after a strictly refused unit gives way
        to the tracking refusal, which came first in the document."""
        try:
            yield
        except TillError as error:
            refused = () if isinstance(error, SerialRuleError) else self._refused()
            if refused:
                raise SerialRuleError.refusing(refused) from error
            raise

    def _refused(self) -> tuple[Discrepancy, ...]:
        return check_document(self.checks).refused

    def unit(self, product: Product, serial: str) -> SerialState | None:
        """A unit's state as this document sees it so far."""
        return self.unit_for_id(product.id, serial)

    def preload(self, product: Product, serials: list[str]) -> None:
        """Read many units of one product at once (a receipt of a thousand serials)."""
        wanted = [s for s in dict.fromkeys(serials) if (product.id, s) not in self._current]
        found = self.uow.units.get_many(product.id, wanted)
        for serial in wanted:
            self._stored[(product.id, serial)] = found.get(serial)
            self._current[(product.id, serial)] = found.get(serial)

    def seen(self, product: Product, serial: str) -> bool:
        """True when this document already moved this unit."""
        return (product.id, serial) in self._moved

    def identify(self, product: Product, serial: str, identifiers: tuple[Identifier, ...]) -> None:
        """Note a unit's identifiers, recorded with the document."""
        self.identities[(product.id, serial)] = identifiers
        for identifier in identifiers:
            self.codes.setdefault(identifier.code, serial)

    def move(self, movement: Movement) -> None:
        """Append a movement and apply it to the projections in memory."""
        self.movements.append(movement)
        if Location.STORE in (movement.to_location, movement.from_location):
            sign = 1 if movement.to_location is Location.STORE else -1
            if movement.from_location is not movement.to_location:
                self._stock[(movement.product_id, movement.site)] += sign * movement.quantity
        line = self._line(movement.line_id)
        if line is not None and movement.serial is not None:
            line.serials.append(movement.serial)
            line.warranty_end = movement.warranty_end or line.warranty_end
        if line is not None and movement.from_location is Location.STORE:
            line.cost += movement.unit_cost * movement.quantity
        if movement.serial is not None:
            key = (movement.product_id, movement.serial)
            self._moved.add(key)
            if key not in self._current:
                self.unit_for_id(movement.product_id, movement.serial)
            self._current[key] = apply(self._current[key], movement)

    def unit_for_id(self, product_id: int, serial: str) -> SerialState | None:
        """Like ``unit`` for a product known only by id."""
        key = (product_id, serial)
        if key not in self._current:
            stored = self.uow.units.get(product_id, serial, lock=True)
            self._stored[key] = self._current[key] = stored
        return self._current[key]

    def movement(
        self,
        product: Product,
        source: Location,
        target: Location,
        *,
        line_id: int,
        quantity: int = 1,
        serial: str | None = None,
        unit_cost: int = 0,
        **extra: object,
    ) -> Movement:
        """A movement of this document (not yet appended)."""
        return Movement(
            kind=self.kind,
            product_id=product.id,
            quantity=quantity,
            from_location=source,
            to_location=target,
            document=self.document,
            at=self.at,
            serial=serial,
            unit_cost=unit_cost,
            line_id=line_id,
            site=self.site,
            **extra,  # type: ignore[arg-type]
        )

    def draw(self, product: Product, quantity: int, *, allow_short: bool) -> tuple[list[Draw], int]:
        """Take quantity from the product's FIFO layers; the draws and the quantity short."""
        layers = self._layers.get(product.id)
        if layers is None:
            layers = self._layers[product.id] = self.uow.stock.layers(product.id, self.site)
        available = sum(layer.remaining for layer in layers)
        taken = min(quantity, available) if allow_short else quantity
        draws = consume(layers, taken, what=product.label())
        for item in draws:
            index = next(i for i, layer in enumerate(layers) if layer.id == item.layer_id)
            layers[index] = replace(
                layers[index], remaining=layers[index].remaining - item.quantity
            )
        self._draws.extend(draws)
        return draws, quantity - taken

    def open_layer(self, product: Product, line_id: int, unit_cost: int, quantity: int) -> None:
        """A new FIFO layer for goods costed by quantity (not strict units)."""
        if product.tracking is not TrackingMode.STRICT and quantity > 0 and not self.checking:
            self.uow.stock.add_layer(line_id, self.site, product.id, unit_cost, quantity)

    def refill(self, product: Product, layer_id: int, unit_cost: int, quantity: int) -> None:
        """Put goods back on the cost layer (receipt line) they were drawn from, at this
        document's location: goods arriving by transfer keep their age and their cost."""
        if quantity > 0:
            self._refills[(layer_id, product.id, unit_cost)] += quantity

    def _line(self, line_id: int | None) -> _Line | None:
        return None if line_id is None else self._lines.get(line_id)

    def finish(
        self, *, total: int | None = None, payment: str | None = None, tendered: int | None = None
    ) -> Posted:
        """Write movements, projections and warnings; the posted document.

        Tracking judges every unit and line first: strict refuses with every discrepancy,
        soft keeps them all as warnings. A check writes nothing and gives the document as it
        would be posted."""
        self.warnings = [*check_document(self.checks).enforce(), *self.notices]
        lines = list(self._lines.values())
        amount = sum(line.quantity * line.unit_amount for line in lines) if total is None else total
        if not self.checking:
            self._write(lines, amount, payment)
        return Posted(
            number=self.document.number,
            kind=self.kind,
            on=self.document.date,
            lines=tuple(_posted(line) for line in lines),
            total=amount,
            warnings=tuple(w for _, w in self.warnings),
            party=self.document.party,
            phone=self.document.phone,
            payment=payment,
            tendered=tendered,
        )

    def _write(self, lines: list[_Line], amount: int, payment: str | None) -> None:
        uow = self.uow
        if (amount, payment) != self._written:
            uow.documents.finish(self.document.id, amount, payment)
        if self.right is not None:
            spend_approval(uow, self.ctx, self.right, self.document.number)
        for line in lines:
            if line.cost:
                uow.documents.set_line_cost(line.id, line.cost)
        uow.movements.add_many(self.movements, self.ctx.till, self.ctx.operator)
        self._save_units()
        for (product_id, site), delta in sorted(self._stock.items()):
            if delta:
                uow.stock.adjust(product_id, site, delta)
        for item in self._draws:
            uow.stock.draw(item.layer_id, self.site, item.quantity)
        for (layer_id, product_id, unit_cost), quantity in sorted(self._refills.items()):
            uow.stock.add_layer(layer_id, self.site, product_id, unit_cost, quantity)
        if self.warnings:
            uow.documents.add_warnings(self.document.id, self.warnings)
        for (product_id, serial), identifiers in self.identities.items():
            uow.identifiers.record(product_id, serial, identifiers)

    def _save_units(self) -> None:
        new = []
        for key, state in self._current.items():
            stored = self._stored.get(key)
            if state is None or state == stored:
                continue
            if stored is None:
                new.append(state)
            else:
                self.uow.units.replace(state, stored)
        if new:
            self.uow.units.insert_many(new)


def _placeholder(kind: DocumentKind, on: date, header: dict[str, str | int | None]) -> DocumentRef:
    """The reference of a document being checked: no id and no number taken yet."""
    party, phone, number = header.get("party"), header.get("phone"), header.get("number")
    return DocumentRef(
        0,
        number if isinstance(number, str) else f"{kind.prefix}-{'0' * 6}",
        kind,
        on,
        party if isinstance(party, str) else None,
        phone if isinstance(phone, str) else None,
    )


def _posted(line: _Line) -> PostedLine:
    warranty = line.product.warranty
    return PostedLine(
        sku=line.product.sku,
        name=line.product.name,
        quantity=line.quantity,
        unit_amount=line.unit_amount,
        serials=tuple(line.serials),
        warranty_end=line.warranty_end,
        warranty=None if warranty.is_zero else warranty.describe(),
    )
