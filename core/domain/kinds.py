"""Document kinds, each declared once, as data: the one place that says what a kind does.

A declaration (``KindSpec``) gives the kind's name as the database stores it, the prefix of
its numbers, and the moves its lines make: from where to where, the check each unit passes
(an ``Operation``, with the state it expects the unit in), the event word the unit's history
shows, and what arriving does to the unit's record (an intake at cost, a sale, the warranty
end set or kept). Everything else is derived from the declarations: document numbers, the
tracking check's expected states, ``ledger_fold.apply``, the history's event words, the source
and target of outgoing moves, and which kinds ``till post`` can post.

Adding a kind is one ``declare(KindSpec(...))`` and its service (see ``core.services.moving``
for simple kinds that only move units from one place to another)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from core.domain.units import Location, UnitState
from core.i18n import N_, _

NAME_LENGTH = 20
"""The longest kind name the database's ``kind`` columns hold."""


class DocumentKind(str):
    """A kind of document, by the name the database stores; only declared names exist.

    There is one object per kind (``DocumentKind("sale") is DocumentKind.SALE``), so kinds
    compare by identity; its declaration is ``kind.spec``."""

    __slots__ = ()

    RECEIPT: ClassVar[DocumentKind]
    SALE: ClassVar[DocumentKind]
    CUSTOMER_RETURN: ClassVar[DocumentKind]
    SUPPLIER_RETURN: ClassVar[DocumentKind]
    WRITE_OFF: ClassVar[DocumentKind]
    CORRECTION: ClassVar[DocumentKind]
    COUNT: ClassVar[DocumentKind]
    REPAIR: ClassVar[DocumentKind]
    RMA: ClassVar[DocumentKind]
    ASSEMBLY: ClassVar[DocumentKind]
    DISMANTLING: ClassVar[DocumentKind]
    TRANSFER: ClassVar[DocumentKind]
    ARRIVAL: ClassVar[DocumentKind]

    def __new__(cls, name: str) -> DocumentKind:
        """The declared kind of this name (as read back from the database)."""
        kind = _KINDS.get(name)
        if kind is None:
            raise ValueError(f"{name!r} is not a declared document kind")
        return kind

    @property
    def value(self) -> str:
        """The name as plain text, as the database stores it."""
        return str.__str__(self)

    @property
    def spec(self) -> KindSpec:
        """This kind's declaration."""
        return _SPECS[self]

    @property
    def prefix(self) -> str:
        """The letters that start this kind's document numbers."""
        return _SPECS[self].prefix

    def __repr__(self) -> str:
        return f"DocumentKind({self.value!r})"

    def __reduce__(self) -> tuple[type[DocumentKind], tuple[str]]:
        return DocumentKind, (self.value,)

    def __copy__(self) -> DocumentKind:
        return self

    def __deepcopy__(self, memo: object) -> DocumentKind:
        return self


@dataclass(frozen=True)
class Operation:
    """What is done to a unit, and the state the tracking check expects it in beforehand."""

    name: str
    expects: UnitState | None
    """The unit's state before the operation; None for an intake, which takes any unit that
    is not in stock already (new to the shop, or gone from it)."""

    RECEIVE: ClassVar[Operation]
    SELL: ClassVar[Operation]
    CUSTOMER_RETURN: ClassVar[Operation]
    SUPPLIER_RETURN: ClassVar[Operation]
    WRITE_OFF: ClassVar[Operation]
    CORRECT_IN: ClassVar[Operation]
    REPAIR_ACCEPT: ClassVar[Operation]
    REPAIR_HAND_BACK: ClassVar[Operation]
    REPAIR_REPLACE: ClassVar[Operation]
    REPAIR_PART: ClassVar[Operation]
    REPAIR_WRITE_OFF: ClassVar[Operation]
    RMA_SEND: ClassVar[Operation]
    RMA_RECEIVE: ClassVar[Operation]
    ASSEMBLE: ClassVar[Operation]
    ASSEMBLE_KIT: ClassVar[Operation]
    SELL_FROM_KIT: ClassVar[Operation]
    DISMANTLE: ClassVar[Operation]
    DISMANTLE_KIT: ClassVar[Operation]
    DISPATCH: ClassVar[Operation]
    ARRIVE: ClassVar[Operation]
    LOSE_IN_TRANSIT: ClassVar[Operation]


