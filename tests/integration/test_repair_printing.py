"""The repair receipt prints through the print queue: its bytes carry the order as a barcode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devices.print.escpos_dump import decode
from tests.integration.conftest import Till


@pytest.fixture
def till(till: Till, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Till:
    """A shop whose config prints cards automatically, with a strict phone sold and one spare."""
    config = tmp_path / "till.toml"
    config.write_text(
        '[till]\nshop_name = "Їжак і Ко"\n[sale]\nwarranty_cards = "auto"\n'
        '[printer]\nprofile = "TM-T20II"\nconfirm = false\ntimeout = 1.0\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TILL_CONFIG", str(config))
    for args in (
        ("type", "add", "Phones", "--tracking", "strict", "--warranty-months", "12"),
        ("product", "add", "PH", "--name", "Телефон", "--type", "Phones", "--price", "100"),
        ("receive", "--supplier", "Мобі", "--line", "PH:2:50:SN-1,SN-2"),
        ("sell", "PH:SN-1", "--customer", "Оля"),
    ):
        assert till(*args)[0] == 0, args
    return till


def test_the_repair_receipt_bytes_decode_to_the_order_and_its_barcode(
    till: Till, tmp_path: Path
) -> None:
    """Printed at intake: the order number as text and as a CODE128 barcode, the complaint."""
    out_file = tmp_path / "slip.bin"
    code, out, err = till(
        "repair",
        "accept",
        "SN-1",
        "--complaint",
        "не заряджається",
        "--with",
        "зарядка",
        "--printer",
        f"file://{out_file}",
    )
    assert (code, out.strip(), err) == (0, "RP-000001", "")
    dump = decode(out_file.read_bytes())
    text = "\n".join(dump.lines())
    assert "КВИТАНЦІЯ" in text.replace(" ", "") and "RP-000001" in text
    assert "не заряджається" in text and "зарядка" in text and "SN-1" in text
    assert "ГАРАНТІЙНИЙ РЕМОНТ" in text
    assert "RP-000001" in dump.barcodes()
    assert json.loads(till("print", "jobs", "--json")[1]) == []


def test_a_slip_that_cannot_print_waits_and_the_order_stands(till: Till) -> None:
    """The order is taken whatever the printer does; the job waits for a retry."""
    code, out, err = till(
        "repair", "accept", "SN-1", "--complaint", "x", "--printer", "tcp://127.0.0.1:9"
    )
    assert code == 0 and out.strip() == "RP-000001" and "till print retry" in err
    waiting = json.loads(till("print", "jobs", "--json")[1])
    assert [(j["kind"], j["document"]) for j in waiting] == [("repair_slip", "RP-000001")]


def test_a_replacement_prints_the_new_units_warranty_card(till: Till, tmp_path: Path) -> None:
    """Cards print automatically here: the replacement's card carries the kept warranty end."""
    assert till("repair", "accept", "SN-1", "--complaint", "x")[0] == 0
    out_file = tmp_path / "card.bin"
    assert till("repair", "replace", "RP-000001", "SN-2", "--printer", f"file://{out_file}")[0] == 0
    dump = decode(out_file.read_bytes())
    assert "SN-2" in dump.barcodes() and "Оля" in "\n".join(dump.lines())


def test_a_paid_hand_back_prints_the_receipt_with_what_was_paid(till: Till, tmp_path: Path) -> None:
    """The slip again at hand-back: labour, the total and the payment document."""
    assert (
        till("repair", "accept", "SN-1", "--complaint", "x", "--paid", "--reason", "удар")[0] == 0
    )
    assert till("repair", "labour", "RP-000001", "--text", "чистка", "--price", "40")[0] == 0
    out_file = tmp_path / "paid.bin"
    code, out, _err = till("repair", "hand-back", "RP-000001", "--printer", f"file://{out_file}")
    assert (code, out.strip()) == (0, "RP-000001-1")
    text = "\n".join(decode(out_file.read_bytes()).lines())
    assert "ПЛАТНИЙ РЕМОНТ" in text and "чистка" in text and "40,00" in text
    assert "RP-000001-1" in text
