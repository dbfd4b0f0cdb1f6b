"""The `till` command from argv to output and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.persistence.db import Sql, open_database
from tests.integration.conftest import Till


@pytest.fixture
def stocked(till: Till) -> Till:
    """A catalogue of a strict phone, a soft bike and untracked cables, with stock."""
    assert (
        till(
            "type",
            "add",
            "Electronics/Phones",
            "--tracking",
            "strict",
            "--warranty-months",
            "12",
            "--sn-check",
            "imei",
        )[0]
        == 0
    )
    assert till("type", "add", "Bikes", "--tracking", "soft")[0] == 0
    assert till("type", "add", "Cables", "--tracking", "none")[0] == 0
    assert (
        till(
            "product",
            "add",
            "A15",
            "--name",
            "Galaxy A15",
            "--type",
            "Electronics/Phones",
            "--price",
            "6999",
            "--barcode",
            "4820000000017",
        )[0]
        == 0
    )
    assert (
        till(
            "product",
            "add",
            "BIKE",
            "--name",
            "Велосипед",
            "--type",
            "Bikes",
            "--price",
            "12000,50",
        )[0]
        == 0
    )
    assert (
        till("product", "add", "USB", "--name", "Кабель", "--type", "Cables", "--price", "199")[0]
        == 0
    )
    code, out, err = till(
        "receive",
        "--supplier",
        "ТОВ Постач",
        "--number",
        "ВН-1",
        "--date",
        "2024-12-02",
        "--line",
        "A15:2:5200:490154203237518,356938035643809",
        "--line",
        "USB:10:80",
    )
    assert (code, out.strip(), err) == (0, "RC-000001", "")
    return till


def test_sell_prints_the_document_number_and_json_has_document_and_warnings(stocked: Till) -> None:
    """Plain output is the number; --json an object with document and warnings."""
    code, out, _ = stocked("sell", "A15:490154203237518", "USB*2", "--customer", "Іван")
    assert (code, out.strip()) == (0, "SL-000001")
    code, out, _ = stocked("sell", "USB", "--json")
    data = json.loads(out)
    assert code == 0 and data["document"] == "SL-000002" and data["warnings"] == []


def test_items_written_after_a_commands_options_join_its_items(stocked: Till) -> None:
    """``till sell A15:SN --customer Іван USB*2`` sells both; an unknown option after them
    is still a usage error, and nothing is sold."""
    code, out, _ = stocked("sell", "A15:490154203237518", "--customer", "Іван", "USB*2")
    assert (code, out.strip()) == (0, "SL-000001")
    _code, shown, _err = stocked("document", "SL-000001", "--json")
    assert [line["sku"] for line in json.loads(shown)["lines"]] == ["A15", "USB"]
    with pytest.raises(SystemExit) as usage:
        stocked("sell", "USB", "--customer", "Іван", "--bogus", "USB*2")
    assert usage.value.code == 2
    assert stocked("document", "SL-000002")[0] != 0, "nothing was sold"


def test_refused_sale_exits_1_naming_the_rule_and_the_sn(stocked: Till) -> None:
    """Selling a sold unit: exit 1, one line on stderr, nothing written."""
    stocked("sell", "A15:490154203237518")
    code, out, err = stocked("sell", "A15:490154203237518")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "[not_in_stock]" in err and "490154203237518" in err
    assert json.loads(stocked("report", "stock", "--json")[1])[0]["serial"] == "356938035643809"


def test_a_receipt_with_three_bad_serial_numbers_names_all_three(stocked: Till) -> None:
    """One run refuses the receipt and names every bad SN on stderr and in --json."""
    line = "A15:4:5200:490154203237518,BAD-1,353879234252633,356938035643809"
    code, out, err = stocked("receive", "--supplier", "X", "--line", line, "--json")
    assert code == 1 and err.count("\n") == 3
    assert all(sn in err for sn in ("490154203237518", "BAD-1", "356938035643809"))
    refused = json.loads(out)
    assert refused["refused"] == "duplicate_receipt" and "(and 2 more)" in refused["message"]
    assert [d["serial"] for d in refused["discrepancies"]] == [
        "490154203237518",
        "BAD-1",
        "356938035643809",
    ]
    assert stocked("document", "RC-000002")[0] != 0


def test_a_refusal_names_the_first_twenty_on_stderr_and_all_in_json(stocked: Till) -> None:
    """Twenty-five bad SNs: twenty lines, then how many more; the JSON lists all of them."""
    serials = ",".join(f"BAD-{n:02d}" for n in range(25))
    code, out, err = stocked(
        "receive", "--supplier", "X", "--line", f"A15:25:1:{serials}", "--json"
    )
    lines = err.splitlines()
    assert code == 1 and len(lines) == 21 and lines[-1] == "till: … and 5 more"
    assert all("[sn_format]" in text for text in lines[:20])
    assert len(json.loads(out)["discrepancies"]) == 25


def test_bad_input_exits_2_and_writes_nothing(stocked: Till) -> None:
    """A malformed line, amount or date is a usage error."""
    assert stocked("receive", "--supplier", "X", "--line", "A15:two:5")[0] == 2
    assert stocked("receive", "--supplier", "X", "--line", "USB:1:1.234")[0] == 2
    assert stocked("sell", "USB", "--date", "31-12-2026")[0] == 2
    code, _, err = stocked("sell", "NOPE")
    assert code == 2 and "NOPE" in err
    with pytest.raises(SystemExit) as usage:
        stocked("sell")
    assert usage.value.code == 2
    assert stocked("report", "stock", "--json")[1].count('"serial"') == 2


def test_serial_json_has_the_units_whole_life(stocked: Till) -> None:
    """state, warranty_end, days_left and events with at, kind and document."""
    stocked("sell", "A15:490154203237518", "--date", "2026-01-10")
    code, out, _ = stocked("serial", "490154203237518", "--as-of", "2026-02-10", "--json")
    data = json.loads(out)
    assert code == 0 and data["sku"] == "A15" and data["state"] == "sold"
    assert data["warranty_end"] == "2027-01-10" and data["days_left"] == 334
    assert [(e["kind"], e["document"]) for e in data["events"]] == [
        ("received", "RC-000001"),
        ("sold", "SL-000001"),
    ]
    assert all("at" in e for e in data["events"])


def test_serial_never_seen_exits_1_and_json_is_an_empty_list(stocked: Till) -> None:
    """An unknown SN says so."""
    code, out, err = stocked("serial", "NOPE123", "--json")
    assert code == 1 and json.loads(out) == [] and "never recorded" in err


def test_serial_known_for_two_products_is_a_list(stocked: Till) -> None:
    """The same SN on a phone and a bike gives two objects."""
    stocked("receive", "--supplier", "X", "--line", "BIKE:1:100:356938035643809")
    data = json.loads(stocked("serial", "356938035643809", "--json")[1])
    assert sorted(d["sku"] for d in data) == ["A15", "BIKE"]


def test_return_and_supplier_return_and_write_off_commands(stocked: Till) -> None:
    """Each document command posts and prints its number."""
    stocked("sell", "A15:490154203237518", "USB*3")
    assert stocked("return", "490154203237518", "--reason", "брак")[1].strip() == "RT-000001"
    assert stocked("return", "--sale", "SL-000001", "USB*2")[1].strip() == "RT-000002"
    code, out, _ = stocked("supplier-return", "--supplier", "ТОВ Постач", "A15:490154203237518")
    assert (code, out.strip()) == (0, "SR-000001")
    assert stocked("write-off", "--reason", "зламаний", "USB")[1].strip() == "WO-000001"
    code, _, err = stocked("return", "356938035643809")
    assert code == 1 and "[return_in_stock]" in err


def test_receipt_serials_corrects_a_posted_receipt(stocked: Till) -> None:
    """OLD=NEW pairs post a correction document."""
    code, out, _ = stocked("receipt", "serials", "RC-000001", "356938035643809=353918050254982")
    assert (code, out.strip()) == (0, "CO-000001")
    doc = json.loads(stocked("document", "RC-000001", "--json")[1])
    assert doc["lines"][0]["serials"] == ["490154203237518", "353918050254982"]


def test_soft_warnings_go_to_stderr_and_into_json(stocked: Till) -> None:
    """A soft discrepancy posts with a warning line."""
    stocked("receive", "--supplier", "X", "--line", "BIKE:1:100:B-1")
    code, out, err = stocked("sell", "BIKE:B-77", "--json")
    assert code == 0 and json.loads(out)["warnings"][0]["rule"] == "not_in_stock"
    assert "warning [not_in_stock]" in err


def test_reports_export_csv_and_json(stocked: Till) -> None:
    """report stock|warranty in every format."""
    stocked("sell", "A15:490154203237518", "--customer", "Оля", "--date", "2025-01-01")
    csv_out = stocked("report", "stock", "--format", "csv")[1].splitlines()
    assert csv_out[0].startswith("serial,sku") and len(csv_out) == 2
    expired = json.loads(
        stocked("report", "warranty", "--expired", "--as-of", "2026-06-01", "--format", "json")[1]
    )
    assert [r["customer"] for r in expired] == ["Оля"] and expired[0]["active"] is False
    assert (
        json.loads(stocked("report", "warranty", "--active", "--as-of", "2026-06-01", "--json")[1])
        == []
    )
    assert stocked("report", "stock", "--type", "Electronics")[0] == 0


def test_csv_lines_end_with_a_plain_newline(stocked: Till) -> None:
    """No carriage return, raw or escaped into visible text, at the end of a CSV line."""
    out = stocked("report", "stock", "--format", "csv")[1]
    lines = out.split("\n")
    assert lines[0].startswith("serial,sku") and lines[-1] == ""
    assert "\r" not in out and "\\u000d" not in out


def test_import_reports_bad_rows_by_line_and_imports_nothing(till: Till, tmp_path: Path) -> None:
    """All or nothing: one bad row refuses the file."""
    types = tmp_path / "types.csv"
    types.write_text(
        "path;tracking;warranty_months\nPhones;strict;12\nMisc;none;\n", encoding="utf-8"
    )
    assert till("import", "types", str(types))[0] == 0
    products = tmp_path / "products.csv"
    products.write_text(
        "sku,name,type,price,barcodes\nP1,Phone,Phones,100,4820000000017\n"
        "P2,Bad,Nowhere,100,\nP3,Worse,Phones,abc,\n",
        encoding="utf-8",
    )
    code, _, err = till("import", "products", str(products))
    assert code == 2 and "line 3" in err and "line 4" in err
    assert json.loads(till("product", "list", "--json")[1]) == []


def test_type_add_creates_missing_parents_that_inherit(till: Till) -> None:
    """Electronics/Phones creates Electronics; a child inherits the mode."""
    till("type", "add", "Electronics/Phones", "--tracking", "strict")
    till("type", "add", "Electronics/Phones/Budget")
    tree = {t["path"]: t for t in json.loads(till("type", "list", "--json")[1])}
    assert tree["Electronics"]["tracking"] == "none"
    assert tree["Electronics/Phones/Budget"]["tracking"] == "strict"
    assert "tracking" in tree["Electronics/Phones/Budget"]["inherited"]


def test_demo_builds_all_three_modes_with_active_and_expired_warranties(till: Till) -> None:
    """`till demo --no-app` fills the database once."""
    assert till("demo", "--no-app")[0] == 0
    modes = {t["tracking"] for t in json.loads(till("type", "list", "--json")[1])}
    assert modes == {"none", "soft", "strict"}
    warranty = json.loads(till("report", "warranty", "--json")[1])
    assert {r["active"] for r in warranty} == {True, False}
    code, out, _ = till("demo", "--no-app", "--json")
    assert code == 0 and json.loads(out)["created"] is False
    assert till("verify")[0] == 0


def test_a_bad_config_file_is_refused_with_file_key_and_problem(till: Till, tmp_path: Path) -> None:
    """The message names the file, the key and what is wrong; exit 2."""
    config = tmp_path / "bad.toml"
    config.write_text('[sale]\nwarranty_cards = "sometimes"\n', encoding="utf-8")
    code, _, err = till("--config", str(config), "type", "list")
    assert code == 2 and str(config) in err and "sale.warranty_cards" in err
    config.write_text("[printer]\npaper = 80\n", encoding="utf-8")
    assert "unknown key printer.paper" in till("--config", str(config), "type", "list")[2]
    config.write_text("[till\n", encoding="utf-8")
    assert "not valid TOML" in till("--config", str(config), "type", "list")[2]


def test_headless_commands_never_import_textual(tmp_path: Path) -> None:
    """`till report` in a fresh interpreter leaves Textual and device libraries unloaded."""
    code = (
        "import sys; from cli.main import main; "
        f"main(['--db', {str(tmp_path / 'h.sqlite3')!r}, 'type', 'list']); "
        "heavy = ('textual', 'escpos', 'evdev', 'serial', 'barcode'); "
        "bad = [m for m in heavy if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_count_commands_from_new_to_post(stocked: Till, tmp_path: Path) -> None:
    """new prints the id; scan, import, show --json, replace and post work by that id."""
    stocked("sell", "A15:490154203237518")
    code, sheet, _ = stocked("count", "new", "--type", "Electronics")
    sheet = sheet.strip()
    assert code == 0 and sheet.startswith("CT-")
    scans = json.loads(stocked("count", "scan", sheet, "490154203237518", "--json")[1])
    assert scans[0]["kind"] == "sold"
    handheld = tmp_path / "handheld.csv"
    handheld.write_text("sn;time\nNOPE-1;10:00\n490154203237518;10:01\n", encoding="utf-8")
    assert stocked("count", "import", sheet, str(handheld))[0] == 0
    shown = json.loads(stocked("count", "show", sheet, "--json")[1])
    (phone,) = shown["products"]
    assert phone["surplus"] == ["490154203237518"] and phone["shortage"] == ["356938035643809"]
    assert shown["duplicates"] == ["490154203237518"] and shown["unknown"] == ["NOPE-1"]
    code, out, _ = stocked("count", "replace", sheet, "490154203237518", "356938035643809")
    assert (code, out.strip()) == (0, "CO-000001")
    assert stocked("count", "post", sheet)[1].strip() == sheet
    assert stocked("count", "scan", sheet, "X")[0] == 1


def test_an_empty_db_option_is_refused_not_taken_as_the_default(till: Till) -> None:
    """``--db ""`` names no file: exit 2 with the reason, no database opened."""
    code, out, err = till("--db", "", "product", "list")
    assert code == 2 and "names no file" in err and out == ""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("sell", "\udcff\udcfeAB"), "is not valid UTF-8 text"),
        (("product", "add", "X", "--name", "X", "--type", "T", "--price", "1e308"), "more than"),
        (("receive", "--supplier", "S", "--line", "USBC1:99999999999999999999:10"), "1 to"),
        (("receive", "--supplier", "S", "--line", "USBC1:²:10"), "whole number"),
        (("receive", "--supplier", "S", "--line", "USBC1:9223372036854775000:0"), "1 to"),
        (("sell", "USB", "--date", "9999-12-31"), "outside 2000-01-01"),
        (("sell", "USB", "--customer", "x" * 201), "longer than 200"),
        (("sell", "USB", "--phone", "1" * 41), "longer than 40"),
        (
            ("product", "add", "EVIL", "--name", "Cable\x1b[2J", "--type", "T", "--price", "1"),
            "control",
        ),
    ],
)
def test_hostile_values_are_refused_with_exit_2_and_one_line(
    stocked: Till, args: tuple[str, ...], said: str
) -> None:
    """Each bad value gets one escaped line on stderr naming it; nothing is printed or posted."""
    code, out, err = stocked(*args)
    assert (code, out) == (2, ""), err
    assert said in err and "\x1b" not in err and len(err.strip().splitlines()) == 1


def test_count_scan_refuses_a_quantity_that_is_not_1_to_a_million(stocked: Till) -> None:
    """``CODE*-1``, ``CODE*0`` and an overflowing count are refused, not counted as 1 or 0."""
    code, out, _err = stocked("count", "new", "--json")
    number = json.loads(out)["number"]
    for scan in ("USB*-1", "USB*0", "USB*9223372036854775807"):
        code, _out, err = stocked("count", "scan", number, scan)
        assert code == 2, (scan, err)


def test_stored_control_characters_are_escaped_when_listed(stocked: Till, tmp_path: Path) -> None:
    """A name stored before the boundary existed cannot drive the operator's terminal."""
    db = open_database(str(tmp_path / "till.sqlite3"))
    Sql(db).run("UPDATE product SET name = ? WHERE sku = 'USB'", ("Cable\x1b[2J\x9b",))
    code, out, _err = stocked("product", "list")
    assert code == 0 and "Cable\\u001b[2J\\u009b" in out and "\x1b" not in out