Operation.RECEIVE = Operation("receive", None)
Operation.SELL = Operation("sell", UnitState.IN_STOCK)
Operation.CUSTOMER_RETURN = Operation("customer_return", UnitState.SOLD)
Operation.SUPPLIER_RETURN = Operation("supplier_return", UnitState.IN_STOCK)
Operation.WRITE_OFF = Operation("write_off", UnitState.IN_STOCK)
Operation.CORRECT_IN = Operation("correct_in", None)
"""A serial number entered by a correction in place of a wrong one."""
Operation.REPAIR_ACCEPT = Operation("repair_accept", UnitState.SOLD)
"""A customer's unit taken in for repair or warranty service."""
Operation.REPAIR_HAND_BACK = Operation("repair_hand_back", UnitState.IN_REPAIR)
Operation.REPAIR_REPLACE = Operation("repair_replace", UnitState.IN_STOCK)
"""A unit from stock given to the customer in place of one under warranty."""
Operation.REPAIR_PART = Operation("repair_part", UnitState.IN_STOCK)
"""A part from stock used in a repair."""
Operation.REPAIR_WRITE_OFF = Operation("repair_write_off", UnitState.IN_REPAIR)
"""A unit left in repair written off (one replaced under warranty, or beyond repair)."""
Operation.RMA_SEND = Operation("rma_send", UnitState.IN_REPAIR)
Operation.RMA_RECEIVE = Operation("rma_receive", None)
"""A unit back from the supplier's warranty service: the one sent, or a new one in its place."""
Operation.ASSEMBLE = Operation("assemble", UnitState.IN_STOCK)
"""A component put into an assembled kit."""
Operation.ASSEMBLE_KIT = Operation("assemble_kit", None)
"""An assembled kit's own serial number taken into stock."""
Operation.SELL_FROM_KIT = Operation("sell_from_kit", UnitState.IN_KIT)
"""A component sold inside the assembled kit that holds it."""
Operation.DISMANTLE = Operation("dismantle", UnitState.IN_KIT)
"""A component back on the shelf from a kit taken apart."""
Operation.DISMANTLE_KIT = Operation("dismantle_kit", UnitState.IN_STOCK)
"""An assembled kit in stock taken apart."""
Operation.DISPATCH = Operation("dispatch", UnitState.IN_STOCK)
"""A unit sent from this location's stock to another location."""
Operation.ARRIVE = Operation("arrive", UnitState.IN_TRANSIT)
"""A unit sent by transfer, scanned in at the receiving location."""
Operation.LOSE_IN_TRANSIT = Operation("lose_in_transit", UnitState.IN_TRANSIT)
"""A unit sent by transfer that never arrived, written off as lost in transit."""


class Warranty(StrEnum):
    """What a move does to the unit's warranty end."""

    KEEPS = "keeps"
    """The unit keeps the warranty end it had (a unit back from repair keeps its warranty)."""
    SETS = "sets"
    """The movement's warranty end becomes the unit's (a sale starts the warranty)."""


@dataclass(frozen=True)
class Event:
    """What a move means in a unit's history: a stable code and its word."""

    code: str
    """Shown by ``till serial --json``: ``received``, ``sold``…"""
    word: str
    """The word the screens show, in English, marked for the core's catalogue."""


@dataclass(frozen=True)
class Move:
    """One way the lines of a kind move units, and what the move means for each unit."""

    source: Location
    target: Location
    event: Event
    operation: Operation | None = None
    """The check each unit passes before the move; None where the service checks units its
    own way (a count, a correction) and no tracking rule applies."""
    intake: bool = False
    """Taken into stock at the movement's cost: the unit's receipt, date and supplier become
    the document's."""
    sale: bool = False
    """Sold: the unit's sale, date, customer and price become the document's."""
    warranty: Warranty = Warranty.KEEPS


