"""Counting stock by serial number: open a sheet over a scope and classify each scan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.domain import limits
from core.domain.catalogue import Product
from core.domain.counting import ScanKind, UnitSeen, classify_serial
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.ledger_fold import SerialState
from core.domain.movements import DocumentKind, UnitState
from core.i18n import _
from core.persistence.counts_repo import ScanRow, SheetRow
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services.catalogue import clean_path
from core.services.checks import require_product
from core.services.queries import spellings
from core.views import CountScope, ScanResult

SURPLUS_KINDS = (ScanKind.SOLD.value, ScanKind.ELSEWHERE.value, ScanKind.UNEXPECTED.value)
FOUND_KINDS = (ScanKind.EXPECTED.value, *SURPLUS_KINDS)


@dataclass(frozen=True)
class SheetOpened:
    """A new sheet and what it expects."""

    number: str
    products: int
    expected_units: int


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
            number,
            scope.describe(),
            ctx.clock.now(),
            ctx.clock.today(),
            ctx.till,
            ctx.operator,
            ctx.site,
        )
        uow.counts.cover(sheet_id, ids)
        untracked = [p for p in ids if not uow.catalogue.product_by_id(p).tracked]
        uow.counts.snapshot(sheet_id, untracked, ctx.site)
        expected, _quantities = uow.counts.expected(sheet_id)
        return SheetOpened(number, len(ids), sum(len(s) for s in expected.values()))


def require_open(uow: UnitOfWork, number: str) -> SheetRow:
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
        sheet = require_open(uow, number)
        return _Classifier(uow, sheet).run(codes, ctx)


class _Classifier:
    """Classifies a batch of scans with a few queries per 500 codes."""

    def __init__(self, uow: UnitOfWork, sheet: SheetRow) -> None:
        self.uow, self.sheet = uow, sheet
        self.site = uow.counts.site(sheet.id)
        """The location this sheet counts."""
        self.scope = uow.counts.products(sheet.id)
        self.products: dict[int, Product] = {}

    def product(self, pid: int) -> Product:
        if pid not in self.products:
            self.products[pid] = self.uow.catalogue.product_by_id(pid)
        return self.products[pid]

    def elsewhere(self, unit: SerialState) -> str | None:
        """The other location a unit is in stock at, if it is."""
        if unit.state is UnitState.IN_STOCK and unit.site != self.site:
            return unit.site
        return None

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
                        self.elsewhere(state),
                    )
                )
        aliases = self.aliases(variants, expected, scanned, units)
        results, rows = [], []
        for code in cleaned:
            result, row = self.one(code, expected, scanned, units, aliases)
            results.append(result)
            rows.append(row)
        self.uow.counts.add_scans(self.sheet.id, ctx.clock.now(), rows)
        return results

    def aliases(
        self,
        variants: list[str],
        expected: dict[str, int],
        scanned: set[str],
        units: dict[str, list[UnitSeen]],
    ) -> dict[str, str]:
        """Codes that are a unit's other identifier (IMEI 2), with the unit's serial number;
        the units they name join ``expected``, ``scanned`` and ``units``."""
        unknown = [v for v in variants if v not in expected and v not in units]
        aliases = {code: serial for _pid, serial, code in self.uow.identifiers.owners(unknown)}
        if not aliases:
            return aliases
        serials = list(dict.fromkeys(aliases.values()))
        expected.update(self.uow.counts.expected_among(self.sheet.id, serials))
        scanned.update(self.uow.counts.scanned_among(self.sheet.id, serials))
        for start in range(0, len(serials), 500):
            for state in self.uow.units.by_serial(serials[start : start + 500]):
                units.setdefault(state.serial, []).append(
                    UnitSeen(
                        state.product_id,
                        state.state,
                        state.product_id in self.scope,
                        state.sale_doc,
                        self.elsewhere(state),
                    )
                )
        return aliases

    def one(
        self,
        code: str,
        expected: dict[str, int],
        scanned: set[str],
        units: dict[str, list[UnitSeen]],
        aliases: dict[str, str],
    ) -> tuple[ScanResult, ScanRow]:
        if "*" in code:
            return self.quantity(code)
        serial = next(
            (v for v in spellings(code) if v in expected or v in units),
            next((aliases[v] for v in spellings(code) if v in aliases), code.upper()),
        )
        seen = units.get(serial, [])
        if seen and serial not in expected and all(u.state is UnitState.IN_KIT for u in seen):
            serial, seen = self.kit_of_part(serial, seen[0], expected, units)
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
                else unit.elsewhere
                if unit and kind is ScanKind.OTHER_LOCATION
                else None
            )
        )
        sku = self.product(pid).sku if pid else None
        return (
            ScanResult(code, kind, serial, sku, detail),
            ScanRow(code, serial, pid, 1, kind.value, detail),
        )

    def kit_of_part(
        self,
        serial: str,
        part: UnitSeen,
        expected: dict[str, int],
        units: dict[str, list[UnitSeen]],
    ) -> tuple[str, list[UnitSeen]]:
        """A part inside an assembled kit counts the kit: the kit's SN and its unit.

        The parts of an assembled kit are in the kit, not loose on the shelf, so the count
        expects the kit by its own SN; the label of any part found stands for the kit."""
        holder = self.uow.kits.kit_holding(part.product_id, serial)
        if holder is None:
            return serial, [part]
        kit_id, kit_serial = holder
        if kit_serial not in units:
            expected.update(self.uow.counts.expected_among(self.sheet.id, [kit_serial]))
            kit = self.uow.units.get(kit_id, kit_serial)
            if kit is not None:
                units[kit_serial] = [
                    UnitSeen(kit_id, kit.state, kit_id in self.scope, kit.sale_doc)
                ]
        return kit_serial, units.get(kit_serial, [])

    def quantity(self, code: str, product: Product | None = None) -> tuple[ScanResult, ScanRow]:
        """A product code counted by quantity: ``CODE`` or ``CODE*QTY``."""
        name, _star, amount = code.partition("*")
        if product is None:
            product = require_product(self.uow, name)
        quantity = _counted(code, amount)
        if product.tracked:
            kind = ScanKind.PRODUCT_BARCODE
        else:
            kind = ScanKind.QUANTITY if product.id in self.scope else ScanKind.OUTSIDE
        return (
            ScanResult(code, kind, None, product.sku, None),
            ScanRow(code, None, product.id, quantity, kind.value, None),
        )


def _counted(code: str, amount: str) -> int:
    """The quantity after ``*`` in a scanned ``CODE*QTY`` (1 when none is written)."""
    written = amount.strip()
    if not written:
        return 1
    if not re.fullmatch(r"[0-9]{1,9}", written):
        raise InputError(
            _("“{code}” counts “{amount}”: write a whole number from 1 to {limit}.").format(
                code=limits.shown(code), amount=limits.shown(written), limit=limits.MAX_QUANTITY
            )
        )
    return limits.quantity(_("Quantity of {code}").format(code=limits.shown(code)), int(written))
