"""Simple movement kinds: documents whose every line makes the one move their kind declares.

A kind whose declaration names a ``service`` can be posted by ``till post KIND``. Such a
service checks what its kind needs in the header (a supplier's name, a reason) and calls
``post_goods``, which makes the declared move with every item: each serial unit checked by
the move's operation, goods without serial numbers taken from the store at FIFO cost."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from core.commands import MoveGoods
from core.domain.errors import InputError
from core.domain.kinds import DocumentKind, declared
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.outgoing import group_items, take_out
from core.services.posting import Posting

Service = Callable[[MoveGoods, UnitOfWork, Context], Posted]
"""What a simple kind's service is: its command, a unit of work and who is working."""


def post_goods(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post the items as one document of their kind, or refuse it and write nothing."""
    move = cmd.kind.spec.line_move
    if not cmd.items:
        raise InputError(_("Name at least one item."))
    with uow.alongside():
        posting = Posting(
            uow,
            ctx,
            cmd.kind,
            cmd.on or ctx.clock.today(),
            party=_text(cmd.party),
            reason=_text(cmd.reason),
        )
        with posting.refusals_first():
            for product, _price, group in group_items(uow, cmd.items):
                line_id = posting.add_line(product, sum(item.quantity for item in group), 0)
                take_out(posting, move, product, line_id, group)
        return posting.finish(total=0)


def postable() -> list[DocumentKind]:
    """The kinds ``till post`` can post: those whose declaration names a service."""
    return [DocumentKind(spec.name) for spec in declared() if spec.service]


def service_for(kind: DocumentKind) -> Service:
    """The service that posts a ``MoveGoods`` of this kind, as its declaration names it."""
    path = kind.spec.service
    if path is None:
        raise InputError(
            _("Documents of kind {kind} are not posted this way; these kinds are: {kinds}.").format(
                kind=kind.value, kinds=", ".join(postable())
            )
        )
    module, _sep, name = path.partition(":")
    service: Service = getattr(import_module(module), name)
    return service


def post(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """Post a simple movement document by its kind's service."""
    return service_for(cmd.kind)(cmd, uow, ctx)


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
