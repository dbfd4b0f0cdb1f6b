"""`till repair …` and `till rma …` from argv to stdout, with the exit statuses of the rest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.conftest import Till


@pytest.fixture
def till(till: Till) -> Till:
    """A strict phone SN-1 sold on 2026-01-10 (warranty to 2027-01-10), SN-2 and SN-3 in stock,
    cables by quantity."""
    for args in (
        ("type", "add", "Phones", "--tracking", "strict", "--warranty-months", "12"),
        ("type", "add", "Parts", "--tracking", "none"),
        ("product", "add", "PH", "--name", "Phone", "--type", "Phones", "--price", "100"),
        ("product", "add", "CB", "--name", "Cable", "--type", "Parts", "--price", "5"),
        (
            "receive",
            "--supplier",
            "Мобі",
            "--date",
            "2025-12-01",
            "--line",
            "PH:3:50:SN-1,SN-2,SN-3",
        ),
        ("receive", "--supplier", "Мобі", "--date", "2025-12-01", "--line", "CB:10:2"),
        ("sell", "PH:SN-1", "--customer", "Оля", "--phone", "067", "--date", "2026-01-10"),
    ):
        assert till(*args)[0] == 0, args
    return till


def _json(till: Till, *args: str) -> Any:
    code, out, err = till(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def _accept(till: Till, *more: str) -> str:
    code, out, err = till("repair", "accept", "SN-1", "--complaint", "не вмикається", *more)
    assert code == 0, err
    return out.strip()


def test_accept_prints_the_order_and_json_gives_the_warranty(till: Till) -> None:
    done = _json(
        till,
        "repair",
        "accept",
        "sn-1",
        "--complaint",
        "не вмикається",
        "--with",
        "коробка",
        "--date",
        "2026-02-10",
    )
    assert done["order"] == "RP-000001" and done["serial"] == "SN-1"
    assert done["warranty"] is True and done["warranty_end"] == "2027-01-10"
    assert done["days_left"] == 334
    history = _json(till, "serial", "SN-1", "--as-of", "2026-02-10")
    assert history["state"] == "in_repair"
    assert history["events"][-1]["kind"] == "repair_accepted"
    assert history["events"][-1]["document"] == "RP-000001"
    shown = _json(till, "repair", "show", "RP-000001")
    assert (shown["customer"], shown["phone"], shown["with"]) == ("Оля", "067", "коробка")
    assert {
        "order",
        "serial",
        "sku",
        "status",
        "warranty",
        "customer",
        "events",
        "parts",
        "labour",
        "total",
    } <= set(shown)


def test_accept_outside_the_warranty_is_paid(till: Till) -> None:
    done = _json(till, "repair", "accept", "SN-1", "--complaint", "x", "--date", "2027-02-01")
    assert done["warranty"] is False and done["days_left"] == -22


def test_an_in_stock_sn_and_an_sn_already_in_repair_are_refused_by_name(till: Till) -> None:
    code, out, err = till("repair", "accept", "SN-2", "--complaint", "x")
    assert (code, out) == (1, "") and "[repair_in_stock]" in err and "SN-2" in err
    _accept(till)
    code, _out, err = till("repair", "accept", "SN-1", "--complaint", "x")
    assert code == 1 and "[repair_open]" in err and "RP-000001" in err
    assert till("repair", "show", "RP-000002")[0] == 2


def test_a_unit_in_repair_is_refused_for_sale_and_return(till: Till) -> None:
    _accept(till)
    code, _out, err = till("sell", "PH:SN-1")
    assert code == 1 and "SN-1" in err and "away for repair" in err
    code, _out, err = till("return", "SN-1")
    assert code == 1 and "away for repair" in err


def test_every_status_and_refused_needs_a_reason(till: Till) -> None:
    order = _accept(till)
    for status in ("at_supplier", "back_from_supplier", "in_repair", "ready"):
        assert till("repair", "status", order, status)[0] == 0, status
    with pytest.raises(SystemExit) as usage:
        till("repair", "status", order, "handed_back")
    assert usage.value.code == 2
    assert till("repair", "status", order, "refused")[0] == 2
    assert till("repair", "status", order, "refused", "--reason", "сліди рідини")[0] == 0
    shown = _json(till, "repair", "show", order)
    assert [e["status"] for e in shown["events"]] == [
        "accepted",
        "at_supplier",
        "back_from_supplier",
        "in_repair",
        "ready",
        "refused",
    ]
    assert shown["events"][-1]["reason"] == "сліди рідини"
    history = _json(till, "serial", "SN-1")
    assert [e["detail"] for e in history["events"] if e["kind"] == "repair_status"][-1] == (
        "refused: сліди рідини"
    )


def test_parts_labour_and_a_warranty_hand_back_at_zero(till: Till) -> None:
    order = _accept(till)
    code, _out, err = till("repair", "part", order, "PH:SN-404")
    assert code == 1 and "SN-404" in err
    assert till("repair", "part", order, "PH:SN-2")[1].strip() == f"{order}-1"
    assert till("repair", "part", order, "CB", "--qty", "2")[0] == 0
    assert till("repair", "labour", order, "--text", "пайка", "--price", "30")[0] == 0
    shown = _json(till, "repair", "show", order)
    assert shown["total"] == "0.00" and shown["warranty_cost"] == "84.00"
    assert [p["serial"] for p in shown["parts"]] == ["SN-2", None]
    done = _json(till, "repair", "hand-back", order)
    assert done["total"] == "0.00" and done["payment"] is None
    assert _json(till, "serial", "SN-1")["state"] == "sold"


def test_a_paid_repair_is_paid_at_hand_back_with_change(till: Till) -> None:
    order = _accept(till, "--paid", "--reason", "удар")
    till("repair", "labour", order, "--text", "чистка", "--price", "40")
    done = _json(till, "repair", "hand-back", order, "--cash", "50")
    assert (done["total"], done["payment"], done["change"]) == ("40.00", "cash", "10.00")
    document = _json(till, "document", done["document"])
    assert document["total"] == "40.00" and document["payment"] == "cash"


def test_replacement_chain_shows_on_both_serials(till: Till) -> None:
    order = _accept(till)
    posted = _json(till, "repair", "replace", order, "SN-2")
    assert posted["lines"][0]["warranty_end"] == "2027-01-10"
    old, new = _json(till, "serial", "SN-1"), _json(till, "serial", "SN-2")
    assert old["replaced_by"] == "SN-2" and new["replaces"] == "SN-1"
    assert old["chain"] == new["chain"] == ["SN-1", "SN-2"]
    assert old["state"] == "in_repair" and new["state"] == "sold"
    assert new["events"][-1]["kind"] == "repair_replacement"


def test_a_fresh_warranty_needs_its_reason(till: Till) -> None:
    order = _accept(till, "--date", "2026-02-10")
    args = ("repair", "replace", order, "SN-2", "--fresh-warranty", "--date", "2026-02-10")
    assert till(*args)[0] == 2
    posted = _json(till, *args, "--reason", "другий брак")
    assert posted["lines"][0]["warranty_end"] == "2027-02-10"


def test_rma_answers_each_way_and_the_list_counts_days(till: Till) -> None:
    order = _accept(till, "--date", "2026-02-01")
    sent = _json(till, "rma", "send", "--supplier", "Мобі", "SN-1", "--date", "2026-02-02")
    assert sent["document"] == "RM-000001"
    waiting = _json(till, "rma", "list")
    assert waiting[0]["serial"] == "SN-1" and waiting[0]["order"] == order
    assert _json(till, "repair", "show", order)["status"] == "at_supplier"
    code, out, _err = till("rma", "answer", "RM-000001", "SN-1", "replaced:SN-9")
    assert (code, out.strip()) == (0, "RM-000001-1")
    assert _json(till, "serial", "SN-9")["replaces"] == "SN-1"
    assert till("rma", "answer", "RM-000001", "SN-1", "credited")[0] == 1
    assert till("rma", "answer", "RM-000001", "SN-1", "maybe")[0] == 1
    assert till("repair", "hand-back", order)[0] == 0
    assert _json(till, "serial", "SN-9")["state"] == "sold"


def test_list_marks_overdue_orders_in_every_format(till: Till) -> None:
    _accept(till, "--date", "2026-01-11")
    rows = _json(till, "repair", "list", "--overdue")
    assert rows[0]["order"] == "RP-000001" and rows[0]["overdue"] is True
    code, out, _err = till("repair", "list", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("order,serial,sku")
    with pytest.raises(SystemExit) as usage:
        till("repair", "list", "--status", "nonsense")
    assert usage.value.code == 2


def test_reports_of_warranty_cost_and_repeats_in_every_format(till: Till) -> None:
    order = _accept(till)
    till("repair", "labour", order, "--text", "пайка", "--price", "30")
    assert till("repair", "hand-back", order)[0] == 0
    _accept(till)
    cost = _json(till, "repair", "report", "cost", "--by", "supplier")
    assert cost == [
        {
            "supplier": "Мобі",
            "name": None,
            "orders": 2,
            "parts_cost": "0.00",
            "labour": "30.00",
            "total": "30.00",
        }
    ]
    repeats = _json(till, "repair", "report", "repeats", "--by", "serial")
    assert repeats[0]["serial"] == "SN-1" and repeats[0]["orders"] == 2
    code, out, _err = till("repair", "report", "cost", "--format", "csv")
    assert code == 0 and out.splitlines()[1].startswith("PH,Phone,2,")


def test_the_old_unit_of_a_replacement_is_written_off_with_a_reason(till: Till) -> None:
    """`till repair write-off` moves the unit repair → written off on a step of the order,
    which closes as written off; the SN history shows both."""
    order = _accept(till)
    assert till("repair", "replace", order, "SN-2")[0] == 0
    with pytest.raises(SystemExit) as usage:
        till("repair", "write-off", order)
    assert usage.value.code == 2
    code, out, err = till("repair", "write-off", order, "--reason", "не підлягає ремонту")
    assert code == 0, err
    assert out.strip() == f"{order}-2"
    history = _json(till, "serial", "SN-1")
    assert history["state"] == "written_off"
    written = [e for e in history["events"] if e["kind"] == "repair_written_off"]
    assert [e["document"] for e in written] == [f"{order}-2"]
    shown = _json(till, "repair", "show", order)
    assert shown["status"] == "written_off"
    assert shown["events"][-1]["reason"] == "не підлягає ремонту"
    code, _out, err = till("repair", "write-off", order, "--reason", "ще раз")
    assert code == 1 and "[repair_closed]" in err
