"""Transfers between the shop's locations: sent from one store, confirmed by scanning at the
other (``core.domain.transfers``)."""

from __future__ import annotations

from core.commands import ReceiveTransfer, SendTransfer
from core.domain.catalogue import Product
from core.domain.errors import InputError, NotFound
from core.domain.kinds import DocumentKind
from core.domain.movements import Location
from core.domain.permissions import Right
from core.domain.sites import Site, site_code
from core.domain.transfers import (
    ArrivalCheck,
    Missing,
    Outstanding,
    Sent,
    TransferSummary,
    compare,
)
from core.i18n import _, ngettext
from core.persistence.transfers_repo import TransferRepository
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.authority import require
from core.services.checks import check_unit, require_product
from core.services.outgoing import group_items, take_out
from core.services.posting import Posting
from core.views import DocumentRow

SHOWN = 8
"""How many serial numbers a refusal names before it says how many more."""


def require_site(uow: UnitOfWork, code: str) -> Site:
    """The shop's location with this code, or a clear refusal naming the ones there are."""
    site = uow.sites.get(site_code(code))
    if site is None:
        known = ", ".join(s.code for s in uow.sites.all())
        raise NotFound(
            _("The shop has no location “{code}”; its locations are: {known}.").format(
                code=code.strip()[:60], known=known
            )
        )
    return site


def send(cmd: SendTransfer, uow: UnitOfWork, ctx: Context) -> Posted:
    """Send goods from this till's location to another: they leave its stock and stay in
    transit until the other location confirms them. Units must be in stock *here*."""
    if not cmd.items:
        raise InputError(_("Name at least one item."))
    with uow.alongside():
        to = require_site(uow, cmd.to_site)
        if to.code == ctx.site:
            raise InputError(
                _("The goods are at {site} already: choose another location.").format(
                    site=to.label()
                )
            )
        move = DocumentKind.TRANSFER.spec.line_move
        posting = Posting(
            uow,
            ctx,
            DocumentKind.TRANSFER,
            cmd.on or ctx.clock.today(),
            reason=(cmd.note or "").strip() or None,
            to_site=to.code,
        )
        with posting.refusals_first():
            for product, _price, group in group_items(uow, cmd.items):
                line_id = posting.add_line(product, sum(item.quantity for item in group), 0)
                take_out(posting, move, product, line_id, group)
        return posting.finish(total=0)


def summaries(
    uow: UnitOfWork,
    *,
    site: str | None = None,
    to_site: str | None = None,
    open_only: bool = True,
) -> list[TransferSummary]:
    """Transfers, newest first: sent from ``site`` or to ``to_site`` when given; only those
    with goods still on the way unless ``open_only`` is false."""
    return TransferRepository(uow.sql).summaries(site=site, to_site=to_site, open_only=open_only)


def require_transfer(uow: UnitOfWork, number: str) -> DocumentRow:
    """A transfer by its number, or a clear refusal."""
    found = uow.documents.get(number) if number.strip() else None
    if found is None or found.ref.kind is not DocumentKind.TRANSFER:
        raise NotFound(
            _("There is no transfer {number}: check the number on its paper.").format(
                number=number.strip()[:40]
            )
        )
    return found


def outstanding(uow: UnitOfWork, number: str) -> tuple[DocumentRow, Outstanding]:
    """A transfer and what of it is still on the way."""
    found = require_transfer(uow, number)
    return found, TransferRepository(uow.sql).outstanding(found.ref.id)


def check_arrival(cmd: ReceiveTransfer, uow: UnitOfWork, ctx: Context) -> ArrivalCheck:
    """The scans against what the transfer sent and has not arrived: what came, what is
    missing, what is extra. Writes nothing."""
    found, left = outstanding(uow, cmd.transfer)
    _here(found, uow, ctx)
    return _compare(uow, left, cmd)


def receive(cmd: ReceiveTransfer, uow: UnitOfWork, ctx: Context) -> Posted:
    """Take in at this till's location what of a transfer arrived, as scanned.

    Refused, changing nothing, while a scan is extra or while something sent was not scanned
    and the command does not say what became of it (``Missing``)."""
    missing = _missing(cmd.missing)
    with uow:
        found, left = outstanding(uow, cmd.transfer)
        _here(found, uow, ctx)
        if not left.items:
            raise InputError(
                _("Everything sent by {number} has arrived already.").format(
                    number=found.ref.number
                )
            )
        check = _compare(uow, left, cmd)
        _refuse_extra(check)
        if check.missing and missing is Missing.ASK:
            raise InputError(_missing_message(found.ref.number, check))
        lost = check.missing if missing is Missing.LOST else ()
        if lost:
            require(ctx, Right.WRITE_OFF)
        if not check.arrived and not lost:
            raise InputError(
                _("Nothing of {number} was scanned: scan what came, then post.").format(
                    number=found.ref.number
                )
            )
        posting = Posting(
            uow,
            ctx,
            DocumentKind.ARRIVAL,
            cmd.on or ctx.clock.today(),
            reason=(cmd.note or "").strip() or None,
            ref_id=found.ref.id,
        )
        with posting.refusals_first():
            _arrive(posting, check.arrived, Location.STORE)
            _arrive(posting, lost, Location.WRITTEN_OFF)
        return posting.finish(total=0)


