"""The cash drawer from the command line: opened after a cash sale or refund, not after a
card sale, and on demand; the bytes as the printer receives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.conftest import Till

KICK = b"\x1bp\x01\x1e\x1e"
"""ESC p on pin 5 with a 60 ms pulse, as the test's config sets it."""


@pytest.fixture
def printer_file(tmp_path: Path) -> Path:
    """Where the configured printer (file://) writes its raw bytes."""
    return tmp_path / "printer.bin"


@pytest.fixture
def shop_till(
    till: Till, tmp_path: Path, printer_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Till:
    """Phones and cables in stock; the drawer opens with cash, on pin 5 with a 60 ms pulse."""
    config = tmp_path / "till.toml"
    config.write_text(
        f'[printer]\nurl = "file://{printer_file}"\nprofile = "TM-T20II"\nconfirm = false\n'
        "[drawer]\non_cash = true\npin = 5\npulse_ms = 60\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TILL_CONFIG", str(config))
    for args in (
        ("type", "add", "Phones", "--tracking", "strict", "--warranty-months", "12"),
        ("type", "add", "Cables", "--tracking", "none"),
        ("product", "add", "A15", "--name", "Galaxy A15", "--type", "Phones", "--price", "6999"),
        ("product", "add", "USB", "--name", "Кабель", "--type", "Cables", "--price", "199"),
        ("receive", "--supplier", "ТОВ", "--line", "A15:2:5200:SN1,SN2", "--line", "USB:9:80"),
    ):
        assert till(*args)[0] == 0, args
    return till


def test_a_cash_sale_opens_the_drawer_and_a_card_sale_does_not(
    shop_till: Till, printer_file: Path
) -> None:
    """The kick comes first, once, before the receipt; a card sale's bytes have none."""
    assert shop_till("sell", "USB*2", "--payment", "cash")[0] == 0
    sent = printer_file.read_bytes()
    assert sent.count(KICK) == 1 and sent.index(KICK) < sent.index(b"\x1d\x56")
    printer_file.unlink()
    assert shop_till("sell", "A15:SN1", "--payment", "card")[0] == 0
    sent = printer_file.read_bytes()
    assert b"\x1bp" not in sent and b"SN1" in sent


def test_a_cash_refund_opens_the_drawer(shop_till: Till, printer_file: Path) -> None:
    """Taking back a unit sold for cash kicks the drawer; a card sale's refund does not."""
    assert shop_till("sell", "A15:SN1")[0] == 0
    assert shop_till("sell", "A15:SN2", "--payment", "card")[0] == 0
    printer_file.unlink()
    assert shop_till("return", "SN1")[0] == 0
    sent = printer_file.read_bytes()
    assert KICK in sent and b"\x1d\x56" not in sent  # the kick alone, no receipt cut
    printer_file.unlink()
    assert shop_till("return", "SN2")[0] == 0
    assert not printer_file.exists()


def test_drawer_open_kicks_on_demand_and_leaves_no_job_waiting(
    shop_till: Till, printer_file: Path
) -> None:
    """`till drawer open` sends the kick through the queue."""
    code, out, err = shop_till("drawer", "open", "--json")
    assert (code, err) == (0, "") and json.loads(out)["opened"] is True
    assert printer_file.read_bytes().count(KICK) == 1
    assert json.loads(shop_till("print", "jobs", "--json")[1]) == []


def test_a_drawer_that_did_not_open_is_not_kept_for_a_retry(shop_till: Till) -> None:
    """A kick to an unreachable printer fails now and never springs the drawer later."""
    code, _out, err = shop_till("drawer", "open", "--printer", "tcp://127.0.0.1:9")
    assert code == 2 and "did not open" in err
    assert json.loads(shop_till("print", "jobs", "--json")[1]) == []
