"""App figures: start-up to the first painted sale screen, and a scan's key burst to its line.

Both are measured the same way for the till and for a bare Textual app with the same widgets
(bench.bare_app), each in fresh child processes: start-up with bench.startup, scans with
bench.scanning. The till runs through the ``till`` command's own ``main``, headless.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench import timing
from bench.results import Figure, absolute, relative

ROOT = Path(__file__).resolve().parent.parent


def app_figures(database: Path, serials: Sequence[str], log: Callable[[str], None]) -> list[Figure]:
    """Start-up and scan-to-line figures of the till on ``database``."""
    log("  start-up …")
    figures = startup_figures(database)
    log("  scan to line …")
    figures.extend(scan_figures(database, serials))
    return figures


# --- start-up -------------------------------------------------------------------------------


PACKAGES = ("bootstrap", "cli", "core", "devices", "tui", "bench")
"""The project's packages, compiled to bytecode before start-up is timed, as an installed
till has them (pip compiles a wheel's modules; a checkout with PYTHONDONTWRITEBYTECODE=1
would otherwise compile the till's modules on every start and not Textual's)."""

START_TARGET = 1.25
"""The till's first paint against the bare app's, in the same run."""
PINNED_RUNS = 9
"""Alternating runs pinned to one CPU (fewer: each is slower, and the suite stays short)."""


@contextmanager
def _own_state() -> Iterator[dict[str, str]]:
    """The environment of one app run with a state folder of its own: an open sale that an
    earlier run left (killed after its first paint, or mid-scan) never greets it with a
    dialog, and nothing lands in the state folder of whoever runs the bench."""
    with tempfile.TemporaryDirectory(prefix="till-bench-state-") as folder:
        yield {**os.environ, "XDG_STATE_HOME": folder}


def _start(kind: str, database: Path, pinned: bool = False) -> tuple[float, float]:
    """Seconds from spawning a fresh interpreter to the first painted sale screen, and MiB."""
    command = [sys.executable, "-m", "bench.startup", kind, str(database)]
    if pinned:
        command = ["taskset", "-c", "0", *command]
    with _own_state() as env:
        started = time.monotonic()
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{kind} app reported no paint:\n{done.stderr[-2000:]}")
    report = json.loads(lines[-1])
    return report["painted"] - started, report["peak_kib"] / 1024


def _alternating(
    database: Path, runs: int, pinned: bool = False
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Both apps started in turn, one warm-up each: the till's and the bare app's results."""
    for kind in ("bare", "till"):
        _start(kind, database, pinned)
    till: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    for run in range(runs):
        order = (("till", till), ("bare", bare)) if run % 2 else (("bare", bare), ("till", till))
        for kind, out in order:
            out.append(_start(kind, database, pinned))
    return till, bare


def startup_figures(database: Path, runs: int = 15) -> list[Figure]:
    """Start both apps in turn; medians of the time to first paint and of peak memory, and
    the time to first paint again with both pinned to one CPU (``taskset -c 0``)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True)
    till, bare = _alternating(database, runs)
    figures = [
        relative(
            "start-up to the first painted sale screen (median)",
            timing.median([t for t, _ in till]) * 1e3,
            timing.median([t for t, _ in bare]) * 1e3,
            "ms",
            START_TARGET,
        ),
        absolute(
            "start-up peak memory (RSS)",
            timing.median([m for _, m in till]),
            timing.median([m for _, m in bare]),
            "MiB",
            60.0,
        ),
    ]
    if shutil.which("taskset"):
        till, bare = _alternating(database, PINNED_RUNS, pinned=True)
        figures.append(
            relative(
                "start-up pinned to one CPU, taskset -c 0 (median)",
                timing.median([t for t, _ in till]) * 1e3,
                timing.median([t for t, _ in bare]) * 1e3,
                "ms",
                START_TARGET,
            )
        )
    return figures


# --- scan to line ---------------------------------------------------------------------------


def _scan(kind: str, database: Path, codes: Sequence[str]) -> list[float]:
    """Seconds per scan from a fresh interpreter running bench.scanning."""
    command = [sys.executable, "-m", "bench.scanning", kind, str(database)]
    with _own_state() as env:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            input=json.dumps(list(codes)),
            capture_output=True,
            text=True,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    if done.returncode or not lines:
        raise RuntimeError(f"{kind} scans failed:\n{done.stderr[-3000:]}")
    samples: list[float] = json.loads(lines[-1])
    return samples


def scan_figures(database: Path, serials: Sequence[str], warm: int = 20) -> list[Figure]:
    """A scanned SN as a key burst until its sale line is painted: the till against bare."""
    ours = _scan("till", database, serials)[warm:]
    base = _scan("bare", database, serials)[warm:]
    return [
        absolute(
            "scan to line on screen, key burst (p50)",
            timing.percentile(ours, 50) * 1e3,
            timing.percentile(base, 50) * 1e3,
            "ms",
            50.0,
        ),
        absolute(
            "scan to line on screen, key burst (p99)",
            timing.percentile(ours, 99) * 1e3,
            timing.percentile(base, 99) * 1e3,
            "ms",
            50.0,
        ),
    ]
