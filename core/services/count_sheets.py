"""A count sheet compared: per product expected, found, surplus and shortage."""

from __future__ import annotations

from core.domain.counting import ScanKind, compare
from core.domain.errors import NotFound
from core.i18n import _
from core.persistence.counts_repo import ScanRow, SheetRow
from core.persistence.unit_of_work import UnitOfWork
from core.services.counting import FOUND_KINDS
from core.views import OpenSheet, ProductCount, SheetView

_COUNTED_KINDS = frozenset((*FOUND_KINDS, ScanKind.QUANTITY.value))
"""Scans that count towards what was found: units by SN and quantities."""


def open_sheets(uow: UnitOfWork, site: str | None = None) -> list[OpenSheet]:
    """Count sheets still open (at one location, or at every one), the latest first."""
    return uow.counts.open_sheets(site)


def view(uow: UnitOfWork, number: str) -> SheetView:
    """The sheet compared: per product expected, found, surplus and shortage."""
    sheet = uow.counts.get(number)
    if sheet is None:
        raise NotFound(_("There is no count sheet {number}.").format(number=number.strip()))
    return sheet_view(uow, sheet)


def sheet_view(uow: UnitOfWork, sheet: SheetRow) -> SheetView:
    # The scans first: read while the million expected serial numbers are not yet in
    # memory, the garbage collector's passes over their hundred thousand rows stay short.
    scans = uow.counts.scans(sheet.id)
    expected, expected_qty = uow.counts.expected(sheet.id)
    found: dict[int, set[str]] = {}
    counted: dict[int, int] = {}
    by_kind: dict[str, list[ScanRow]] = {}
    surplus_kind: dict[str, str] = {}
    for row in scans:
        by_kind.setdefault(row.kind, []).append(row)
        if row.product_id is None or row.kind not in _COUNTED_KINDS:
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
        extra, missing = balance.surplus, balance.shortage
        fixable = [s for s in extra if surplus_kind.get(s) != ScanKind.UNEXPECTED]
        products.append(
            ProductCount(
                product.sku,
                product.name,
                product.tracking.value,
                balance,
                tuple(sorted(extra)),
                tuple(sorted(missing)),
                bool(missing) and bool(fixable or unknown),
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
        codes(ScanKind.IN_REPAIR),
    )