@dataclass(frozen=True)
class KindSpec:
    """The declaration of one document kind."""

    name: str
    """Stored in the database; also the word ``till post`` takes."""
    prefix: str
    """The letters that start document numbers: ``SL-000001``."""
    moves: tuple[Move, ...]
    service: str | None = None
    """``module:function`` of the service posting a ``MoveGoods`` of this kind, for kinds that
    the generic ``till post`` command can post; None for kinds with their own commands."""

    @property
    def line_move(self) -> Move:
        """The one move every line of this kind makes (kinds declaring a single move)."""
        if len(self.moves) != 1:
            raise LookupError(f"the {self.name} kind declares {len(self.moves)} moves, not one")
        return self.moves[0]


_KINDS: dict[str, DocumentKind] = {}
_SPECS: dict[str, KindSpec] = {}
_MOVES: dict[tuple[str, Location, Location], Move] = {}
_EVENTS: dict[str, Event] = {}


def declare(spec: KindSpec) -> DocumentKind:
    """Add a kind to the registry, refusing a declaration that is incomplete or clashes."""
    problems = _problems(spec)
    if problems:
        raise ValueError(f"document kind {spec.name!r}: " + "; ".join(problems))
    kind = str.__new__(DocumentKind, spec.name)
    _KINDS[spec.name] = kind
    _SPECS[spec.name] = spec
    for move in spec.moves:
        _MOVES[(spec.name, move.source, move.target)] = move
        _EVENTS.setdefault(move.event.code, move.event)
    return kind


def withdraw(kind: str) -> None:
    """Take a kind out of the registry again (a test's toy kind)."""
    spec = _SPECS.pop(kind)
    del _KINDS[spec.name]
    for move in spec.moves:
        del _MOVES[(spec.name, move.source, move.target)]
    _EVENTS.clear()
    for other in _SPECS.values():
        for move in other.moves:
            _EVENTS.setdefault(move.event.code, move.event)


def declared() -> tuple[KindSpec, ...]:
    """Every declared kind, in the order of declaration."""
    return tuple(_SPECS.values())


def move_of(kind: str, source: Location, target: Location) -> Move:
    """What a movement of this kind from ``source`` to ``target`` means."""
    try:
        return _MOVES[(kind, source, target)]
    except KeyError:
        raise LookupError(
            f"the {kind} kind declares no move from {source.value} to {target.value}"
        ) from None


_NOTES: dict[str, Event] = {}


def declare_note(event: Event) -> Event:
    """An event of a unit's history that no movement makes (a repair order's status change)."""
    _NOTES[event.code] = event
    return event


def event_word(code: str) -> str:
    """A history event (``Event.code``) in a word, in the chosen language."""
    return _((_EVENTS.get(code) or _NOTES[code]).word)


def _problems(spec: KindSpec) -> list[str]:
    """What is missing from a declaration, or clashes with the kinds declared before."""
    found = []
    if not re.fullmatch(r"[a-z][a-z0-9_]*", spec.name) or len(spec.name) > NAME_LENGTH:
        found.append(f"the name must be lower_case, at most {NAME_LENGTH} characters")
    if spec.name in _SPECS:
        found.append("the name is declared already")
    if not re.fullmatch(r"[A-Z]{2,4}", spec.prefix):
        found.append("the number prefix must be two to four capital letters")
    if any(other.prefix == spec.prefix for other in _SPECS.values()):
        found.append(f"the number prefix {spec.prefix} is another kind's")
    if not spec.moves:
        found.append("it declares no move")
    if len({(m.source, m.target) for m in spec.moves}) != len(spec.moves):
        found.append("a move is declared twice")
    for move in spec.moves:
        found.extend(_move_problems(move))
    found.extend(_clashes(spec))
    if spec.service is not None:
        if not re.fullmatch(r"[\w.]+:\w+", spec.service):
            found.append("the service must be written module:function")
        if len(spec.moves) != 1 or spec.moves[0].operation is None:
            found.append("a kind posted by `till post` declares one move with an operation")
        elif spec.moves[0].target is Location.STORE or spec.moves[0].intake:
            found.append("`till post` moves goods out of a place, never into the store")
    return found


