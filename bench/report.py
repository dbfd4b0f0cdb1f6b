"""The README section of the latest run: figures, the command, and the machine they ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from bench.results import Figure, markdown

SECTION = Path(__file__).resolve().parent / "README-section.md"


@dataclass(frozen=True)
class Run:
    """How the figures were produced."""

    seconds: float
    generated_seconds: float | None
    """Seconds spent generating the shop, or None when the cached one was used."""
    load_before: float
    load_after: float


def machine() -> str:
    """CPU, cores, memory, system and the versions that matter, on one line."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1] for line in info if line.startswith("model name")]
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}; "
        f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"Textual {version('textual')}, peewee {version('peewee')}"
    )


def section(figures: Sequence[Figure], run: Run) -> str:
    """The Markdown section for README.md."""
    generated = (
        "the cached shop was used"
        if run.generated_seconds is None
        else f"generating the shop took {run.generated_seconds:.0f} s of it"
    )
    held = sum(figure.holds for figure in figures)
    return f"""## Performance

`make bench` (that is, `.venv/bin/python -m bench`) generates a deterministic shop once —
1,000,000 serial units, 2,000,000 movements, 100,000 sales with warranties both active and
expired, cached under `bench/data/` by generator version and schema — then measures every
figure below beside a raw baseline run in the same process or the same run, prints the
table and writes `bench/results.json`. A ratio is the till over its raw baseline; a figure
held to an absolute bound shows the bound as its target (and in `results.json` puts the
value in `ratio` and the bound in `target`). The run exits with status 1 if a target is
missed. `python -m bench --small` tries the suite on a 10× smaller shop.

Latest run, {date.today().isoformat()}: {held} of {len(figures)} targets held; the run took \
{run.seconds:.0f} s ({generated}); load average {run.load_before:.2f} before and \
{run.load_after:.2f} after (other work on the machine widens the tails).
Machine: {machine()}.

{markdown(figures)}
{_gaps(figures)}
What each figure is:

- **SN look-up**: `core.services.queries.find_units` for 2,000 random SNs, five rounds,
  against one indexed `SELECT` on `serial_unit` with `sqlite3`.
- **Warranty report**: `core.services.reports.warranty_page` / `warranty_count` at 1M units
  (first page, the expired-only filter, a page 1,000 pages deep by keyset, counts), each
  beside the same query run with `sqlite3`.
- **Count sheet**: a sheet over the whole stock (900,000 units expected) with 100,000 scans
  (95,000 found, 2,500 sold, 2,500 unknown), compared by `core.services.count_sheets.view`,
  against the same comparison written by hand with `sqlite3` and Python sets.
- **Durable sale**: `core.services.selling.sell` of one SN with `synchronous=FULL` and WAL,
  1,000 sales interleaved in batches of 50 with 1,000 raw sales writing the same rows;
  WAL checkpoints (`wal_autocheckpoint=0`, `PRAGMA wal_checkpoint(PASSIVE)`) run between
  batches, never inside a timed sale.
- **1,000-SN receipt**: `core.services.receiving.receive` of 1,000 new IMEIs against raw
  `executemany` of the same rows, durable, a checkpoint before each.
- **Scan check under write load**: the check a scan at the sale screen runs (the sale of
  that one SN through `selling.sell` on `Services.rehearsal()`, a read-only snapshot) for
  2,000 units in stock, while another process posts durable sales through the services as
  fast as it can; the baseline is raw `sqlite3` reading the same unit in a deferred
  transaction under the same load. The run also logs what a read taking the write lock
  (`BEGIN IMMEDIATE`) would wait, as every check did before checks stopped locking.
- **Start-up**: from spawning `python` to the first painted sale screen — the till through
  the `till` command on the 1M-unit shop, the baseline a bare Textual app with the same
  widgets and CSS — both headless in fresh processes, medians of 15 alternating runs, the
  project's modules compiled to bytecode first (as an installed till has them); peak memory
  is the process's VmHWM at that moment. The till paints before it opens the database: the
  persistence layer, the core's services and the device libraries load right after the
  first frame. The pinned figure runs both under `taskset -c 0`, one CPU, as a low-spec
  till would (9 alternating runs).
- **Scan to line**: a scanner's key burst (prefix, SN, Enter) posted to the app as the
  terminal driver would, until the sale line is on screen and painted; sales of three
  lines, 400 scans after 20 warm-up ones, in a fresh `till` process; the baseline is the bare
  app adding the typed code as a row.
- **Several tills** (`bench/shared_figures.py`; `python -m bench --shared-only` measures
  these alone and replaces them in `results.json`): eight till processes, each walking one
  pool of 30,000 units of a strictly tracked product in its own random order and selling
  every unit it reaches with `selling.sell` for 30 s, on one SQLite file in WAL and, when
  `TILL_TEST_PG` names a server, on PostgreSQL; the baseline is eight processes selling from
  a pool of their own with the fewest statements a hand-written till needs (raw `sqlite3`, or
  `psycopg2` with `SELECT … FOR UPDATE` and a conditional `UPDATE`). Afterwards the ledger is
  searched for a unit sold twice, and every refusal is checked against it (a right refusal
  names a unit another till sold). On PostgreSQL also one durable sale, 1,000 interleaved in
  batches with the same SQL through `psycopg2`.
"""


def _gaps(figures: Sequence[Figure]) -> str:
    """A note on each missed target that has a known cause."""
    missed = {figure.name for figure in figures if not figure.holds}
    notes = []
    if any(name.startswith("start-up to the first") for name in missed):
        notes.append(
            "Start-up misses its bound: what the till still loads before its first frame "
            "is its configuration, its catalogues, the sale screen's own widgets and the "
            "footer's keys; the database, the core's services and the devices already "
            "load after it. A loaded machine widens the gap (see the load average).\n"
        )
    return "\n" + "\n".join(notes) if notes else ""


def write(figures: Sequence[Figure], run: Run, path: Path = SECTION) -> None:
    """Write the README section."""
    path.write_text(section(figures, run), encoding="utf-8")
