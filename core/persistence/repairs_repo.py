"""Repair orders, their status changes, parts and labour, replacement lineage and RMA units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from core.domain.repairs import RepairStatus
from core.persistence.db import Sql, as_date, as_datetime
from core.repair_views import OrderLine, OrderRow, RmaRow, SerialLinkRow, StatusChange

_ORDER_COLUMNS = (
    "id, document_id, number, serial, product_id, unit_serial, unit_product_id, device, "
    "sold_by_us, customer, phone, complaint, accessories, condition, warranty, warranty_end, "
    "override_reason, estimate, technician, status, status_reason, opened_on, closed_on"
)


def _order(row: Sequence[Any]) -> OrderRow:
    opened = as_date(row[21])
    assert opened is not None
    return OrderRow(
        id=row[0],
        document_id=row[1],
        number=row[2],
        serial=row[3],
        product_id=row[4],
        unit_serial=row[5],
        unit_product_id=row[6],
        device=row[7],
        sold_by_us=bool(row[8]),
        customer=row[9],
        phone=row[10],
        complaint=row[11],
        accessories=row[12],
        condition=row[13],
        warranty=bool(row[14]),
        warranty_end=as_date(row[15]),
        override_reason=row[16],
        estimate=None if row[17] is None else int(row[17]),
        technician=row[18],
        status=RepairStatus(row[19]),
        status_reason=row[20],
        opened_on=opened,
        closed_on=as_date(row[22]),
    )


_OPEN = tuple(s.value for s in RepairStatus if s.is_open)
_OPEN_MARKS = ", ".join("?" for _ in _OPEN)


class RepairRepository:
    """Reads and writes repair orders and RMA units."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def add_order(self, **values: Any) -> int:
        """Insert an order's header; its id."""
        names = list(values)
        marks = ", ".join("?" for _ in names)
        return self.sql.insert(
            f"INSERT INTO repair_order ({', '.join(names)}) VALUES ({marks}) RETURNING id",
            [values[n] for n in names],
        )

    def order(self, number: str, *, lock: bool = False) -> OrderRow | None:
        """An order by its number (locked for a change when asked)."""
        suffix = self.sql.for_update if lock else ""
        row = self.sql.row(
            f"SELECT {_ORDER_COLUMNS} FROM repair_order WHERE number = ?{suffix}",
            (number.strip().upper(),),
        )
        return None if row is None else _order(row)

    def orders(self, *, open_only: bool = False, status: str | None = None) -> list[OrderRow]:
        """Orders, oldest first; only open ones, or of one status, when asked."""
        where: list[str] = []
        params: list[Any] = []
        if open_only:
            where.append(f"status IN ({_OPEN_MARKS})")
            params.extend(_OPEN)
        if status:
            where.append("status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.sql.rows(
            f"SELECT {_ORDER_COLUMNS} FROM repair_order{clause} ORDER BY id", params
        )
        return [_order(r) for r in rows]

    def open_order_for(self, product_id: int | None, serial: str) -> str | None:
        """The number of the open order holding this unit (a device outside the ledger when
        ``product_id`` is None), if any."""
        product = "unit_product_id IS NULL" if product_id is None else "unit_product_id = ?"
        found: str | None = self.sql.scalar(
            f"SELECT number FROM repair_order WHERE {product} AND unit_serial = ? "
            f"AND status IN ({_OPEN_MARKS}) ORDER BY id DESC",
            (*([] if product_id is None else [product_id]), serial, *_OPEN),
        )
        return found

    def orders_of_serials(self, serials: Sequence[str]) -> list[OrderRow]:
        """Every order that took in or held one of these serial numbers, oldest first."""
        if not serials:
            return []
        marks = ", ".join("?" for _ in serials)
        rows = self.sql.rows(
            f"SELECT {_ORDER_COLUMNS} FROM repair_order WHERE serial IN ({marks}) "
            f"OR unit_serial IN ({marks}) ORDER BY id",
            (*serials, *serials),
        )
        return [_order(r) for r in rows]

    def set_status(
        self, order_id: int, status: RepairStatus, reason: str | None, closed_on: date | None
    ) -> None:
        """Record the order's status now."""
        self.sql.run(
            "UPDATE repair_order SET status = ?, status_reason = ?, closed_on = ? WHERE id = ?",
            (status.value, reason, closed_on, order_id),
        )

    def set_unit(self, order_id: int, product_id: int, serial: str) -> None:
        """The order holds another unit now (the supplier's replacement)."""
        self.sql.run(
            "UPDATE repair_order SET unit_product_id = ?, unit_serial = ? WHERE id = ?",
            (product_id, serial, order_id),
        )

    def add_change(
        self,
        order_id: int,
        status: RepairStatus,
        reason: str | None,
        on: date,
        at: datetime,
        till: str,
        operator: str,
    ) -> None:
        """Append a dated status change."""
        self.sql.run(
            "INSERT INTO repair_status_change (order_id, status, reason, day, at, till, operator) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (order_id, status.value, reason, on, at, till, operator),
        )

    def changes(self, order_id: int) -> list[StatusChange]:
        """An order's status changes in order."""
        rows = self.sql.rows(
            "SELECT status, reason, day, at, till, operator FROM repair_status_change "
            "WHERE order_id = ? ORDER BY id",
            (order_id,),
        )
        return [_change(r) for r in rows]

    def changes_of_serials(self, serials: Sequence[str]) -> list[tuple[str, StatusChange]]:
        """Status changes of every order of these serial numbers, with the order's number."""
        if not serials:
            return []
        marks = ", ".join("?" for _ in serials)
        rows = self.sql.rows(
            "SELECT o.number, c.status, c.reason, c.day, c.at, c.till, c.operator "
            "FROM repair_status_change c JOIN repair_order o ON o.id = c.order_id "
            f"WHERE o.serial IN ({marks}) OR o.unit_serial IN ({marks}) ORDER BY c.id",
            (*serials, *serials),
        )
        return [(r[0], _change(r[1:])) for r in rows]

    def step_count(self, document_id: int) -> int:
        """How many documents were numbered after this one (an order's or an RMA's steps)."""
        return int(
            self.sql.scalar("SELECT COUNT(*) FROM document WHERE ref_id = ?", (document_id,)) or 0
        )

    def add_line(self, order_id: int, kind: str, **values: Any) -> None:
        """Append a part or labour line to an order."""
        names = ["order_id", "kind", *values]
        marks = ", ".join("?" for _ in names)
        self.sql.run(
            f"INSERT INTO repair_line ({', '.join(names)}) VALUES ({marks})",
            (order_id, kind, *values.values()),
        )

    def lines(self, order_id: int) -> list[OrderLine]:
        """An order's parts and labour in order."""
        rows = self.sql.rows(
            "SELECT l.kind, p.sku, p.name, l.serial, l.quantity, l.text, l.price, l.cost, "
            "d.number FROM repair_line l LEFT JOIN product p ON p.id = l.product_id "
            "LEFT JOIN document d ON d.id = l.document_id WHERE l.order_id = ? ORDER BY l.id",
            (order_id,),
        )
        return [
            OrderLine(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]), r[8]) for r in rows
        ]

    def add_link(self, **values: Any) -> None:
        """Record that one unit replaced another."""
        names = list(values)
        marks = ", ".join("?" for _ in names)
        self.sql.run(
            f"INSERT INTO serial_link ({', '.join(names)}) VALUES ({marks})",
            [values[n] for n in names],
        )

    def links(self) -> list[SerialLinkRow]:
        """Every replacement, oldest first (few: one per replaced unit)."""
        rows = self.sql.rows(
            "SELECT op.sku, l.old_serial, np.sku, l.new_serial, o.number, d.number, d.date, "
            "l.fresh_warranty, l.reason FROM serial_link l "
            "JOIN product op ON op.id = l.old_product_id "
            "JOIN product np ON np.id = l.new_product_id "
            "LEFT JOIN repair_order o ON o.id = l.order_id "
            "JOIN document d ON d.id = l.document_id ORDER BY l.id"
        )
        return [
            SerialLinkRow(r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6]), bool(r[7]), r[8])
            for r in rows
        ]

    def add_rma_unit(
        self, rma_id: int, product_id: int, serial: str, order_id: int | None, sent_on: date
    ) -> None:
        """A unit sent on an RMA."""
        self.sql.run(
            "INSERT INTO rma_unit (rma_id, product_id, serial, order_id, sent_on) "
            "VALUES (?, ?, ?, ?, ?)",
            (rma_id, product_id, serial, order_id, sent_on),
        )

    def rma_units(
        self, *, unanswered: bool = False, rma: str | None = None, serial: str | None = None
    ) -> list[tuple[int, int, RmaRow]]:
        """RMA units with their ids and product ids, oldest first."""
        where: list[str] = []
        params: list[Any] = []
        if unanswered:
            where.append("u.answer IS NULL")
        if rma:
            where.append("d.number = ?")
            params.append(rma.strip().upper())
        if serial:
            where.append("u.serial = ?")
            params.append(serial)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.sql.rows(
            "SELECT u.id, u.product_id, d.number, d.party, p.sku, u.serial, o.number, u.sent_on, "
            "u.answer, u.answered_on, u.new_serial FROM rma_unit u "
            "JOIN document d ON d.id = u.rma_id JOIN product p ON p.id = u.product_id "
            f"LEFT JOIN repair_order o ON o.id = u.order_id{clause} ORDER BY u.id",
            params,
        )
        return [
            (
                r[0],
                r[1],
                RmaRow(r[2], r[3], r[4], r[5], r[6], _day(r[7]), r[8], as_date(r[9]), r[10], 0),
            )
            for r in rows
        ]

    def answer_rma(self, unit_id: int, answer: str, on: date, new_serial: str | None) -> None:
        """Record the supplier's answer for one unit."""
        self.sql.run(
            "UPDATE rma_unit SET answer = ?, answered_on = ?, new_serial = ? WHERE id = ?",
            (answer, on, new_serial, unit_id),
        )

    def payment_of(self, number: str) -> tuple[str, str] | None:
        """The step of an order that took its payment: its number and how it was paid."""
        row = self.sql.row(
            "SELECT d.number, d.payment FROM document d JOIN repair_order o "
            "ON d.ref_id = o.document_id WHERE o.number = ? AND d.payment IS NOT NULL "
            "ORDER BY d.id DESC",
            (number,),
        )
        return None if row is None else (row[0], row[1])

    def sent_defective(self, product_id: int, serial: str) -> tuple[str, date] | None:
        """The RMA that last sent this unit to its supplier and did not get it back."""
        row = self.sql.row(
            "SELECT d.number, u.sent_on FROM rma_unit u JOIN document d ON d.id = u.rma_id "
            "WHERE u.product_id = ? AND u.serial = ? AND (u.answer IS NULL OR u.answer <> ?) "
            "ORDER BY u.id DESC",
            (product_id, serial, "repaired"),
        )
        return None if row is None else (row[0], _day(row[1]))


def _day(value: Any) -> date:
    day = as_date(value)
    assert day is not None
    return day


def _change(row: Sequence[Any]) -> StatusChange:
    at = as_datetime(row[3])
    assert at is not None
    return StatusChange(RepairStatus(row[0]), row[1], _day(row[2]), at, row[4], row[5])