def test_a_label_png_that_cannot_be_written_is_refused_in_one_line(
    stocked: Till, tmp_path: Path
) -> None:
    """A missing folder or a folder named as the file: exit 2 and the reason, no traceback."""
    for target in (tmp_path / "missing" / "x.png", tmp_path):
        code, out, err = stocked("print", "label", "490154203237518", "--png", str(target))
        assert (code, out) == (2, "") and err.startswith("till: Cannot write"), err


def test_a_file_that_is_no_database_is_refused_in_one_line(till: Till, tmp_path: Path) -> None:
    """``till --db notes.txt verify`` names the file and what to do, exit 2."""
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    code, out, err = till("--db", str(notes), "verify")
    assert (code, out) == (2, "") and "is not a till database or is damaged" in err


def test_a_sale_dated_before_the_units_receipt_is_refused_naming_both_dates(
    stocked: Till,
) -> None:
    """A unit received on 2024-12-02 cannot be sold on 2020-01-01: exit 2, nothing posted."""
    code, out, err = stocked("sell", "A15:490154203237518", "--date", "2020-01-01")
    assert (code, out) == (2, "") and "2024-12-02" in err and "2020-01-01" in err
    stocked("sell", "A15:490154203237518", "--date", "2025-03-01")
    code, _out, err = stocked("return", "490154203237518", "--date", "2025-02-01")
    assert code == 2 and "2025-03-01" in err


def test_a_bad_printer_address_is_refused_before_the_sale_is_posted(stocked: Till) -> None:
    """``--printer http://x``: exit 2, no sale; an unreachable printer: exit 0, the job waits."""
    code, out, err = stocked("sell", "USB", "--printer", "http://x")
    assert (code, out) == (2, "") and "printer address" in err
    code, out, err = stocked("sell", "USB", "--printer", "tcp://127.0.0.1:9")
    assert code == 0 and out.strip() == "SL-000001" and "warning [printer]" in err


def test_a_retried_sale_with_the_same_request_id_posts_once(stocked: Till) -> None:
    """A script that retries ``till sell --request-id`` after a crash never sells twice."""
    first = stocked("sell", "USB*2", "--request-id", "pos-42")
    again = stocked("sell", "USB*2", "--request-id", "pos-42", "--json")
    assert first[0] == again[0] == 0 and first[1].strip() == "SL-000001"
    assert json.loads(again[1])["document"] == "SL-000001" and json.loads(again[1])["repeated"]
    other = stocked("sell", "USB", "--request-id", "pos-43")
    assert other[1].strip() == "SL-000002"
