"""Every document kind is declared whole, and every lookup derived from the declarations works."""

from __future__ import annotations

from datetime import date, datetime
from typing import get_type_hints

import pytest
from babel.messages.pofile import read_po

from core.domain.kinds import (
    NAME_LENGTH,
    DocumentKind,
    Event,
    KindSpec,
    Move,
    Operation,
    Warranty,
    declare,
    declared,
    event_word,
    move_of,
)
from core.domain.ledger_fold import SerialState, apply
from core.domain.movements import DocumentRef, Movement
from core.domain.units import STATE_AT, STATE_WORDS, Location, UnitState, state_name
from core.i18n import LOCALE_DIR
from core.services import moving
from core.services.queries import event_kind

PO = LOCALE_DIR / "uk" / "LC_MESSAGES" / "core.po"


def _translated() -> dict[str, str]:
    """The core's Ukrainian catalogue: translation by English message."""
    with PO.open("rb") as file:
        return {str(m.id): str(m.string) for m in read_po(file) if m.id and m.string}


def _constants(cls: type) -> dict[str, object]:
    """The constants a class declares as ``ClassVar`` (``DocumentKind.SALE``…)."""
    return {name: getattr(cls, name) for name in get_type_hints(cls) if name.isupper()}


def _all_moves() -> list[tuple[KindSpec, Move]]:
    return [(spec, move) for spec in declared() for move in spec.moves]


def test_every_kind_constant_is_declared_and_read_back_as_itself() -> None:
    kinds = _constants(DocumentKind)
    assert len(kinds) == 13
    names = {spec.name for spec in declared()}
    for kind in kinds.values():
        assert isinstance(kind, DocumentKind) and kind in names
        assert DocumentKind(kind.value) is kind
        assert kind.spec.name == kind.value and kind.prefix == kind.spec.prefix
    with pytest.raises(ValueError, match="not a declared document kind"):
        DocumentKind("repair_order")


def test_names_and_prefixes_are_unique_and_fit_the_database() -> None:
    specs = declared()
    assert len({spec.name for spec in specs}) == len(specs)
    assert len({spec.prefix for spec in specs}) == len(specs)
    for spec in specs:
        assert 0 < len(spec.name) <= NAME_LENGTH and spec.prefix.isupper(), spec
        assert spec.moves, spec.name


def test_every_operation_is_declared_by_a_move_with_its_expected_state() -> None:
    used = {move.operation for _spec, move in _all_moves() if move.operation is not None}
    operations = _constants(Operation)
    assert set(operations.values()) == used
    assert len({op.name for op in used}) == len(used)
    for op in used:
        assert op.expects is None or isinstance(op.expects, UnitState), op
    expected = {op.name: op.expects for op in used}
    assert expected == {
        "receive": None,
        "sell": UnitState.IN_STOCK,
        "customer_return": UnitState.SOLD,
        "supplier_return": UnitState.IN_STOCK,
        "write_off": UnitState.IN_STOCK,
        "correct_in": None,
        "repair_accept": UnitState.SOLD,
        "repair_hand_back": UnitState.IN_REPAIR,
        "repair_replace": UnitState.IN_STOCK,
        "repair_part": UnitState.IN_STOCK,
        "repair_write_off": UnitState.IN_REPAIR,
        "rma_send": UnitState.IN_REPAIR,
        "rma_receive": None,
        "assemble": UnitState.IN_STOCK,
        "assemble_kit": None,
        "sell_from_kit": UnitState.IN_KIT,
        "dismantle": UnitState.IN_KIT,
        "dismantle_kit": UnitState.IN_STOCK,
        "dispatch": UnitState.IN_STOCK,
        "arrive": UnitState.IN_TRANSIT,
        "lose_in_transit": UnitState.IN_TRANSIT,
    }


def test_every_event_word_is_translated_and_one_code_has_one_word() -> None:
    ukrainian = _translated()
    words: dict[str, str] = {}
    for spec, move in _all_moves():
        event = move.event
        assert event.code and event.word, (spec.name, move)
        assert words.setdefault(event.code, event.word) == event.word, event.code
        assert ukrainian.get(event.word), f"{event.word!r} of {spec.name} is not in core.po"
        assert event_word(event.code) == event.word


def test_every_place_has_a_state_and_every_state_its_translated_words() -> None:
    ukrainian = _translated()
    assert set(STATE_AT) == set(Location)
    assert set(STATE_WORDS) == set(UnitState)
    for state, words in STATE_WORDS.items():
        assert ukrainian.get(words.name) and ukrainian.get(words.phrase), state
        assert state_name(state) == state_name(state.value) == words.name
    assert ukrainian.get("unknown") and state_name(None) == "unknown"


