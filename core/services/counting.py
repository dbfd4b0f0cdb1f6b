"""Counting stock by serial number: open a sheet, scan, compare, fix mix-ups, post."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.domain.catalogue import Product, TrackingMode
from core.domain.counting import ProductBalance, ScanKind, UnitSeen, classify_serial, compare
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.movements import DocumentKind, Location
from core.i18n import _
from core.persistence.counts_repo import ScanRow, SheetRow
from core.persistence.db import as_date
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.catalogue import clean_path
from core.services.checks import require_product
from core.services.posting import Posting
from core.services.queries import spellings

SURPLUS_KINDS = (ScanKind.SOLD.value, ScanKind.ELSEWHERE.value, ScanKind.UNEXPECTED.value)
FOUND_KINDS = (ScanKind.EXPECTED.value, *SURPLUS_KINDS)


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
class SheetOpened:
    """A new sheet and what it expects."""

    number: str
    products: int
    expected_units: int


@dataclass(frozen=True)
class ScanResult:
    """What one scan was classified as."""

    code: str
    kind: ScanKind
    serial: str | None = None
    sku: str | None = None
    detail: str | None = None


def open_sheet(uow: UnitOfWork, ctx: Context, scope: CountScope) -> SheetOpened:
    """Open a count sheet and snapshot the units and quantities it expects."""
    if scope.type_path and scope.product_codes:
        raise InputError(_("A count covers a product type or chosen products, not both."))
    with uow:
        path = clean_path(scope.type_path) if scope.type_path else None
        if scope.product_codes:
            ids = list(dict.fromkeys(require_product(uow, c).id for c in scope.product_codes))
        else:
            if path and uow.catalogue.type_settings(path) is None:
                raise NotFound(_("There is no product type {path}.").format(path=path))
            ids = uow.catalogue.product_ids_under(path)
        if not ids:
            raise InputError(_("There are no products to count in that scope."))
        number = uow.documents.next_number(DocumentKind.COUNT)
        sheet_id = uow.counts.create(
            number, scope.describe(), ctx.clock.now(), ctx.clock.today(), ctx.till, ctx.operator
        )
        uow.counts.cover(sheet_id, ids)
        untracked = [p for p in ids if not uow.catalogue.product_by_id(p).tracked]
        uow.counts.snapshot(sheet_id, untracked)
        expected, _quantities = uow.counts.expected(sheet_id)
        return SheetOpened(number, len(ids), sum(len(s) for s in expected.values()))


def _open(uow: UnitOfWork, number: str) -> SheetRow:
    sheet = uow.counts.get(number)
    if sheet is None:
        raise NotFound(_("There is no count sheet {number}.").format(number=number.strip()))
    if sheet.status != "open":
        raise DomainError(
            _("Count {number} is already posted: it cannot change.").format(number=sheet.number),
            rule="count_posted",
        )
    return sheet


def scan(uow: UnitOfWork, ctx: Context, number: str, codes: Sequence[str]) -> list[ScanResult]:
    """Classify and record scans: expected, duplicate, unknown, outside, sold, elsewhere…"""
    with uow:
        sheet = _open(uow, number)
        return _Classifier(uow, sheet).run(codes, ctx)


class _Classifier:
    """Classifies a batch of scans with a few queries per 500 codes."""

    def __init__(self, uow: UnitOfWork, sheet: SheetRow) -> None:
        self.uow, self.sheet = uow, sheet
        self.scope = uow.counts.products(sheet.id)
        self.products: dict[int, Product] = {}

    def product(self, pid: int) -> Product:
        if pid not in self.products:
            self.products[pid] = self.uow.catalogue.product_by_id(pid)
        return self.products[pid]

    def run(self, codes: Sequence[str], ctx: Context) -> list[ScanResult]:
        cleaned = [c.strip() for c in codes if c.strip()]
        variants = list(dict.fromkeys(v for c in cleaned for v in spellings(c)))
        expected = self.uow.counts.expected_among(self.sheet.id, variants)
        scanned = self.uow.counts.scanned_among(self.sheet.id, variants)
        units: dict[str, list[UnitSeen]] = {}
        for start in range(0, len(variants), 500):
            for state in self.uow.units.by_serial(variants[start : start + 500]):
                units.setdefault(state.serial, []).append(
                    UnitSeen(
                        state.product_id,
                        state.state,
                        state.product_id in self.scope,
                        state.sale_doc,
                    )
                )
        results, rows = [], []
        for code in cleaned:
            result, row = self.one(code, expected, scanned, units)
            results.append(result)
            rows.append(row)
        self.uow.counts.add_scans(self.sheet.id, ctx.clock.now(), rows)
        return results

    def one(
        self,
        code: str,
        expected: dict[str, int],
        scanned: set[str],
        units: dict[str, list[UnitSeen]],
    ) -> tuple[ScanResult, ScanRow]:
        if "*" in code:
            return self.quantity(code)
        serial = next((v for v in spellings(code) if v in expected or v in units), code.upper())
        seen = units.get(serial, [])
        if not seen and serial not in expected:
            product = self.uow.catalogue.product_by_code(code)
            if product is not None:
                return self.quantity(code, product)
        kind, unit = classify_serial(serial, serial in expected, serial in scanned, seen)
        scanned.add(serial)
        pid = expected.get(serial) or (unit.product_id if unit else None)
        detail = (
            unit.document
            if kind is ScanKind.SOLD and unit
            else (
                unit.state.value
                if unit and kind in (ScanKind.ELSEWHERE, ScanKind.OUTSIDE)
                else None
            )
        )
        sku = self.product(pid).sku if pid else None
        return (
            ScanResult(code, kind, serial, sku, detail),
            ScanRow(code, serial, pid, 1, kind.value, detail),
        )

    def quantity(self, code: str, product: Product | None = None) -> tuple[ScanResult, ScanRow]:
        """A product code counted by quantity: ``CODE`` or ``CODE*QTY``."""
        name, _star, amount = code.partition("*")
        if product is None:
            product = require_product(self.uow, name)
        quantity = int(amount) if amount.strip().isdigit() else 1
        if product.tracked:
            kind = ScanKind.PRODUCT_BARCODE
        else:
            kind = ScanKind.QUANTITY if product.id in self.scope else ScanKind.OUTSIDE
        return (
            ScanResult(code, kind, None, product.sku, None),
            ScanRow(code, None, product.id, quantity, kind.value, None),
        )


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

    @property
    def total_surplus(self) -> int:
        """Units found but not expected, over all products."""
        return sum(len(p.surplus) for p in self.products)

    @property
    def total_shortage(self) -> int:
        """Units expected but not found, over all products."""
        return sum(len(p.shortage) for p in self.products)


def view(uow: UnitOfWork, number: str) -> SheetView:
    """The sheet compared: per product expected, found, surplus and shortage."""
    sheet = uow.counts.get(number)
    if sheet is None:
        raise NotFound(_("There is no count sheet {number}.").format(number=number.strip()))
    return _view(uow, sheet)


def _view(uow: UnitOfWork, sheet: SheetRow) -> SheetView:
    expected, expected_qty = uow.counts.expected(sheet.id)
    found: dict[int, set[str]] = {}
    counted: dict[int, int] = {}
    by_kind: dict[str, list[ScanRow]] = {}
    surplus_kind: dict[str, str] = {}
    for row in uow.counts.scans(sheet.id):
        by_kind.setdefault(row.kind, []).append(row)
        if row.product_id is None or row.kind not in (*FOUND_KINDS, ScanKind.QUANTITY.value):
            continue
        if row.serial is None:
            counted[row.product_id] = counted.get(row.product_id, 0) + row.quantity
        else:
            found.setdefault(row.product_id, set()).add(row.serial)
            surplus_kind[row.serial] = row.kind
    done = uow.counts.replacements(sheet.id)
    for pid, surplus, shortage, _doc in done:
        expected.setdefault(pid, set()).discard(shortage)
        expected[pid].add(surplus)
        found.setdefault(pid, set()).add(surplus)

    def codes(kind: ScanKind) -> tuple[str, ...]:
        return tuple(r.code for r in by_kind.get(kind.value, []))

    unknown = codes(ScanKind.UNKNOWN)
    products = []
    for pid, balance in compare(expected, found, expected_qty, counted).items():
        product = uow.catalogue.product_by_id(pid)
        fixable = [s for s in balance.surplus if surplus_kind.get(s) != ScanKind.UNEXPECTED]
        products.append(
            ProductCount(
                product.sku,
                product.name,
                product.tracking.value,
                balance,
                tuple(sorted(balance.surplus)),
                tuple(sorted(balance.shortage)),
                bool(balance.shortage) and bool(fixable or unknown),
            )
        )
    return SheetView(
        sheet.number,
        sheet.scope,
        sheet.status,
        tuple(products),
        codes(ScanKind.DUPLICATE),
        unknown,
        codes(ScanKind.OUTSIDE),
        codes(ScanKind.PRODUCT_BARCODE),
        tuple((s, x, d) for _p, s, x, d in done),
    )


def replace_serial(
    uow: UnitOfWork, ctx: Context, number: str, surplus_raw: str, shortage_raw: str
) -> Posted:
    """Resolve a surplus/shortage pair of one product by correcting the document that
    recorded the wrong SN: the sale (or write-off, supplier return) that recorded the found
    unit leaving, or the receipt that recorded the missing one arriving."""
    with uow:
        sheet = _open(uow, number)
        uow.counts.lock(sheet.id)
        current = _view(uow, sheet)
        line = next(
            (
                p
                for p in current.products
                if shortage_raw.strip().upper() in p.shortage or shortage_raw.strip() in p.shortage
            ),
            None,
        )
        if line is None:
            raise DomainError(
                _("SN {serial} is not short on count {count}.").format(
                    serial=shortage_raw.strip(), count=sheet.number
                ),
                rule="not_a_shortage",
            )
        product = require_product(uow, line.sku)
        shortage = product.policy.rule.normalise(shortage_raw)
        surplus = product.policy.rule.normalise(surplus_raw)
        if surplus not in line.surplus and surplus_raw.strip() not in current.unknown:
            raise DomainError(
                _("SN {serial} is not a surplus of {product} on count {count}.").format(
                    serial=surplus, product=product.label(), count=sheet.number
                ),
                rule="not_a_surplus",
            )
        posted = _correct(uow, ctx, product, surplus, shortage)
        doc = uow.documents.get(posted.number)
        assert doc is not None
        uow.counts.add_replacement(sheet.id, product.id, surplus, shortage, doc.ref.id)
        return posted


def _correct(
    uow: UnitOfWork, ctx: Context, product: Product, surplus: str, shortage: str
) -> Posted:
    posting = Posting(
        uow,
        ctx,
        DocumentKind.CORRECTION,
        ctx.clock.today(),
        reason=f"count: {surplus} found, {shortage} missing",
    )
    found = posting.unit(product, surplus)
    missing = posting.unit(product, shortage)
    if missing is None or missing.location is not Location.STORE:
        raise DomainError(
            _("SN {serial} of {product} is no longer in stock.").format(
                serial=shortage, product=product.label()
            ),
            rule="not_a_shortage",
        )
    line_id = posting.add_line(product, 1, 0)
    pairs: list[tuple[str, Location, Location, str, int | None, date | None]]
    if found is None or found.location is Location.VOID:
        receipt = uow.documents.get(missing.received_doc or "")
        origin = receipt.ref if receipt else None
        pairs = [
            (shortage, Location.STORE, Location.VOID, surplus, None, None),
            (surplus, Location.VOID, Location.STORE, shortage, None, None),
        ]
        cost = missing.cost
    else:
        last = uow.counts.last_move_out(product.id, surplus)
        if last is None or found.location is Location.STORE:
            raise DomainError(
                _("SN {serial} is in stock: there is no document to correct.").format(
                    serial=surplus
                ),
                rule="not_a_surplus",
            )
        target = Location(last[2])
        sale = uow.documents.get(last[5])
        origin = sale.ref if sale else None
        pairs = [
            (surplus, target, Location.STORE, shortage, None, None),
            (shortage, Location.STORE, target, surplus, last[3], as_date(last[4])),
        ]
        cost = missing.cost
    for serial, source, target_, other, price, warranty_end in pairs:
        unit = posting.unit(product, serial)
        posting.move(
            posting.movement(
                product,
                source,
                target_,
                line_id=line_id,
                serial=serial,
                unit_cost=unit.cost if unit else cost,
                unit_price=price,
                warranty_end=warranty_end,
                origin=origin,
                note=other,
            )
        )
    return posting.finish(total=0)


def post(uow: UnitOfWork, ctx: Context, number: str, costs: dict[str, int] | None = None) -> Posted:
    """Write off what is still short and take in what is still surplus, as one document."""
    costs = {k.strip(): v for k, v in (costs or {}).items()}
    with uow:
        sheet = _open(uow, number)
        uow.counts.lock(sheet.id)
        current = _view(uow, sheet)
        posting = Posting(
            uow,
            ctx,
            DocumentKind.COUNT,
            ctx.clock.today(),
            reason=f"count {sheet.number}",
            number=sheet.number,
        )
        for line in current.products:
            product = require_product(uow, line.sku)
            _settle(posting, product, line, costs)
        posted = posting.finish(total=0)
        doc = uow.documents.get(posted.number)
        uow.counts.close(sheet.id, doc.ref.id if doc else None)
        return posted


def _settle(posting: Posting, product: Product, line: ProductCount, costs: dict[str, int]) -> None:
    short = [s for s in line.shortage if _in(posting, product, s, Location.STORE)]
    extra = [s for s in line.surplus if not _in(posting, product, s, Location.STORE)]
    difference = line.balance.quantity_difference if not product.tracked else 0
    if not (short or extra or difference):
        return
    line_id = posting.add_line(product, len(short) + len(extra) + abs(difference), 0)
    for serial in short:
        unit = posting.unit(product, serial)
        assert unit is not None
        cost, layer = _cost_out(posting, product, unit.cost)
        posting.move(
            posting.movement(
                product,
                Location.STORE,
                Location.WRITTEN_OFF,
                line_id=line_id,
                serial=serial,
                unit_cost=cost,
                layer_id=layer,
            )
        )
    for serial in extra:
        unit = posting.unit(product, serial)
        assert unit is not None
        cost = costs.get(product.sku, unit.cost)
        posting.open_layer(product, line_id, cost, 0)
        posting.move(
            posting.movement(
                product,
                unit.location,
                Location.STORE,
                line_id=line_id,
                serial=serial,
                unit_cost=cost,
            )
        )
    if difference < 0:
        draws, short_qty = posting.draw(product, -difference, allow_short=True)
        for draw in draws:
            posting.move(
                posting.movement(
                    product,
                    Location.STORE,
                    Location.WRITTEN_OFF,
                    line_id=line_id,
                    quantity=draw.quantity,
                    unit_cost=draw.unit_cost,
                    layer_id=draw.layer_id,
                )
            )
    elif difference > 0:
        if product.sku not in costs:
            raise InputError(
                _(
                    "{product}: {difference} more counted than expected; "
                    "confirm their unit cost to take them in."
                ).format(product=product.label(), difference=difference)
            )
        posting.open_layer(product, line_id, costs[product.sku], difference)
        posting.move(
            posting.movement(
                product,
                Location.WRITTEN_OFF,
                Location.STORE,
                line_id=line_id,
                quantity=difference,
                unit_cost=costs[product.sku],
                layer_id=line_id,
            )
        )


def _in(posting: Posting, product: Product, serial: str, location: Location) -> bool:
    unit = posting.unit(product, serial)
    return unit is not None and unit.location is location


def _cost_out(posting: Posting, product: Product, cost: int) -> tuple[int, int | None]:
    if product.tracking is TrackingMode.STRICT:
        return cost, None
    draws, _short = posting.draw(product, 1, allow_short=True)
    return (draws[0].unit_cost, draws[0].layer_id) if draws else (cost, None)
