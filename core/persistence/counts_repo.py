"""Count sheets: scope, the expected snapshot, scans and replacements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from core.domain.movements import Location
from core.domain.sites import MAIN_SITE
from core.i18n import _
from core.persistence.db import Sql, as_date
from core.views import OpenSheet


@dataclass(frozen=True)
class SheetRow:
    """A count sheet's header."""

    id: int
    number: str
    scope: str
    status: str
    opened_on: date
    document_id: int | None


class ScanRow(NamedTuple):
    """One stored scan (a named tuple: a sheet's view reads a hundred thousand of them)."""

    code: str
    serial: str | None
    product_id: int | None
    quantity: int
    kind: str
    detail: str | None


_SEPARATOR = "\x1f"
"""Joins the serial numbers of a product read in one piece (a control character)."""


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class CountRepository:
    """Reads and writes count sheets."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def create(
        self,
        number: str,
        scope: str,
        at: datetime,
        on: date,
        till: str,
        operator: str,
        site: str = MAIN_SITE,
    ) -> int:
        """A new open sheet counting one location's stock; its id."""
        return self.sql.insert(
            "INSERT INTO count_sheet (number, scope, status, opened_at, opened_on, till, "
            "operator, site) VALUES (?, ?, 'open', ?, ?, ?, ?, ?) RETURNING id",
            (number, scope, at, on, till, operator, site),
        )

    def cover(self, sheet_id: int, product_ids: Sequence[int]) -> None:
        """Record the products the sheet covers."""
        self.sql.run_many(
            "INSERT INTO count_product (sheet_id, product_id) VALUES (?, ?)",
            [(sheet_id, pid) for pid in product_ids],
        )

    def snapshot(
        self, sheet_id: int, quantity_products: Sequence[int], site: str = MAIN_SITE
    ) -> None:
        """Copy the units in stock and the quantities on hand at the sheet's location."""
        self.sql.run(
            "INSERT INTO count_expected (sheet_id, product_id, serial, quantity) "
            "SELECT ?, u.product_id, u.serial, 1 FROM serial_unit u "
            "JOIN count_product c ON c.product_id = u.product_id AND c.sheet_id = ? "
            "WHERE u.location = ? AND u.site = ?",
            (sheet_id, sheet_id, Location.STORE.value, site),
        )
        self.sql.run_many(
            "INSERT INTO count_expected (sheet_id, product_id, serial, quantity) "
            "SELECT ?, product_id, NULL, on_hand FROM stock_level "
            "WHERE product_id = ? AND site = ?",
            [(sheet_id, pid, site) for pid in quantity_products],
        )

    def site(self, sheet_id: int) -> str:
        """The location a sheet counts."""
        return str(self.sql.scalar("SELECT site FROM count_sheet WHERE id = ?", (sheet_id,)))

    def get(self, number: str) -> SheetRow | None:
        """A sheet by number."""
        row = self.sql.row(
            "SELECT id, number, scope, status, opened_on, document_id FROM count_sheet "
            "WHERE number = ?",
            (number.strip().upper(),),
        )
        if row is None:
            return None
        opened = as_date(row[4])
        assert opened is not None
        return SheetRow(row[0], row[1], row[2], row[3], opened, row[5])

    def open_sheets(self, site: str | None = None) -> list[OpenSheet]:
        """Sheets still open (at one location, or at all), the latest first."""
        at = "" if site is None else " AND site = ?"
        rows = self.sql.rows(
            "SELECT number, scope, opened_on, operator FROM count_sheet WHERE status = 'open'"
            f"{at} ORDER BY id DESC",
            () if site is None else (site,),
        )
        return [OpenSheet(r[0], r[1], as_date(r[2]) or date.min, r[3]) for r in rows]

    def lock(self, sheet_id: int) -> None:
        """Lock the sheet row so two tills posting it queue (PostgreSQL)."""
        self.sql.rows(f"SELECT id FROM count_sheet WHERE id = ?{self.sql.for_update}", (sheet_id,))

    def products(self, sheet_id: int) -> set[int]:
        """Ids of the products the sheet covers."""
        rows = self.sql.rows("SELECT product_id FROM count_product WHERE sheet_id = ?", (sheet_id,))
        return {pid for (pid,) in rows}

    def expected_among(self, sheet_id: int, serials: Sequence[str]) -> dict[str, int]:
        """Which of these serial numbers the sheet expects, with their product."""
        found: dict[str, int] = {}
        for chunk in _chunks(serials):
            marks = ", ".join("?" for _ in chunk)
            rows = self.sql.rows(
                "SELECT serial, product_id FROM count_expected WHERE sheet_id = ? "
                f"AND serial IN ({marks})",
                (sheet_id, *chunk),
            )
            found.update((serial, pid) for serial, pid in rows)
        return found

    def scanned_among(self, sheet_id: int, serials: Sequence[str]) -> set[str]:
        """Which of these serial numbers were already scanned on the sheet."""
        found: set[str] = set()
        for chunk in _chunks(serials):
            marks = ", ".join("?" for _ in chunk)
            rows = self.sql.rows(
                "SELECT serial FROM count_scan WHERE sheet_id = ? AND kind <> 'duplicate' "
                f"AND serial IN ({marks})",
                (sheet_id, *chunk),
            )
            found.update(serial for (serial,) in rows)
        return found

    def add_scans(self, sheet_id: int, at: datetime, scans: Sequence[ScanRow]) -> None:
        """Store classified scans."""
        self.sql.run_many(
            "INSERT INTO count_scan (sheet_id, code, serial, product_id, quantity, kind, "
            "detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (sheet_id, s.code, s.serial, s.product_id, s.quantity, s.kind, s.detail, at)
                for s in scans
            ],
        )

    def scans(self, sheet_id: int, kinds: Sequence[str] | None = None) -> list[ScanRow]:
        """The sheet's scans, optionally of some kinds only, in order."""
        where, params = "sheet_id = ?", [sheet_id]
        if kinds:
            where += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params.extend(kinds)  # type: ignore[arg-type]
        rows = self.sql.rows(
            f"SELECT code, serial, product_id, quantity, kind, detail FROM count_scan "
            f"WHERE {where} ORDER BY id",
            params,
        )
        return list(map(ScanRow._make, rows))

    def expected(self, sheet_id: int) -> tuple[dict[int, set[str]], dict[int, int]]:
        """Expected serial numbers and quantities by product.

        Each product's serial numbers come back as one string joined by a control character
        (which serial numbers never hold: their rule strips them) and are split into a set:
        a sheet over a million units loads in a third of the time it takes as a million rows
        (whose tuples also keep the garbage collector busy). The count read alongside guards
        the join: a serial number holding the separator falls back to reading rows."""
        serials: dict[int, set[str]] = {}
        joined = (
            "string_agg(serial, chr(31))" if self.sql.postgres else "group_concat(serial, char(31))"
        )
        for product_id in sorted(self.products(sheet_id)):
            where = "WHERE sheet_id = ? AND product_id = ? AND serial IS NOT NULL"
            count, text = self.sql.row(
                f"SELECT COUNT(*), {joined} FROM count_expected {where}", (sheet_id, product_id)
            ) or (0, None)
            found = set(text.split(_SEPARATOR)) if text else set()
            if len(found) != count:
                rows = self.sql.rows(
                    f"SELECT serial FROM count_expected {where}", (sheet_id, product_id)
                )
                found = {serial for (serial,) in rows}
            if found:
                serials[product_id] = found
        quantities: dict[int, int] = {}
        for product_id, quantity in self.sql.rows(
            "SELECT product_id, quantity FROM count_expected WHERE sheet_id = ? AND serial IS NULL",
            (sheet_id,),
        ):
            quantities[product_id] = quantities.get(product_id, 0) + int(quantity)
        return serials, quantities

    def replacements(self, sheet_id: int) -> list[tuple[int, str, str, str]]:
        """(product, surplus SN, shortage SN, correction document) already done."""
        rows = self.sql.rows(
            "SELECT r.product_id, r.surplus, r.shortage, d.number FROM count_replacement r "
            "JOIN document d ON d.id = r.document_id WHERE r.sheet_id = ? ORDER BY r.id",
            (sheet_id,),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def add_replacement(
        self, sheet_id: int, product_id: int, surplus: str, shortage: str, document_id: int
    ) -> None:
        """Record a resolved surplus/shortage pair."""
        self.sql.run(
            "INSERT INTO count_replacement (sheet_id, product_id, surplus, shortage, document_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (sheet_id, product_id, surplus, shortage, document_id),
        )

    def close(self, sheet_id: int, document_id: int | None) -> None:
        """Mark the sheet posted, refusing if another till posted it first."""
        changed = self.sql.run(
            "UPDATE count_sheet SET status = 'posted', document_id = ? "
            "WHERE id = ? AND status = 'open'",
            (document_id, sheet_id),
        )
        if changed != 1:
            from core.domain.errors import ConflictError

            raise ConflictError(
                _("This count was posted by another till a moment ago."), rule="count_posted"
            )

    def last_move_out(self, product_id: int, serial: str) -> tuple[Any, ...] | None:
        """The last movement that took this unit out of the store: id, document id, to, price,
        warranty end, document number, kind."""
        return self.sql.row(
            "SELECT m.id, m.document_id, m.to_location, m.unit_price, m.warranty_end, "
            "d.number, d.kind FROM movement m JOIN document d ON d.id = m.document_id "
            "WHERE m.product_id = ? AND m.serial = ? AND m.from_location = ? "
            "ORDER BY m.id DESC LIMIT 1",
            (product_id, serial, Location.STORE.value),
        )