def test_every_declared_service_is_found() -> None:
    posted = [DocumentKind(spec.name) for spec in declared() if spec.service]
    assert posted == [DocumentKind.SUPPLIER_RETURN, DocumentKind.WRITE_OFF]
    assert moving.postable() == posted
    for kind in posted:
        assert callable(moving.service_for(kind))
        assert kind.spec.line_move.operation is not None


def _movement(kind: DocumentKind, move: Move) -> Movement:
    document = DocumentRef(9, f"{kind.prefix}-000009", kind, date(2026, 5, 1), "Party", "067")
    return Movement(
        kind=kind,
        product_id=1,
        quantity=1,
        from_location=move.source,
        to_location=move.target,
        document=document,
        at=datetime(2026, 5, 1, 12, 0),
        serial="SN-1",
        unit_cost=700,
        unit_price=900,
        warranty_end=date(2027, 5, 1),
    )


@pytest.mark.parametrize(
    ("kind", "move"),
    [(DocumentKind(spec.name), move) for spec, move in _all_moves()],
    ids=[f"{spec.name}:{move.source}>{move.target}" for spec, move in _all_moves()],
)
def test_a_unit_folds_every_declared_move_as_declared(kind: DocumentKind, move: Move) -> None:
    """ledger_fold.apply and the history's event come from the declaration, for every move."""
    before = SerialState(
        1,
        "SN-1",
        move.source,
        cost=500,
        received_doc="RC-000001",
        sale_doc="SL-000001",
        price=800,
        warranty_end=date(2026, 12, 31),
    )
    movement = _movement(kind, move)
    after = apply(before, movement)
    assert after.location is move.target and after.state is STATE_AT[move.target]
    assert move_of(kind, move.source, move.target) is move
    assert event_kind(movement) == move.event.code
    number = movement.document.number
    assert (after.cost, after.received_doc) == (
        (700, number) if move.intake else (500, "RC-000001")
    )
    assert (after.sale_doc, after.price) == ((number, 900) if move.sale else ("SL-000001", 800))
    kept = date(2026, 12, 31)
    assert after.warranty_end == (date(2027, 5, 1) if move.warranty is Warranty.SETS else kept)


def test_a_move_no_kind_declares_is_an_error_not_a_guess() -> None:
    with pytest.raises(LookupError, match="declares no move from store to repair"):
        move_of(DocumentKind.SALE, Location.STORE, Location.REPAIR)


_OUT = Move(Location.STORE, Location.REPAIR, Event("lent", "lent"), Operation.WRITE_OFF)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        (KindSpec("Loan", "LN", (_OUT,)), "lower_case"),
        (KindSpec("loan", "SL", (_OUT,)), "prefix SL is another kind's"),
        (KindSpec("sale", "LN", (_OUT,)), "declared already"),
        (KindSpec("loan", "ln", (_OUT,)), "two to four capital letters"),
        (KindSpec("loan", "LN", ()), "no move"),
        (KindSpec("loan", "LN", (_OUT, _OUT)), "declared twice"),
        (
            KindSpec("loan", "LN", (Move(Location.STORE, Location.REPAIR, Event("lent", "")),)),
            "no event word",
        ),
        (
            KindSpec("loan", "LN", (Move(Location.STORE, Location.REPAIR, Event("sold", "x")),)),
            "another word already",
        ),
        (
            KindSpec(
                "loan", "LN", (Move(Location.STORE, Location.REPAIR, _OUT.event, intake=True),)
            ),
            "only a move into the store is an intake",
        ),
        (
            KindSpec(
                "loan",
                "LN",
                (Move(Location.STORE, Location.REPAIR, _OUT.event, warranty=Warranty.SETS),),
            ),
            "a warranty runs only at the customer",
        ),
        (
            KindSpec("loan", "LN", (Move(Location.STORE, Location.REPAIR, _OUT.event),), "m:f"),
            "one move with an operation",
        ),
        (
            KindSpec(
                "loan",
                "LN",
                (Move(Location.REPAIR, Location.STORE, _OUT.event, Operation.RECEIVE),),
                "m:f",
            ),
            "never into the store",
        ),
        (
            KindSpec(
                "loan",
                "LN",
                (Move(Location.STORE, Location.REPAIR, _OUT.event, Operation("sell", None)),),
            ),
            "operation 'sell' expects another state",
        ),
        (KindSpec("loan", "LN", (_OUT,), "core.services.moving"), "module:function"),
    ],
)
def test_an_incomplete_or_clashing_declaration_is_refused(spec: KindSpec, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        declare(spec)
    assert "loan" not in {s.name for s in declared()}