def _clashes(spec: KindSpec) -> list[str]:
    """An event code with two words, or an operation expecting two states."""
    events = dict(_EVENTS)
    operations = {m.operation.name: m.operation for m in _MOVES.values() if m.operation}
    found = []
    for move in spec.moves:
        if events.setdefault(move.event.code, move.event) != move.event:
            found.append(f"the event {move.event.code!r} has another word already")
        op = move.operation
        if op is not None and operations.setdefault(op.name, op) != op:
            found.append(f"the operation {op.name!r} expects another state already")
    return found


def _move_problems(move: Move) -> list[str]:
    where = f"the move from {move.source.value} to {move.target.value}"
    found = []
    if move.source is move.target:
        found.append(f"{where} goes nowhere")
    if not move.event.code or not move.event.word:
        found.append(f"{where} has no event word")
    if move.intake and (move.target is not Location.STORE or move.sale):
        found.append(f"{where}: only a move into the store is an intake")
    if move.sale and move.target is not Location.CUSTOMER:
        found.append(f"{where}: only a move to the customer is a sale")
    if move.warranty is Warranty.SETS and move.target is not Location.CUSTOMER:
        found.append(f"{where}: a warranty runs only at the customer")
    return found


# -- the kinds --------------------------------------------------------------------------------

_RECEIVED = Event("received", N_("received"))
_SOLD = Event("sold", N_("sold"))
_RETURNED = Event("returned", N_("customer return"))
_TO_SUPPLIER = Event("returned_to_supplier", N_("back to supplier"))
_WRITTEN_OFF = Event("written_off", N_("written off"))
_CORRECTED = Event("corrected", N_("corrected"))
_CORRECTED_IN = Event("corrected_in", N_("corrected in"))
_CORRECTED_OUT = Event("corrected_out", N_("corrected out"))
_COUNTED_IN = Event("counted_in", N_("found in count"))
_COUNTED_OUT = Event("counted_out", N_("short in count"))

DocumentKind.RECEIPT = declare(
    KindSpec(
        name="receipt",
        prefix="RC",
        moves=(Move(Location.SUPPLIER, Location.STORE, _RECEIVED, Operation.RECEIVE, intake=True),),
    )
)
_ASSEMBLED = Event("assembled", N_("put into a kit"))
_KIT_ASSEMBLED = Event("kit_assembled", N_("kit assembled"))
_DISMANTLED = Event("dismantled", N_("taken out of a kit"))
_KIT_DISMANTLED = Event("kit_dismantled", N_("kit taken apart"))

SELL_FROM_STORE = Move(
    Location.STORE, Location.CUSTOMER, _SOLD, Operation.SELL, sale=True, warranty=Warranty.SETS
)
"""A sale line's move: from the shelf to the customer."""
SELL_FROM_KIT = Move(
    Location.KIT,
    Location.CUSTOMER,
    _SOLD,
    Operation.SELL_FROM_KIT,
    sale=True,
    warranty=Warranty.SETS,
)
"""The components of an assembled kit sold by the kit's serial number."""

