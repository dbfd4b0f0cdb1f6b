"""Adding a document kind is one declaration and one service: a toy repair kind, posted by
`till post` and seen in the unit's history; a unit handed back keeps its warranty."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from core.commands import MoveGoods
from core.domain.errors import InputError
from core.domain.kinds import DocumentKind, Event, KindSpec, Move, Operation, declare, withdraw
from core.domain.units import Location, UnitState
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services.moving import post_goods
from tests.integration.conftest import Till


def take_for_repair(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """The toy kind's service: whose unit it is, then the declared move."""
    if not (cmd.party or "").strip():
        raise InputError("A repair needs the customer's name.")
    return post_goods(cmd, uow, ctx)


def hand_back(cmd: MoveGoods, uow: UnitOfWork, ctx: Context) -> Posted:
    """The second toy kind's service: nothing to ask, the declared move."""
    return post_goods(cmd, uow, ctx)


REPAIR_IN = KindSpec(
    "toy_repair",
    "TY",
    (
        Move(
            Location.CUSTOMER,
            Location.REPAIR,
            Event("taken_for_repair", "taken for repair"),
            Operation("take_for_repair", UnitState.SOLD),
        ),
    ),
    service=f"{__name__}:take_for_repair",
)
"""A sold unit comes in for repair."""

HAND_BACK = KindSpec(
    "toy_hand_back",
    "TH",
    (
        Move(
            Location.REPAIR,
            Location.CUSTOMER,
            Event("handed_back", "handed back"),
            Operation("hand_back", UnitState.IN_REPAIR),
        ),
    ),
    service=f"{__name__}:hand_back",
)
"""A repaired unit goes back to its customer: not a sale, so its warranty end stays."""


@pytest.fixture
def toy_kinds() -> Iterator[None]:
    """The two toy kinds, declared for one test."""
    declare(REPAIR_IN)
    declare(HAND_BACK)
    try:
        yield
    finally:
        withdraw(DocumentKind("toy_hand_back"))
        withdraw(DocumentKind("toy_repair"))


@pytest.fixture
def till(till: Till) -> Till:
    """`till ARGS` on a fresh database with a strict phone sold on 2026-01-10."""
    for args in (
        ("type", "add", "Phones", "--tracking", "strict", "--warranty-months", "12"),
        ("product", "add", "PH", "--name", "Phone", "--type", "Phones", "--price", "100"),
        ("receive", "--supplier", "S", "--date", "2025-12-01", "--line", "PH:1:50:SN-1"),
        ("sell", "PH:SN-1", "--customer", "Оля", "--date", "2026-01-10"),
    ):
        assert till(*args)[0] == 0, args
    return till


@pytest.mark.usefixtures("toy_kinds")
def test_a_toy_kind_posts_through_the_cli_and_shows_in_the_history(till: Till) -> None:
    code, _out, err = till("post", "toy_repair", "PH:SN-1")
    assert code == 2 and "needs the customer's name" in err
    code, out, err = till("post", "toy-repair", "PH:SN-1", "--party", "Оля", "--json")
    posted = json.loads(out)
    assert (code, err) == (0, "")
    assert (posted["document"], posted["kind"], posted["party"]) == (
        "TY-000001",
        "toy_repair",
        "Оля",
    )
    assert posted["lines"][0]["serials"] == ["SN-1"]

    history = json.loads(till("serial", "SN-1", "--as-of", "2026-02-10", "--json")[1])
    assert history["state"] == "in_repair"
    assert [(e["kind"], e["document"]) for e in history["events"]] == [
        ("received", "RC-000001"),
        ("sold", "SL-000001"),
        ("taken_for_repair", "TY-000001"),
    ]
    code, _out, err = till("post", "toy_repair", "PH:SN-1", "--party", "Оля")
    assert code == 1 and "[not_in_stock]" in err and "SN-1" in err


@pytest.mark.usefixtures("toy_kinds")
def test_a_unit_handed_back_by_a_kind_that_is_not_a_sale_keeps_its_warranty(till: Till) -> None:
    assert till("post", "toy_repair", "PH:SN-1", "--party", "Оля")[0] == 0
    assert till("post", "toy_hand_back", "PH:SN-1")[1].strip() == "TH-000001"

    history = json.loads(till("serial", "SN-1", "--as-of", "2026-02-10", "--json")[1])
    assert history["state"] == "sold"
    assert history["warranty_end"] == "2027-01-10" and history["warranty_active"] is True
    assert [e["kind"] for e in history["events"]][-1] == "handed_back"
    report = till("report", "warranty", "--as-of", "2026-02-10", "--json")[1]
    [unit] = json.loads(report)
    assert (unit["serial"], unit["sale"], unit["customer"]) == ("SN-1", "SL-000001", "Оля")
    assert unit["warranty_end"] == "2027-01-10"


def test_post_names_the_kinds_it_can_post(till: Till) -> None:
    code, _out, err = till("post", "sale", "PH:SN-1")
    assert code == 2 and "these are: supplier_return, write_off." in err
    assert till("receive", "--supplier", "S", "--line", "PH:1:50:SN-3")[0] == 0
    code, _out, err = till("post", "write_off", "PH:SN-3")
    assert code == 2 and "needs a reason" in err
    code, out, _err = till("post", "write-off", "PH:SN-3", "--reason", "dropped", "--json")
    assert (code, json.loads(out)["document"], json.loads(out)["kind"]) == (
        0,
        "WO-000001",
        "write_off",
    )


def test_post_moves_goods_as_the_supplier_return_kind_declares(till: Till) -> None:
    assert till("receive", "--supplier", "S", "--line", "PH:1:50:SN-2")[0] == 0
    code, _out, err = till("post", "supplier_return", "PH:SN-2")
    assert code == 2 and "supplier's name" in err
    code, out, _err = till("post", "supplier_return", "PH:SN-2", "--party", "S", "--json")
    assert (code, json.loads(out)["document"]) == (0, "SR-000001")
    history = json.loads(till("serial", "SN-2", "--json")[1])
    assert history["state"] == "returned_to_supplier"
    assert history["events"][-1]["kind"] == "returned_to_supplier"
