"""`till location`, `till transfer` and the --location filters, as a shop runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.conftest import Till


def _at(tmp_path: Path, till: str, location: str) -> str:
    config = tmp_path / f"{till}.toml"
    config.write_text(f'[till]\nid = "{till}"\nlocation = "{location}"\n', encoding="utf-8")
    return str(config)


def test_a_till_at_an_unknown_location_refuses_to_start_naming_it(
    till: Till, tmp_path: Path
) -> None:
    till("demo", "--no-app")
    code, _out, err = till("--config", _at(tmp_path, "till-9", "shop-9"), "report", "stock")
    assert code == 2
    assert "shop-9" in err and "till location add shop-9" in err and "Traceback" not in err


def test_goods_sent_by_cli_arrive_at_the_other_location_and_the_day_is_per_location(
    till: Till, tmp_path: Path
) -> None:
    till("demo", "--no-app")
    assert till("location", "add", "shop-2", "Магазин 2")[0] == 0
    other = _at(tmp_path, "till-s2", "shop-2")
    code, out, err = till("transfer", "send", "shop-2", "GSB13:BSH-GSB-000005", "USBC1*2")
    assert (code, err) == (0, "") and out.strip() == "TR-000001"
    code, out, _err = till(
        "--config",
        other,
        "transfer",
        "receive",
        "TR-000001",
        "BSH-GSB-000005",
        "NOT-SENT-1",
        "--check",
        "--format",
        "json",
    )
    rows = {(row["status"], row["serial"]) for row in json.loads(out)}
    assert code == 1
    assert rows == {("arrived", "BSH-GSB-000005"), ("missing", None), ("extra", "NOT-SENT-1")}
    code, out, err = till(
        "--config",
        other,
        "transfer",
        "receive",
        "TR-000001",
        "BSH-GSB-000005",
        "--count",
        "USBC1*2",
    )
    assert (code, err) == (0, "") and out.strip() == "TA-000001"
    code, out, _err = till("--config", other, "sell", "GSB13:BSH-GSB-000005")
    assert code == 0
    code, out, _err = till("report", "stock", "--location", "shop-2", "--format", "json")
    assert json.loads(out) == []
    code, out, _err = till("documents", "--location", "shop-2", "--format", "json")
    assert {row["number"] for row in json.loads(out)} == {"TA-000001", "SL-000006"}
    code, out, _err = till("day", "summary", "--location", "shop-2", "--json")
    assert code == 0 and json.loads(out)["documents"] == {"arrival": 1, "sale": 1}
