"""Correcting serial numbers recorded wrongly, keeping the original and the fix in the ledger."""

from __future__ import annotations

from core.commands import CorrectReceiptSerials
from core.domain.catalogue import Product
from core.domain.errors import DomainError, InputError, NotFound
from core.domain.movements import DocumentKind, DocumentRef, Location
from core.domain.tracking import Operation
from core.domain.units import state_name
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.checks import check_unit
from core.services.posting import Posting


def receipt_serials(uow: UnitOfWork, receipt: DocumentRef) -> dict[int, list[str]]:
    """The serial numbers of each line of a receipt as they stand now, corrections applied."""
    by_line: dict[int, list[str]] = {}
    product_of: dict[int, int] = {}
    for movement in uow.movements.for_document(receipt.id):
        if movement.serial is not None and movement.line_id is not None:
            by_line.setdefault(movement.line_id, []).append(movement.serial)
            product_of[movement.line_id] = movement.product_id
    for fix in uow.movements.with_origin(receipt.id):
        if fix.note and fix.serial and fix.to_location is Location.STORE:
            for line_id, serials in by_line.items():
                if product_of[line_id] == fix.product_id and fix.note in serials:
                    serials[serials.index(fix.note)] = fix.serial
                    break
    return by_line


def correct_receipt_serials(cmd: CorrectReceiptSerials, uow: UnitOfWork, ctx: Context) -> Posted:
    """Replace wrong serial numbers of a posted receipt; each unit must still be in stock."""
    if not cmd.replacements:
        raise InputError(_("Give at least one pair OLD=NEW."))
    with uow:
        receipt = uow.documents.get(cmd.receipt_number)
        if receipt is None or receipt.ref.kind is not DocumentKind.RECEIPT:
            raise NotFound(
                _("There is no receipt numbered {number}.").format(number=cmd.receipt_number)
            )
        current = receipt_serials(uow, receipt.ref)
        owner = _line_products(uow, receipt.ref.id)
        posting = Posting(
            uow,
            ctx,
            DocumentKind.CORRECTION,
            ctx.clock.today(),
            party=receipt.ref.party,
            reason=cmd.reason,
            ref_id=receipt.ref.id,
        )
        with posting.refusals_first():
            for old_raw, new_raw in cmd.replacements:
                line_id, product = _find_on_receipt(
                    uow, current, owner, old_raw, receipt.ref.number
                )
                old = product.policy.rule.normalise(old_raw)
                _replace(posting, product, receipt.ref, line_id, old, new_raw)
                current[line_id][current[line_id].index(old)] = product.policy.rule.normalise(
                    new_raw
                )
        return posting.finish(total=0)


def _line_products(uow: UnitOfWork, document_id: int) -> dict[int, int]:
    return {line.id: line.product_id for line in uow.documents.lines(document_id)}


def _find_on_receipt(
    uow: UnitOfWork,
    current: dict[int, list[str]],
    owner: dict[int, int],
    raw: str,
    number: str,
) -> tuple[int, Product]:
    for line_id, serials in current.items():
        product = uow.catalogue.product_by_id(owner[line_id])
        if product.policy.rule.normalise(raw) in serials:
            return line_id, product
    raise NotFound(
        _("Receipt {number} has no serial number {serial}.").format(
            number=number, serial=raw.strip()
        )
    )


def _replace(
    posting: Posting, product: Product, receipt: DocumentRef, line_id: int, old: str, new_raw: str
) -> None:
    unit = posting.unit(product, old)
    if unit is None or unit.location is not Location.STORE or unit.received_doc != receipt.number:
        raise DomainError(
            _(
                "SN {serial} of {product} is no longer in stock from {receipt} "
                "({state}): only units still in stock can be corrected on the receipt."
            ).format(
                serial=old,
                product=product.label(),
                receipt=receipt.number,
                state=state_name(unit.state if unit else None),
            ),
            rule="correction_not_in_stock",
        )
    line = posting.add_line(product, 1, unit.cost)
    new, _was = check_unit(posting, Operation.CORRECT_IN, product, new_raw)
    if new is None:
        raise InputError(_("Give the right serial number to replace {serial}.").format(serial=old))
    if new == old:
        raise InputError(_("SN {serial} would be replaced by itself.").format(serial=old))
    for source, target, serial, other in (
        (Location.STORE, Location.VOID, old, new),
        (Location.VOID, Location.STORE, new, old),
    ):
        posting.move(
            posting.movement(
                product,
                source,
                target,
                line_id=line,
                serial=serial,
                unit_cost=unit.cost,
                origin=receipt,
                note=other,
            )
        )
