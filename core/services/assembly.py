"""Kits put together in stock under their own SN, sold by it, and taken apart again.

Assembling moves the components from the shelf into the kit (``kit``) and takes the kit's own
SN into stock at the cost of its parts, bound to the parts' SNs. Selling the kit by that SN
moves the kit and every bound part to the customer; dismantling puts the parts back on the
shelf. Every step is a movement, so each component's history shows it."""

from __future__ import annotations

from core.commands import AssembleKit, DismantleKit, Item
from core.domain.catalogue import Product, TrackingMode
from core.domain.document_check import UnitCheck
from core.domain.errors import NotFound
from core.domain.kinds import (
    ASSEMBLE_KIT,
    ASSEMBLE_PART,
    DISMANTLE_KIT,
    DISMANTLE_PART,
)
from core.domain.kits import Kit
from core.domain.movements import DocumentKind, Location
from core.domain.tracking import Operation
from core.i18n import _
from core.persistence.kits_repo import Part
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services import kits
from core.services.checks import check_unit
from core.services.outgoing import take_out
from core.services.posting import Posting
from core.services.queries import find_units


def assemble(cmd: AssembleKit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Put one kit together from its components' SNs; refused whole, or posted whole."""
    with uow:
        kit = kits.find_kit(uow, cmd.code)
        posting = Posting(uow, ctx, DocumentKind.ASSEMBLY, cmd.on or ctx.clock.today())
        with posting.refusals_first():
            line_id = posting.add_line(kit.product, 1, 0)
            placed = kits.place(posting, kit, [p for p in cmd.parts if p.strip()])
            for index, component in enumerate(kit.components):
                given = placed[index] if component.tracked else []
                units: list[str | None] = [*given]
                units += [None] * (component.quantity - len(given))
                for serial in units:
                    item = Item(component.product.sku, serial)
                    take_out(posting, ASSEMBLE_PART, component.product, line_id, [item])
            parts = _bound(posting, line_id)
            cost = sum(quantity * unit_cost for _pid, _serial, quantity, unit_cost in parts)
            serial = _kit_serial(posting, kit, cmd)
            serial, _was = check_unit(posting, Operation.ASSEMBLE_KIT, kit.product, serial)
            assert serial is not None
            posting.move(
                posting.movement(
                    kit.product,
                    ASSEMBLE_KIT.source,
                    ASSEMBLE_KIT.target,
                    line_id=line_id,
                    serial=serial,
                    unit_cost=cost,
                )
            )
        posted = posting.finish(total=cost)
        if not uow.checking:
            uow.kits.bind(posting.document.id, kit.product.id, serial, parts)
        return posted


def _kit_serial(posting: Posting, kit: Kit, cmd: AssembleKit) -> str:
    """The kit's own SN: as given, else the prefix and the assembly's number."""
    if cmd.serial and cmd.serial.strip():
        return cmd.serial
    digits = posting.document.number.rsplit("-", 1)[-1]
    return f"{cmd.prefix.strip()}{digits}"


def _bound(posting: Posting, line_id: int) -> list[Part]:
    """The parts the assembly moved into the kit so far, as bound to it."""
    return [
        (m.product_id, m.serial, m.quantity, m.unit_cost)
        for m in posting.movements
        if m.line_id == line_id and m.to_location is Location.KIT
    ]


def dismantle(cmd: DismantleKit, uow: UnitOfWork, ctx: Context) -> Posted:
    """Take an assembled kit in stock apart: its parts go back on the shelf at their cost."""
    with uow:
        kit, unit_serial = _assembled(uow, cmd.serial)
        posting = Posting(uow, ctx, DocumentKind.DISMANTLING, cmd.on or ctx.clock.today())
        with posting.refusals_first():
            line_id = posting.add_line(kit.product, 1, 0)
            serial, was = check_unit(posting, Operation.DISMANTLE_KIT, kit.product, unit_serial)
            assert serial is not None
            cost = was.cost if was is not None else 0
            posting.move(
                posting.movement(
                    kit.product,
                    DISMANTLE_KIT.source,
                    DISMANTLE_KIT.target,
                    line_id=line_id,
                    serial=serial,
                    unit_cost=cost,
                )
            )
            for product_id, part_serial, quantity, unit_cost in uow.kits.parts(
                kit.product.id, serial
            ):
                product = uow.catalogue.product_by_id(product_id)
                _part_back(posting, product, part_serial, quantity, unit_cost)
        return posting.finish(total=cost)


def _assembled(uow: UnitOfWork, raw: str) -> tuple[Kit, str]:
    """The kit product and SN of an assembled kit known by this SN."""
    for unit in find_units(uow, raw):
        product = uow.catalogue.product_by_id(unit.product_id)
        kit = kits.kit_of(uow, product)
        if kit is not None and uow.kits.parts(product.id, unit.serial):
            return kit, unit.serial
    raise NotFound(_("No assembled kit has the SN {serial}.").format(serial=raw.strip()))


def _part_back(
    posting: Posting, product: Product, serial: str | None, quantity: int, unit_cost: int
) -> None:
    """One bound part back on the shelf from the kit being taken apart."""
    line_id = posting.add_line(product, quantity, unit_cost)
    if serial is not None:
        serial, _was = check_unit(posting, Operation.DISMANTLE, product, serial)
    else:
        posting.check(UnitCheck(Operation.DISMANTLE, product, None))
    posting.open_layer(product, line_id, unit_cost, quantity)
    layer = None if product.tracking is TrackingMode.STRICT and serial else line_id
    posting.move(
        posting.movement(
            product,
            DISMANTLE_PART.source,
            DISMANTLE_PART.target,
            line_id=line_id,
            quantity=quantity,
            serial=serial,
            unit_cost=unit_cost,
            layer_id=layer,
        )
    )
