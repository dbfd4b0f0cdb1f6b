"""Sales: every tracked unit by its serial number, costed by that very unit."""

from __future__ import annotations

from core.commands import Payment, RecordSale
from core.domain.errors import InputError
from core.domain.movements import DocumentKind
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.outgoing import group_items, take_out
from core.services.posting import Posting


def sell(cmd: RecordSale, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post a sale whole, or refuse it and write nothing."""
    if not cmd.items:
        raise InputError(_("A sale needs at least one item."))
    on = cmd.on or ctx.clock.today()
    with uow:
        lines = group_items(uow, cmd.items)
        total = sum(price * sum(i.quantity for i in items) for _product, price, items in lines)
        _check_payment(cmd, total)
        posting = Posting(
            uow,
            ctx,
            DocumentKind.SALE,
            on,
            party=(cmd.customer or "").strip() or None,
            phone=(cmd.phone or "").strip() or None,
        )
        with posting.refusals_first():
            for product, price, items in lines:
                quantity = sum(item.quantity for item in items)
                line_id = posting.add_line(product, quantity, price)
                warranty = product.warranty
                end = None if warranty.is_zero else warranty.end(on)
                move = DocumentKind.SALE.spec.line_move
                take_out(posting, move, product, line_id, items, price, end)
        return posting.finish(total=total, payment=cmd.payment.value, tendered=cmd.tendered)


def _check_payment(cmd: RecordSale, total: int) -> None:
    if cmd.tendered is None:
        return
    if cmd.payment is Payment.CARD:
        raise InputError(_("A card payment takes no cash: leave the tendered amount out."))
    if cmd.tendered < total:
        raise InputError(_("The cash handed over is less than the total."))
