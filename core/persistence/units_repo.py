"""The serial_unit projection: each unit's current place, read and written conditionally."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peewee import IntegrityError

from core.domain.errors import ConflictError
from core.domain.ledger_fold import SerialState
from core.domain.movements import Location
from core.i18n import _
from core.persistence.db import Sql, as_date

_COLUMNS = (
    "product_id, serial, location, cost, received_doc, received_on, supplier, sale_doc, "
    "sold_on, customer, phone, price, warranty_end, site"
)
_INSERT_COLUMNS = (*_COLUMNS.split(", "), "state")
_UPDATE = (
    "UPDATE serial_unit SET location = ?, state = ?, cost = ?, received_doc = ?, "
    "received_on = ?, supplier = ?, sale_doc = ?, sold_on = ?, customer = ?, phone = ?, "
    "price = ?, warranty_end = ?, site = ? "
    "WHERE product_id = ? AND serial = ? AND location = ? AND site = ?"
)


def state_from_row(row: Sequence) -> SerialState:
    """A SerialState from a row selected with the projection's columns in order."""
    return SerialState(
        product_id=row[0],
        serial=row[1],
        location=Location(row[2]),
        cost=int(row[3]),
        received_doc=row[4],
        received_on=as_date(row[5]),
        supplier=row[6],
        sale_doc=row[7],
        sold_on=as_date(row[8]),
        customer=row[9],
        phone=row[10],
        price=None if row[11] is None else int(row[11]),
        warranty_end=as_date(row[12]),
        site=row[13],
    )


def _values(state: SerialState) -> tuple:
    return (
        state.cost,
        state.received_doc,
        state.received_on,
        state.supplier,
        state.sale_doc,
        state.sold_on,
        state.customer,
        state.phone,
        state.price,
        state.warranty_end,
        state.site,
    )


class UnitRepository:
    """Reads serial units and saves their new state only if nobody moved them meanwhile."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def get(self, product_id: int, serial: str, *, lock: bool = False) -> SerialState | None:
        """One product's unit with this serial number (row-locked on PostgreSQL if asked)."""
        suffix = self.sql.for_update if lock else ""
        row = self.sql.row(
            f"SELECT {_COLUMNS} FROM serial_unit WHERE product_id = ? AND serial = ?{suffix}",
            (product_id, serial),
        )
        return None if row is None else state_from_row(row)

    def get_many(self, product_id: int, serials: Sequence[str]) -> dict[str, SerialState]:
        """One product's units among these serial numbers, keyed by serial."""
        found: dict[str, SerialState] = {}
        for start in range(0, len(serials), 500):
            chunk = serials[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.sql.rows(
                f"SELECT {_COLUMNS} FROM serial_unit WHERE product_id = ? "
                f"AND serial IN ({marks}){self.sql.for_update}",
                (product_id, *chunk),
            )
            found.update((row[1], state_from_row(row)) for row in rows)
        return found

    def lock(self, units: Sequence[tuple[int, str]]) -> None:
        """Row-lock these units (product id, serial) on PostgreSQL, in product and serial
        order, so two documents naming the same units in any order never deadlock."""
        if not self.sql.for_update:
            return
        by_product: dict[int, list[str]] = {}
        for product_id, serial in sorted(set(units)):
            by_product.setdefault(product_id, []).append(serial)
        for product_id, serials in by_product.items():
            for start in range(0, len(serials), 500):
                chunk = serials[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                self.sql.rows(
                    f"SELECT id FROM serial_unit WHERE product_id = ? AND serial IN ({marks}) "
                    f"ORDER BY serial{self.sql.for_update}",
                    (product_id, *chunk),
                )

    def by_serial(self, serials: Sequence[str]) -> list[SerialState]:
        """Every product's unit with any of these spellings of a serial number."""
        marks = ", ".join("?" for _ in serials)
        rows = self.sql.rows(
            f"SELECT {_COLUMNS} FROM serial_unit WHERE serial IN ({marks}) ORDER BY id", serials
        )
        return [state_from_row(row) for row in rows]

    def in_stock_as(self, serial: str, other_than: int) -> tuple[str, ...]:
        """SKUs of other products that hold this serial number in stock."""
        rows = self.sql.rows(
            "SELECT p.sku FROM serial_unit u JOIN product p ON p.id = u.product_id "
            "WHERE u.serial = ? AND u.location = ? AND u.product_id <> ?",
            (serial, Location.STORE.value, other_than),
        )
        return tuple(sku for (sku,) in rows)

    def insert_many(self, states: Iterable[SerialState]) -> None:
        """Insert units new to this product; a unit inserted meanwhile by another till fails."""
        rows = [
            (s.product_id, s.serial, s.location.value, *_values(s), s.state.value) for s in states
        ]
        try:
            self.sql.insert_rows("serial_unit", _INSERT_COLUMNS, rows)
        except IntegrityError as exc:
            raise ConflictError(
                _(
                    "Another till recorded one of these serial numbers a moment ago: "
                    "nothing was saved, check the serial numbers and post again."
                ),
                rule="concurrent_change",
            ) from exc

    def replace(self, new: SerialState, was: SerialState) -> None:
        """Write a unit's new state, refusing if another till moved it since it was read.

        On PostgreSQL the unit's row was locked when this transaction read it (``FOR
        UPDATE``), so nobody can have moved it: the update is sent with the next statement
        and cannot miss. SQLite checks the count of rows changed."""
        params = (
            new.location.value,
            new.state.value,
            *_values(new),
            new.product_id,
            new.serial,
            was.location.value,
            was.site,
        )
        if self.sql.postgres and self.sql.for_update:
            self.sql.later(_UPDATE, params)
            return
        if self.sql.run(_UPDATE, params) != 1:
            raise ConflictError(
                _(
                    "SN {serial} was moved by another till a moment ago: "
                    "nothing was saved, scan it again."
                ).format(serial=new.serial),
                rule="concurrent_change",
            )