DocumentKind.SALE = declare(
    KindSpec(name="sale", prefix="SL", moves=(SELL_FROM_STORE, SELL_FROM_KIT))
)
DocumentKind.CUSTOMER_RETURN = declare(
    KindSpec(
        name="customer_return",
        prefix="RT",
        moves=(Move(Location.CUSTOMER, Location.STORE, _RETURNED, Operation.CUSTOMER_RETURN),),
    )
)
DocumentKind.SUPPLIER_RETURN = declare(
    KindSpec(
        name="supplier_return",
        prefix="SR",
        moves=(Move(Location.STORE, Location.SUPPLIER, _TO_SUPPLIER, Operation.SUPPLIER_RETURN),),
        service="core.services.stock_out:post_supplier_return",
    )
)
DocumentKind.WRITE_OFF = declare(
    KindSpec(
        name="write_off",
        prefix="WO",
        moves=(Move(Location.STORE, Location.WRITTEN_OFF, _WRITTEN_OFF, Operation.WRITE_OFF),),
        service="core.services.stock_out:post_write_off",
    )
)
DocumentKind.CORRECTION = declare(
    KindSpec(
        name="correction",
        prefix="CO",
        moves=(
            # A wrong serial number leaves the stock for the void and the right one takes its
            # place at the same cost (a receipt's serials, or a count's mixed-up pair).
            Move(Location.STORE, Location.VOID, _CORRECTED_OUT),
            Move(Location.VOID, Location.STORE, _CORRECTED_IN, Operation.CORRECT_IN, intake=True),
            # A count's mixed-up pair where the unit found is recorded as gone: it comes back,
            # and the missing one takes its place in the document that took it out (with a
            # sale's customer, price and warranty end).
            Move(Location.CUSTOMER, Location.STORE, _CORRECTED),
            Move(Location.STORE, Location.CUSTOMER, _CORRECTED, sale=True, warranty=Warranty.SETS),
            Move(Location.SUPPLIER, Location.STORE, _CORRECTED, intake=True),
            Move(Location.STORE, Location.SUPPLIER, _CORRECTED),
            Move(Location.WRITTEN_OFF, Location.STORE, _CORRECTED, intake=True),
            Move(Location.STORE, Location.WRITTEN_OFF, _CORRECTED),
            Move(Location.REPAIR, Location.STORE, _CORRECTED),
            Move(Location.STORE, Location.REPAIR, _CORRECTED),
        ),
    )
)
DocumentKind.COUNT = declare(
    KindSpec(
        name="count",
        prefix="CT",
        moves=(
            Move(Location.STORE, Location.WRITTEN_OFF, _COUNTED_OUT),
            # Found on the shelf: taken in at cost when the shop had let it go, back in place
            # with its old record when it was recorded as sold or away for repair.
            Move(Location.WRITTEN_OFF, Location.STORE, _COUNTED_IN, intake=True),
            Move(Location.SUPPLIER, Location.STORE, _COUNTED_IN, intake=True),
            Move(Location.VOID, Location.STORE, _COUNTED_IN, intake=True),
            Move(Location.CUSTOMER, Location.STORE, _COUNTED_IN),
            Move(Location.REPAIR, Location.STORE, _COUNTED_IN),
        ),
    )
)

_REPAIR_ACCEPTED = Event("repair_accepted", N_("accepted for repair"))
_REPAIR_HANDED_BACK = Event("repair_handed_back", N_("handed back after repair"))
_REPAIR_REPLACEMENT = Event("repair_replacement", N_("given as a warranty replacement"))
_REPAIR_PART = Event("repair_part", N_("used as a repair part"))
_REPAIR_WRITTEN_OFF = Event("repair_written_off", N_("written off from repair"))
_REPAIR_AT_SUPPLIER = Event("repair_at_supplier", N_("sent to the supplier for warranty"))
_REPAIR_FROM_SUPPLIER = Event("repair_back_from_supplier", N_("back from the supplier"))

