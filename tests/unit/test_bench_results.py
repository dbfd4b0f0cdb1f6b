"""Benchmark figures held to a floor, and the several-tills figures replaced in results.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:  # bench/ is run from the checkout (python -m bench), not installed
    sys.path.insert(0, ROOT)

from bench.results import absolute, at_least, merge, relative, table, write  # noqa: E402


def test_a_floor_holds_when_the_value_reaches_it_and_shows_as_at_least() -> None:
    """200 sales/s is the least the eight-till run may post."""
    assert at_least("rate", 250.0, 300.0, "sales/s", 200.0).holds
    missed = at_least("rate", 150.0, 300.0, "sales/s", 200.0)
    assert not missed.holds
    assert "≥ 200 sales/s" in table([missed]) and "MISSED" in table([missed])


def test_a_zero_bound_shows_as_zero() -> None:
    """Double sales must be none at all."""
    assert "0 units" in table([absolute("double sales", 0, 0, "units", 0.0)])
    assert absolute("double sales", 0, 0, "units", 0.0).holds
    assert not absolute("double sales", 1, 0, "units", 0.0).holds


def test_merging_replaces_only_the_several_tills_figures(tmp_path: Path) -> None:
    """The other figures of the last full run stay as they were."""
    path = tmp_path / "results.json"
    lookup = relative("SN look-up", 18.0, 8.0, "µs", 3.0)
    write([lookup, absolute("8 tills on SQLite: sale p99", 900, 1200, "ms", 250.0)], path)
    merge([absolute("8 tills on SQLite: sale p99", 120, 1200, "ms", 250.0)], path)
    names = [(entry["name"], entry["value"]) for entry in json.loads(path.read_text())]
    assert names == [("SN look-up", 18.0), ("8 tills on SQLite: sale p99", 120.0)]
