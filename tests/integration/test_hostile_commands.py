"""The bad inputs the fuzz suite found, each pinned down: one clear line and exit 2 (3 for a
printer that fails), never an unexpected error; CSV refusals on both engines."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.persistence.db import Sql
from tests.conftest import PG_URL, _postgres_or_skip
from tests.integration.conftest import Till

LONG_NAME = "A" * 102_400


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo(
    request: pytest.FixtureRequest, till: Till, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Till]:
    """`till` on the demo shop, on SQLite and on PostgreSQL."""
    schema = None
    if request.param == "postgres":
        admin = _postgres_or_skip()
        schema = f"till_hostile_{uuid.uuid4().hex[:12]}"
        Sql(admin).run(f"CREATE SCHEMA {schema}")
        admin.close()
        monkeypatch.setenv("TILL_DB", f"{PG_URL}?search_path={schema}")
        assert till("init")[0] == 0
    assert till("demo", "--no-app")[0] == 0
    yield till
    if schema is not None:
        admin.connect()
        Sql(admin).run(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


def one_line(err: str) -> str:
    """The single line a refusal writes."""
    assert len(err.splitlines()) == 1, err
    assert "unexpected error" not in err
    return err.strip()


CSV = {
    "nul": (b"sku,name,type,price\nN1,Na\x00me,Phones,10\n", "line 2: holds a NUL byte"),
    "huge": (
        b"sku,name,type,price\nH1," + b"x" * (129 * 1024) + b",Phones,1\n",
        "line 2: is longer than 131072 characters",
    ),
    "huge_quoted": (
        b'sku,name,type,price\nH1,"' + (b"y" * 1000 + b"\n") * 140 + b'",Phones,1\n',
        "line 2: is not valid CSV (field larger than field limit (131072))",
    ),
    "cp1251": (
        "sku,name,type,price\nC1,Кабель,Phones,1\n".encode("cp1251"),
        "line 2: is not UTF-8",
    ),
}


@pytest.mark.parametrize("case", CSV)
def test_a_product_csv_with_a_nul_byte_an_over_long_field_or_not_utf8_is_refused_naming_the_line(
    demo: Till, tmp_path: Path, case: str
) -> None:
    data, said = CSV[case]
    file = tmp_path / f"{case}.csv"
    file.write_bytes(data)
    before = demo("product", "list")
    code, _out, err = demo("import", "products", str(file))
    assert code == 2 and one_line(err).startswith(f"till: {file}, {said}")
    assert demo("product", "list") == before


@pytest.mark.parametrize("case", ["nul", "huge", "cp1251"])
def test_a_count_file_with_a_nul_byte_an_over_long_line_or_not_utf8_is_refused_naming_the_line(
    demo: Till, tmp_path: Path, case: str
) -> None:
    sheet = demo("count", "new")[1].strip()
    data, said = CSV[case]
    file = tmp_path / f"{case}.txt"
    file.write_bytes(data)
    code, _out, err = demo("count", "import", sheet, str(file))
    assert code == 2 and said in one_line(err)


def test_a_csv_whole_number_written_in_superscript_digits_is_refused_by_its_row(
    till: Till, tmp_path: Path
) -> None:
    file = tmp_path / "types.csv"
    file.write_text("path,tracking,warranty_months\nPhones,strict,²\n", encoding="utf-8")
    assert till("init")[0] == 0
    code, _out, err = till("import", "types", str(file))
    assert code == 2 and "line 2: warranty_months “²” is not a whole number." in err


@pytest.mark.parametrize(
    "argv",
    [
        ("count", "import", "CNT-1", LONG_NAME),
        ("import", "products", LONG_NAME),
        ("restore", LONG_NAME),
        ("backup", LONG_NAME),
        ("backup", ""),
        ("--config", LONG_NAME, "verify"),
    ],
    ids=["count import", "import", "restore", "backup", "backup nothing", "config"],
)
def test_a_file_name_too_long_or_empty_is_one_line_and_exit_2(
    till: Till, argv: tuple[str, ...]
) -> None:
    assert till("demo", "--no-app")[0] == 0
    code, _out, err = till(*argv)
    assert code == 2 and len(one_line(err)) < 600


def test_init_and_doctor_on_a_file_that_is_no_database_say_so(till: Till, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello\n")
    code, _out, err = till("--db", str(text), "init")
    assert code == 2 and "is not a till database or is damaged" in one_line(err)
    code, out, err = till("--db", str(text), "doctor", "--quick")
    assert code == 4 and "is not a till database or is damaged" in out and err == ""


def test_a_search_longer_than_any_name_is_refused(till: Till) -> None:
    assert till("demo", "--no-app")[0] == 0
    code, _out, err = till("product", "list", LONG_NAME)
    assert code == 2 and "Search" in one_line(err) and "longer than 300 characters" in err
    code, _out, err = till("report", "stock", "--search", LONG_NAME)
    assert code == 2 and "Search" in one_line(err)


def test_print_retry_of_an_id_that_is_no_number_is_refused(till: Till) -> None:
    assert till("demo", "--no-app")[0] == 0
    code, _out, err = till("print", "retry", "--printer", "mem://", "CROSS26")
    assert (
        code == 2
        and one_line(err) == "till: “CROSS26” is not an id: write a whole number such as 12."
    )


def test_a_print_that_fails_exits_3_and_the_job_waits(till: Till, tmp_path: Path) -> None:
    assert till("demo", "--no-app")[0] == 0
    code, _out, err = till("print", "receipt", "SL-000001", "--printer", "tcp://127.0.0.1:1")
    assert code == 3 and "waits: `till print retry`" in err
    assert "SL-000001" in till("print", "jobs")[1]


def test_a_printer_url_with_a_bracket_left_open_is_refused_before_the_sale(till: Till) -> None:
    assert till("demo", "--no-app")[0] == 0
    before = till("report", "stock", "--format", "csv")[1]
    code, _out, err = till("sell", "GSB13", "--printer", "tcp://[::1")
    assert code == 2 and "Cannot use the printer address" in one_line(err)
    assert till("report", "stock", "--format", "csv")[1] == before


def test_verify_and_rebuild_repair_a_unit_location_written_by_hand(
    till: Till, tmp_path: Path
) -> None:
    assert till("demo", "--no-app")[0] == 0
    with sqlite3.connect(tmp_path / "till.sqlite3") as db:
        db.execute("UPDATE serial_unit SET location = 'sold'")
    code, out, _err = till("verify")
    assert code == 1 and "no movement gives" in out
    assert till("rebuild")[0] == 0
    assert till("verify")[0] == 0


def test_a_warranty_longer_than_a_hundred_years_is_refused_on_both_engines(demo: Till) -> None:
    code, _out, err = demo(
        "type", "add", "Довгі", "--tracking", "soft", "--warranty-days", "8806095300001"
    )
    assert code == 2 and one_line(err) == "till: A warranty runs 1200 months or 36600 days at most."
    code, _out, err = demo(
        "product",
        "add",
        "LONGW",
        "--name",
        "X",
        "--type",
        "Велосипеди",
        "--price",
        "1",
        "--warranty-months",
        "1201",
    )
    assert code == 2 and "1200 months" in one_line(err)
