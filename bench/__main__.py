"""``python -m bench``: generate (or reuse) the shop, measure every figure, print and save them."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench import generate, report, results
from bench.check_figures import scan_check_figures
from bench.core_figures import core_figures, open_workbench, units
from bench.shared_figures import shared_figures

CHECKED = 2000
"""Scans checked while the other process writes."""
SOLD_BY_WRITER = 30_000
"""Units the other process may sell: more than it gets through while the checks run."""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def working_copy(source: Path) -> Path:
    """A fresh copy of the cached shop: the benchmarks sell and receive into it."""
    target = source.with_name("run.sqlite3")
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def _load() -> float:
    """The one-minute load average, warning when other work will blur the figures."""
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        _log(f"warning: load average {load:.2f} on {os.cpu_count()} cores: figures will be noisy")
    return load


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite; exit 1 when a figure misses its target."""
    from cli.main import TEXTUAL_FPS

    os.environ.setdefault("TEXTUAL_FPS", TEXTUAL_FPS)  # as `till` does, for the app figures
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--small",
        action="store_true",
        help="a 10× smaller shop for trying the suite out (results are not saved)",
    )
    parser.add_argument(
        "--shared-only",
        action="store_true",
        help="measure only the several-tills figures and replace them in results.json",
    )
    args = parser.parse_args(argv)
    if args.shared_only:
        return _shared_only()
    started = time.perf_counter()
    load_before = _load()
    scale = generate.FULL
    if args.small:
        scale = generate.Scale(units=100_000, sales=10_000, movements=200_000)
    _log(f"shop: {scale.units:,} units, {scale.movements:,} movements, {scale.sales:,} sales")
    cached = generate.cache_path(scale).exists()
    source = generate.ensure(scale)
    generated = None if cached else time.perf_counter() - started
    work = working_copy(source)
    _log("core figures:")
    bench = open_workbench(work)
    try:
        figures = core_figures(bench, _log)
        _log("  scan check under write load …")
        pool = units(bench, "in_stock", CHECKED + SOLD_BY_WRITER)
        figures.extend(
            scan_check_figures(bench.services, work, pool[:CHECKED], pool[CHECKED:], _log)
        )
        serials = [serial for _, _, serial, _ in units(bench, "in_stock", 420)]
    finally:
        bench.close()
    if importlib.util.find_spec("tui.app") is None:
        _log("app figures skipped: tui/app.py does not exist yet")
    else:
        from bench.app_figures import app_figures

        _log("app figures:")
        figures.extend(app_figures(work, serials, _log))
    for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
        leftover.unlink(missing_ok=True)
    figures.extend(shared_figures(work.parent, _log))
    print(results.table(figures))
    seconds = time.perf_counter() - started
    if not args.small:
        results.write(figures)
        report.write(figures, report.Run(seconds, generated, load_before, _load()))
    missed = [figure.name for figure in figures if not figure.holds]
    _log(f"done in {seconds:.0f} s; {len(missed)} target(s) missed")
    return 1 if missed else 0


def _shared_only() -> int:
    """The several-tills figures alone, merged into results.json in place of the last ones."""
    folder = generate.cache_path(generate.FULL).parent
    folder.mkdir(parents=True, exist_ok=True)
    figures = shared_figures(folder, _log)
    print(results.table(figures))
    results.merge(figures)
    missed = [figure.name for figure in figures if not figure.holds]
    _log(f"{len(missed)} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
