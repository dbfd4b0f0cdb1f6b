"""Timing helpers: per-call samples, interleaved A/B runs, medians and percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0–100) of the samples."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    """The median of the samples."""
    return float(statistics.median(samples))


def timed(call: Callable[[], object]) -> float:
    """Seconds one call took."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def paired(
    items: Sequence[T],
    measured: Callable[[T], object],
    baseline: Callable[[T], object],
    *,
    rounds: int = 1,
) -> tuple[list[float], list[float]]:
    """Seconds per call of both functions over the same items, alternating which goes first."""
    ours: list[float] = []
    raw: list[float] = []
    clock = time.perf_counter
    for round_number in range(rounds):
        for index, item in enumerate(items):
            if (index + round_number) % 2:
                started = clock()
                baseline(item)
                middle = clock()
                measured(item)
                ours.append(clock() - middle)
                raw.append(middle - started)
            else:
                started = clock()
                measured(item)
                middle = clock()
                baseline(item)
                raw.append(clock() - middle)
                ours.append(middle - started)
    return ours, raw


def batched(
    measured: Sequence[Callable[[], object]],
    baseline: Sequence[Callable[[], object]],
    *,
    batch: int,
    between: Callable[[], object],
) -> tuple[list[float], list[float]]:
    """Seconds per call of two equally long call lists, run in alternating batches.

    ``between`` runs untimed before every batch (a WAL checkpoint, say), so housekeeping
    that both sides would otherwise pay at random moments is kept off the timed path."""
    assert len(measured) == len(baseline)
    ours: list[float] = []
    raw: list[float] = []
    for start in range(0, len(measured), batch):
        order = ((measured, ours), (baseline, raw))
        if (start // batch) % 2:
            order = order[::-1]
        for calls, out in order:
            between()
            out.extend(timed(call) for call in calls[start : start + batch])
    return ours, raw
