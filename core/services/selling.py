"""Sales: every tracked unit by its serial number, costed by that very unit."""

from __future__ import annotations

from core.commands import Item, Payment, RecordSale
from core.domain.catalogue import Product
from core.domain.errors import InputError
from core.domain.kinds import SELL_FROM_STORE
from core.domain.movements import DocumentKind
from core.domain.permissions import Right, price_needs_manager
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted, PostedLine
from core.services import holds, kits, queries
from core.services.authority import approved_by, require, spend_approval
from core.services.outgoing import group_items, take_out
from core.services.posting import Posting


def sell(cmd: RecordSale, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post a sale whole, or refuse it and write nothing.

    A unit another till's open sale holds is refused naming that till; the sale's own holds
    (its request id's) end with it, in the same transaction."""
    if not cmd.items:
        raise InputError(_("A sale needs at least one item."))
    on = cmd.on or ctx.clock.today()
    request = (cmd.request_id or "").strip() or None
    with uow.alongside():
        earlier = uow.documents.number_for_request(request) if request else None
        if earlier is not None:
            return _posted_before(uow, earlier)
        lines = group_items(uow, cmd.items)
        overridden = _price_overrides(ctx, lines)
        total = sum(price * sum(i.quantity for i in items) for _product, price, items in lines)
        _check_payment(cmd, total)
        posting = Posting(
            uow,
            ctx,
            DocumentKind.SALE,
            on,
            party=(cmd.customer or "").strip() or None,
            phone=(cmd.phone or "").strip() or None,
            total=total,
            payment=cmd.payment.value,
        )
        held = [
            (product.id, product.policy.rule.normalise(item.serial))
            for product, _price, items in lines
            for item in items
            if item.serial
        ]
        holds.refuse_held(uow, held, posting.at, request)
        with posting.refusals_first():
            for product, price, items in lines:
                kit = kits.kit_of(uow, product)
                if kit is not None:
                    kits.sell_line(posting, kit, price, items, on)
                    continue
                quantity = sum(item.quantity for item in items)
                line_id = posting.add_line(product, quantity, price)
                warranty = product.warranty
                end = None if warranty.is_zero else warranty.end(on)
                move = SELL_FROM_STORE
                take_out(posting, move, product, line_id, items, price, end)
        posted = posting.finish(total=total, payment=cmd.payment.value, tendered=cmd.tendered)
        if overridden and not uow.checking:
            _journal_overrides(uow, ctx, posted.number, overridden)
        if request and not uow.checking:
            uow.documents.add_request(request, posting.document.id)
            if held:
                uow.holds.release(request)
        return posted


def _price_overrides(ctx: Context, lines: list[tuple[Product, int, list[Item]]]) -> list[str]:
    """The lines sold at a price other than the catalogue's; a manager's right past the
    shop's limit (refused here, before anything is written)."""
    changed = []
    for product, price, _items in lines:
        if price == product.price:
            continue
        changed.append(f"{product.sku}: {product.price} -> {price}")
        if price_needs_manager(product.price, price, ctx.price_limit):
            require(ctx, Right.PRICE_OVERRIDE)
    return changed


def _journal_overrides(uow: UnitOfWork, ctx: Context, number: str, changed: list[str]) -> None:
    """Each price override in the journal, with the manager who approved it, if one did."""
    manager = approved_by(ctx, Right.PRICE_OVERRIDE)
    for detail in changed:
        uow.journal.add(
            ctx.clock.now(),
            "price_override",
            ctx.operator,
            ctx.till,
            approver=manager,
            document=number,
            detail=detail,
        )
    if manager is not None:
        spend_approval(uow, ctx, Right.PRICE_OVERRIDE, number)


def _posted_before(uow: UnitOfWork, number: str) -> Posted:
    """The sale a request posted earlier, as it was posted, marked as repeated."""
    view = queries.document(uow, number)
    ref = view.header.ref
    lines = tuple(
        PostedLine(line.sku, line.name, line.quantity, line.unit_amount, serials)
        for line, serials in view.lines
    )
    return Posted(
        number=ref.number,
        kind=ref.kind,
        on=ref.date,
        lines=lines,
        total=view.header.total,
        warnings=view.warnings,
        party=ref.party,
        phone=ref.phone,
        payment=view.header.payment,
        repeated=True,
    )


def _check_payment(cmd: RecordSale, total: int) -> None:
    if cmd.tendered is None:
        return
    if cmd.payment is Payment.CARD:
        raise InputError(_("A card payment takes no cash: leave the tendered amount out."))
    if cmd.tendered < total:
        raise InputError(_("The cash handed over is less than the total."))
