"""Printing from the ledger: never losing a sale to the printer, re-printing any document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devices.print.escpos_dump import decode
from tests.devices.fake_printer import FakeNetworkPrinter
from tests.integration.conftest import Till


@pytest.fixture
def till(till: Till, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Till:
    """`till` on a demo shop whose config prints cards automatically."""
    monkeypatch.setenv("TILL_LANGUAGE", "uk")
    config = tmp_path / "till.toml"
    config.write_text(
        '[till]\nshop_name = "Їжак і Ко"\n[sale]\nwarranty_cards = "auto"\n'
        '[printer]\nprofile = "TM-T20II"\nconfirm = false\ntimeout = 1.0\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TILL_CONFIG", str(config))
    assert till("demo", "--no-app")[0] == 0
    return till


PHONE = "GAL-A15:350000000001020"


def test_a_sale_whose_printer_is_unreachable_is_posted_and_its_jobs_wait(till: Till) -> None:
    """The sale is posted (exit 0), the receipt and card are kept and can be retried."""
    code, out, err = till("sell", PHONE, "--printer", "tcp://127.0.0.1:9")
    assert code == 0 and out.strip() == "SL-000006"
    assert "till print retry" in err
    waiting = json.loads(till("print", "jobs", "--json")[1])
    assert {(j["kind"], j["status"]) for j in waiting} == {
        ("receipt", "failed"),
        ("warranty_card", "failed"),
    }
    with FakeNetworkPrinter() as printer:
        code, out, _ = till("print", "retry", "--printer", printer.url)
    assert code == 0 and out.count("printed") == 2
    lines = decode(bytes(printer.received)).lines()
    assert any("ГАРАНТІЙНИЙ" in line.replace(" ", "") for line in lines)
    assert json.loads(till("print", "jobs", "--json")[1]) == []


def test_a_sale_with_a_working_printer_prints_receipt_and_warranty_card(
    till: Till, tmp_path: Path
) -> None:
    """file:// writes the raw job: the card carries the SN as text, barcode and QR payload."""
    out_file = tmp_path / "printer.bin"
    assert till("sell", PHONE, "--customer", "Олена", "--printer", f"file://{out_file}")[0] == 0
    dump = decode(out_file.read_bytes())
    text = "\n".join(dump.lines())
    assert "350000000001020" in text and "Олена" in text and "Їжак і Ко" in text
    assert "350000000001020" in dump.barcodes()
    assert any("350000000001020" in qr for qr in dump.qr_codes())
    assert json.loads(till("print", "jobs", "--json")[1]) == []


def test_any_past_document_can_be_reprinted(till: Till, tmp_path: Path) -> None:
    """A receipt and a card of an old sale print again."""
    out_file = tmp_path / "again.bin"
    assert till("print", "receipt", "SL-000001", "--printer", f"file://{out_file}")[0] == 0
    assert "SL-000001" in "\n".join(decode(out_file.read_bytes()).lines())
    code, out, _ = till("print", "warranty", "350000000001004", "--preview")
    assert code == 0 and "350000000001004" in out and "Іван Петренко" in out


def test_label_png_decodes_back_to_its_serial(till: Till, tmp_path: Path) -> None:
    """The SN label's Code 128 barcode reads back with a barcode reader."""
    import zxingcpp
    from PIL import Image

    png = tmp_path / "label.png"
    assert till("print", "label", "350000000001038", "--png", str(png))[0] == 0
    found = zxingcpp.read_barcodes(Image.open(png))
    assert [b.text for b in found] == ["350000000001038"]


def test_printing_without_a_printer_says_how_to_configure_one(till: Till) -> None:
    """No printer configured: one clear line, exit 2."""
    code, _, err = till("print", "receipt", "SL-000001")
    assert code == 2 and "--printer" in err