DocumentKind.REPAIR = declare(
    KindSpec(
        name="repair",
        prefix="RP",
        moves=(
            # The order's own document takes the customer's unit in; each later step of the
            # order is a document numbered after it (RP-000001-1, -2…), dated when it happens.
            Move(Location.CUSTOMER, Location.REPAIR, _REPAIR_ACCEPTED, Operation.REPAIR_ACCEPT),
            # Handed back: its sale's record (through the movement's origin) and its warranty
            # end, extended by the days in repair when the shop says so.
            Move(
                Location.REPAIR,
                Location.CUSTOMER,
                _REPAIR_HANDED_BACK,
                Operation.REPAIR_HAND_BACK,
                sale=True,
                warranty=Warranty.SETS,
            ),
            # Another unit from stock in place of one under warranty, which stays in repair.
            Move(
                Location.STORE,
                Location.CUSTOMER,
                _REPAIR_REPLACEMENT,
                Operation.REPAIR_REPLACE,
                sale=True,
                warranty=Warranty.SETS,
            ),
            Move(Location.STORE, Location.WRITTEN_OFF, _REPAIR_PART, Operation.REPAIR_PART),
            # A unit left in repair (the old one of a replacement, or one beyond repair) is
            # written off on a step of its order, which closes.
            Move(
                Location.REPAIR,
                Location.WRITTEN_OFF,
                _REPAIR_WRITTEN_OFF,
                Operation.REPAIR_WRITE_OFF,
            ),
        ),
    )
)
DocumentKind.RMA = declare(
    KindSpec(
        name="rma",
        prefix="RM",
        moves=(
            # Units in repair go to their supplier for a warranty decision; the answers come
            # back as documents numbered after the RMA (RM-000001-1…).
            Move(Location.REPAIR, Location.SUPPLIER, _REPAIR_AT_SUPPLIER, Operation.RMA_SEND),
            Move(Location.SUPPLIER, Location.REPAIR, _REPAIR_FROM_SUPPLIER, Operation.RMA_RECEIVE),
        ),
    )
)

ASSEMBLE_PART = Move(Location.STORE, Location.KIT, _ASSEMBLED, Operation.ASSEMBLE)
"""A component leaves the shelf for the kit being put together."""
ASSEMBLE_KIT = Move(
    Location.DISMANTLED, Location.STORE, _KIT_ASSEMBLED, Operation.ASSEMBLE_KIT, intake=True
)
"""The kit's own serial number comes into stock at the cost of its parts."""
DISMANTLE_PART = Move(Location.KIT, Location.STORE, _DISMANTLED, Operation.DISMANTLE)
"""A component back on the shelf from a kit taken apart."""
DISMANTLE_KIT = Move(Location.STORE, Location.DISMANTLED, _KIT_DISMANTLED, Operation.DISMANTLE_KIT)
"""The kit's own serial number leaves stock when the kit is taken apart."""

DocumentKind.ASSEMBLY = declare(
    KindSpec(name="assembly", prefix="AS", moves=(ASSEMBLE_PART, ASSEMBLE_KIT))
)
DocumentKind.DISMANTLING = declare(
    KindSpec(name="dismantling", prefix="DM", moves=(DISMANTLE_PART, DISMANTLE_KIT))
)

_DISPATCHED = Event("dispatched", N_("sent to another location"))
_ARRIVED = Event("arrived", N_("arrived by transfer"))
_LOST_IN_TRANSIT = Event("lost_in_transit", N_("lost in transit"))

DocumentKind.TRANSFER = declare(
    KindSpec(
        name="transfer",
        prefix="TR",
        # Posted at the sending location; the document names the receiving one (to_site).
        moves=(Move(Location.STORE, Location.TRANSIT, _DISPATCHED, Operation.DISPATCH),),
    )
)
DocumentKind.ARRIVAL = declare(
    KindSpec(
        name="arrival",
        prefix="TA",
        # Posted at the receiving location against its transfer (ref): what was scanned
        # arrives, what the shop says never came is written off; the rest stays in transit.
        moves=(
            Move(Location.TRANSIT, Location.STORE, _ARRIVED, Operation.ARRIVE),
            Move(
                Location.TRANSIT, Location.WRITTEN_OFF, _LOST_IN_TRANSIT, Operation.LOSE_IN_TRANSIT
            ),
        ),
    )
)