def _arrive(posting: Posting, items: tuple[Sent, ...], target: Location) -> None:
    """One line per product: its units and quantities out of transit to ``target``."""
    kind = DocumentKind.ARRIVAL.spec
    move = next(m for m in kind.moves if m.target is target)
    assert move.operation is not None
    products: dict[int, Product] = {}
    by_product: dict[int, list[Sent]] = {}
    for item in items:
        by_product.setdefault(item.product_id, []).append(item)
    for product_id, group in by_product.items():
        product = products.get(product_id) or require_product(posting.uow, group[0].sku)
        line_id = posting.add_line(product, sum(item.quantity for item in group), 0)
        for item in group:
            serial = None
            if item.serial:
                serial, _was = check_unit(posting, move.operation, product, item.serial)
            cost = item.unit_cost
            posting.move(
                posting.movement(
                    product,
                    move.source,
                    target,
                    line_id=line_id,
                    serial=serial,
                    quantity=item.quantity,
                    unit_cost=cost,
                    layer_id=item.layer_id,
                )
            )
            if target is Location.STORE and item.layer_id is not None:
                posting.refill(product, item.layer_id, cost, item.quantity)


def _here(found: DocumentRow, uow: UnitOfWork, ctx: Context) -> None:
    """Only the receiving location confirms a transfer."""
    if found.to_site != ctx.site:
        to, here = require_site(uow, found.to_site or ""), require_site(uow, ctx.site)
        raise InputError(
            _("{number} goes to {site}; this till is at {here}: it is confirmed there.").format(
                number=found.ref.number, site=to.label(), here=here.label()
            )
        )


def _compare(uow: UnitOfWork, left: Outstanding, cmd: ReceiveTransfer) -> ArrivalCheck:
    units = left.units
    rules: dict[int, Product] = {}
    for unit in units:
        if unit.product_id not in rules:
            product = uow.catalogue.product_by_code(unit.sku)
            if product is not None:
                rules[unit.product_id] = product
    by_serial = {(unit.product_id, unit.serial): unit for unit in units}
    scanned: dict[str, Sent | None] = {}
    for raw in cmd.scanned:
        code = raw.strip()
        if not code or code in scanned:
            continue
        scanned[code] = next(
            (
                by_serial[(pid, product.policy.rule.normalise(code))]
                for pid, product in rules.items()
                if (pid, product.policy.rule.normalise(code)) in by_serial
            ),
            None,
        )
    counted: dict[str, int] = {}
    for code, quantity in cmd.counted:
        sku = require_product(uow, code).sku
        counted[sku] = counted.get(sku, 0) + quantity
    return compare(left, scanned, counted)


def _refuse_extra(check: ArrivalCheck) -> None:
    if check.extra:
        raise InputError(
            ngettext(
                "{count} scanned serial number is not on this transfer: {serials}. Set it "
                "aside and take it off the list: it is not taken in.",
                "{count} scanned serial numbers are not on this transfer: {serials}. Set them "
                "aside and take them off the list: they are not taken in.",
                len(check.extra),
            ).format(count=len(check.extra), serials=_some(check.extra))
        )
    if check.extra_quantities:
        over = ", ".join(f"{sku} +{n}" for sku, n in check.extra_quantities)
        raise InputError(
            _("More was counted than this transfer sent: {over}. Count again.").format(over=over)
        )


def _missing_message(number: str, check: ArrivalCheck) -> str:
    serials = [item.serial for item in check.missing if item.serial]
    quantities = [f"{item.sku} ×{item.quantity}" for item in check.missing if not item.serial]
    return _(
        "Not everything sent by {number} was scanned: {missing}. Scan it, or say it was lost "
        "in transit, or leave it on the way to arrive later."
    ).format(number=number, missing=_some([*serials, *quantities]))


def _some(codes: list[str] | tuple[str, ...]) -> str:
    shown = ", ".join(codes[:SHOWN])
    if len(codes) > SHOWN:
        shown += " " + _("and {count} more").format(count=len(codes) - SHOWN)
    return shown


def _missing(value: str) -> Missing:
    try:
        return Missing(value)
    except ValueError:
        raise InputError(
            _("What became of the goods not scanned must be one of: ask, lost, later.")
        ) from None
