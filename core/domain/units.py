"""Where a unit can be, the state each place means, and the one set of words for each state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.i18n import N_, _


class Location(StrEnum):
    """An account a unit or a quantity can sit in; every movement goes from one to another."""

    SUPPLIER = "supplier"
    """Outside the shop, on the supplier's side: before receipt and after a supplier return."""
    STORE = "store"
    """On the shop's shelves: in stock and sellable."""
    CUSTOMER = "customer"
    """Sold and with a customer."""
    WRITTEN_OFF = "written_off"
    """Written off: damaged, lost or short in a count."""
    REPAIR = "repair"
    """Away for repair or warranty service."""
    VOID = "void"
    """A serial number that was recorded by mistake and corrected away."""
    KIT = "kit"
    """Inside an assembled kit in stock: bound to the kit's own serial number."""
    DISMANTLED = "dismantled"
    """An assembled kit's own serial number, after the kit was taken apart (or before it was
    first put together)."""
    TRANSIT = "transit"
    """On the way from one of the shop's locations to another (a transfer not yet arrived)."""


class UnitState(StrEnum):
    """Where a serial unit is now, as the reports name it."""

    IN_STOCK = "in_stock"
    SOLD = "sold"
    RETURNED_TO_SUPPLIER = "returned_to_supplier"
    WRITTEN_OFF = "written_off"
    IN_REPAIR = "in_repair"
    CORRECTED = "corrected"
    IN_KIT = "in_kit"
    DISMANTLED = "dismantled"
    IN_TRANSIT = "in_transit"


STATE_AT: dict[Location, UnitState] = {
    Location.STORE: UnitState.IN_STOCK,
    Location.CUSTOMER: UnitState.SOLD,
    Location.SUPPLIER: UnitState.RETURNED_TO_SUPPLIER,
    Location.WRITTEN_OFF: UnitState.WRITTEN_OFF,
    Location.REPAIR: UnitState.IN_REPAIR,
    Location.VOID: UnitState.CORRECTED,
    Location.KIT: UnitState.IN_KIT,
    Location.DISMANTLED: UnitState.DISMANTLED,
    Location.TRANSIT: UnitState.IN_TRANSIT,
}


@dataclass(frozen=True)
class StateWords:
    """A unit state in words (English, marked for the core's catalogue)."""

    name: str
    """A few words, as a label or a report shows the state: ``in stock``."""
    phrase: str
    """The end of a sentence about the unit: ``SN 123 of the phone is already sold``."""


STATE_WORDS: dict[UnitState, StateWords] = {
    UnitState.IN_STOCK: StateWords(N_("in stock"), N_("is in stock")),
    UnitState.SOLD: StateWords(N_("sold"), N_("is already sold")),
    UnitState.RETURNED_TO_SUPPLIER: StateWords(
        N_("returned to the supplier"), N_("was returned to the supplier")
    ),
    UnitState.WRITTEN_OFF: StateWords(N_("written off"), N_("was written off")),
    UnitState.IN_REPAIR: StateWords(N_("away for repair"), N_("is away for repair")),
    UnitState.CORRECTED: StateWords(
        N_("corrected away as a wrong entry"), N_("was corrected away as a wrong entry")
    ),
    UnitState.IN_KIT: StateWords(N_("in an assembled kit"), N_("is inside an assembled kit")),
    UnitState.DISMANTLED: StateWords(N_("kit taken apart"), N_("is a kit taken apart")),
    UnitState.IN_TRANSIT: StateWords(
        N_("in transit"), N_("is in transit between the shop's locations")
    ),
}
"""The words for every unit state: the only copy, used by the core and the screens."""


def state_name(state: str | None) -> str:
    """A unit state (a ``UnitState`` or its stored value) in a few words, in the chosen
    language; ``unknown`` for a unit the ledger never had."""
    if state is None:
        return _("unknown")
    return _(STATE_WORDS[UnitState(state)].name)


def state_phrase(state: UnitState) -> str:
    """Where a unit is, as the end of a sentence about it, in the chosen language."""
    return _(STATE_WORDS[state].phrase)
