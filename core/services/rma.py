"""Supplier RMAs: units in repair sent to their supplier for a warranty decision, and the
supplier's answer per unit — repaired, replaced by a new SN, or credited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from core.domain.errors import DomainError, NotFound
from core.domain.kinds import DocumentKind, Operation
from core.domain.repairs import RepairStatus
from core.domain.units import Location
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.repair_commands import AnswerRma, SendToSupplier
from core.repair_views import OrderRow, RmaRow
from core.results import Posted
from core.services.checks import check_unit
from core.services.posting import Posting
from core.services.queries import find_units, spellings
from core.services.repair_intake import choose_unit
from core.services.repair_ledger import record_status, step_posting

ANSWERS = ("repaired", "credited", "replaced")
"""What a supplier may answer for a unit."""


def send(cmd: SendToSupplier, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post an RMA: every unit moves repair → supplier; open orders show at the supplier."""
    on = cmd.on or ctx.clock.today()
    if not cmd.serials:
        raise DomainError(_("Name at least one serial number to send."), rule="rma_empty")
    with uow:
        posting = Posting(uow, ctx, DocumentKind.RMA, on, party=cmd.supplier.strip())
        sent: list[tuple[int, str]] = []
        with posting.refusals_first():
            for raw in cmd.serials:
                sent.append(_send_one(posting, raw))
        posted = posting.finish(total=0)
        if not uow.checking:
            for product_id, serial in sent:
                order = _order_of(uow, serial)
                uow.repairs.add_rma_unit(
                    posting.document.id, product_id, serial, order.id if order else None, on
                )
                if order and order.status in _SENDABLE:
                    record_status(uow, ctx, order, RepairStatus.AT_SUPPLIER, on, posted.number)
        return posted


_SENDABLE = (RepairStatus.ACCEPTED, RepairStatus.IN_REPAIR, RepairStatus.BACK_FROM_SUPPLIER)


def _send_one(posting: Posting, raw: str) -> tuple[int, str]:
    units = find_units(posting.uow, raw)
    if not units:
        raise NotFound(_("SN {serial} was never recorded here.").format(serial=raw.strip()))
    unit = choose_unit(posting.uow, units, raw.strip())
    product = posting.uow.catalogue.product_by_id(unit.product_id)
    serial, was = check_unit(posting, Operation.RMA_SEND, product, unit.serial)
    assert serial is not None
    line_id = posting.add_line(product, 1, 0)
    posting.move(
        posting.movement(
            product,
            Location.REPAIR,
            Location.SUPPLIER,
            line_id=line_id,
            serial=serial,
            unit_cost=was.cost if was else 0,
        )
    )
    return product.id, serial


def _order_of(uow: UnitOfWork, serial: str) -> OrderRow | None:
    """The order whose unit this is: the open one, else the last one that held it."""
    held = [o for o in uow.repairs.orders_of_serials([serial]) if o.unit_serial == serial]
    open_orders = [o for o in held if o.status.is_open]
    chosen = open_orders or held
    return chosen[-1] if chosen else None


def answer(cmd: AnswerRma, uow: UnitOfWork, ctx: Context) -> str:
    """Record the supplier's answer for one unit; the answer's document number, or the RMA's
    when nothing moved (credited)."""
    if cmd.answer not in ANSWERS:
        raise DomainError(
            _("The answer is one of repaired, credited, replaced:NEW_SN."), rule="rma_answer"
        )
    if cmd.answer == "replaced" and not (cmd.new_serial or "").strip():
        raise DomainError(_("A replacement names the new SN: replaced:NEW_SN."), rule="rma_answer")
    on = cmd.on or ctx.clock.today()
    with uow:
        unit_id, product_id, row = _unanswered(uow, cmd)
        order = _order_of(uow, row.serial)
        order = order if order and order.status.is_open else None
        if cmd.answer == "credited":
            uow.repairs.answer_rma(unit_id, "credited", on, None)
            return row.rma
        rma = uow.documents.get(row.rma)
        assert rma is not None
        posting = step_posting(
            uow, ctx, DocumentKind.RMA, (rma.ref.id, rma.ref.number), on, party=row.supplier
        )
        product = uow.catalogue.product_by_id(product_id)
        raw = row.serial if cmd.answer == "repaired" else (cmd.new_serial or "")
        with posting.refusals_first():
            serial, _was = check_unit(posting, Operation.RMA_RECEIVE, product, raw)
            assert serial is not None
            old = posting.unit(product, row.serial)
            line_id = posting.add_line(product, 1, 0)
            posting.move(
                posting.movement(
                    product,
                    Location.SUPPLIER,
                    Location.REPAIR,
                    line_id=line_id,
                    serial=serial,
                    unit_cost=old.cost if old else 0,
                )
            )
        posted = posting.finish(total=0)
        if uow.checking:
            return posted.number
        new = serial if cmd.answer == "replaced" else None
        uow.repairs.answer_rma(unit_id, cmd.answer, on, new)
        if new:
            uow.repairs.add_link(
                old_product_id=product.id,
                old_serial=row.serial,
                new_product_id=product.id,
                new_serial=new,
                order_id=order.id if order else None,
                document_id=posting.document.id,
                fresh_warranty=False,
            )
            if order:
                uow.repairs.set_unit(order.id, product.id, new)
        if order:
            record_status(uow, ctx, order, RepairStatus.BACK_FROM_SUPPLIER, on, posted.number)
        return posted.number


def _unanswered(uow: UnitOfWork, cmd: AnswerRma) -> tuple[int, int, RmaRow]:
    """The RMA's unit that waits for an answer."""
    rows = [
        found
        for variant in spellings(cmd.serial)
        for found in uow.repairs.rma_units(rma=cmd.rma, serial=variant)
    ]
    if not rows:
        raise NotFound(
            _("SN {serial} is not on RMA {rma}.").format(
                serial=cmd.serial.strip(), rma=cmd.rma.strip()
            )
        )
    waiting = [r for r in rows if r[2].answer is None]
    if not waiting:
        raise DomainError(
            _("SN {serial} on RMA {rma} has its answer already: {answer}.").format(
                serial=rows[-1][2].serial, rma=rows[-1][2].rma, answer=rows[-1][2].answer
            ),
            rule="rma_answered",
        )
    return waiting[-1]


def at_suppliers(uow: UnitOfWork, as_of: date) -> list[RmaRow]:
    """Units at suppliers waiting for an answer, with the days waited so far."""
    rows = uow.repairs.rma_units(unanswered=True)
    return [replace(row, days_waited=(as_of - row.sent_on).days) for _id, _pid, row in rows]
