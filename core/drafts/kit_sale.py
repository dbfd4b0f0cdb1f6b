"""A kit being rung up: the SNs of its tracked components asked for in turn, placed in any order.

Each SN is matched to the component whose product has it in stock and checked as the sale
would check it (a rehearsal that writes nothing); when every tracked component has its SNs
the kit goes into the cart as one line whose serial is the list of its components' SNs."""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.domain.errors import DomainError
from core.domain.kits import SERIAL_SEPARATOR, Kit
from core.i18n import _
from core.ports import Ledger
from core.services import kits


@dataclass(frozen=True)
class Slot:
    """One component of the kit as the prompt names it."""

    sku: str
    name: str
    tracking: str
    """``none``, ``soft`` or ``strict``."""
    quantity: int


@dataclass(frozen=True)
class KitPending:
    """A kit whose component SNs the till is asking for."""

    sku: str
    name: str
    price: int
    slots: tuple[Slot, ...]
    placed: tuple[tuple[str, ...], ...]
    """The SNs placed on each component so far, by index."""
    added: int = 0
    """Kits of it added since the till started asking (loop mode)."""

    @classmethod
    def of(cls, kit: Kit, added: int = 0) -> KitPending:
        """A fresh kit with no SN placed yet."""
        slots = tuple(
            Slot(c.product.sku, c.product.name, c.product.tracking.value, c.quantity)
            for c in kit.components
        )
        empty: tuple[tuple[str, ...], ...] = tuple(() for _ in slots)
        return cls(kit.product.sku, kit.product.name, kit.product.price, slots, empty, added)

    @classmethod
    def of_next(cls, kit: KitPending) -> KitPending:
        """The same kit again, empty, counting the one just added (loop mode)."""
        empty: tuple[tuple[str, ...], ...] = tuple(() for _ in kit.slots)
        return replace(kit, placed=empty, added=kit.added + 1)

    @property
    def asking(self) -> Slot | None:
        """The first tracked component still short of SNs."""
        for slot, placed in zip(self.slots, self.placed, strict=True):
            if slot.tracking != "none" and len(placed) < slot.quantity:
                return slot
        return None

    @property
    def strict_missing(self) -> tuple[Slot, ...]:
        """Strictly tracked components still short of SNs."""
        return tuple(
            slot
            for slot, placed in zip(self.slots, self.placed, strict=True)
            if slot.tracking == "strict" and len(placed) < slot.quantity
        )

    @property
    def serials(self) -> tuple[str, ...]:
        """Every SN placed so far."""
        return tuple(serial for placed in self.placed for serial in placed)

    @property
    def started(self) -> bool:
        """True once an SN of this kit is in."""
        return bool(self.serials)

    def item_serial(self) -> str:
        """The kit's SNs as the sale command names them."""
        return SERIAL_SEPARATOR.join(self.serials)


@dataclass(frozen=True)
class AskKit:
    """A kit was scanned: its components' SNs are asked for."""

    kit: KitPending


@dataclass(frozen=True)
class KitSerial:
    """An SN was placed on a component; the next is asked for."""

    kit: KitPending
    serial: str
    component: str
    warnings: tuple[str, ...] = ()


def place(ledger: Ledger, kit: KitPending, code: str) -> KitPending:
    """The kit with one more SN, matched and checked; a refusal raises."""
    checked = kits.check_parts(ledger.rehearsal(), ledger.ctx, kit.sku, [*kit.serials, code])
    return replace(kit, placed=checked.placed)


def check(ledger: Ledger, kit: KitPending, code: str) -> KitSerial:
    """Place a scanned SN on its component; the step that says where it went."""
    placed = place(ledger, kit, code)
    new = next(
        (
            (serial, slot)
            for slot, before, after in zip(kit.slots, kit.placed, placed.placed, strict=True)
            for serial in after
            if serial not in before
        ),
        None,
    )
    assert new is not None, "a placed SN lands on a component"
    serial, slot = new
    return KitSerial(placed, serial, slot.name)


def require_complete(kit: KitPending) -> None:
    """Refuse to finish a kit while a strictly tracked component lacks its SN."""
    missing = kit.strict_missing
    if missing:
        raise DomainError(
            _("Scan the SN of {component}: {kit} cannot be sold without it.").format(
                component=missing[0].name, kit=kit.name
            ),
            rule="serial_required",
            title=_("Kit refused"),
        )
