"""Benchmark figures: each beside its raw baseline, with its ratio and the target it is held to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
ABSOLUTE = "absolute bound: ratio is the value, target the bound"
FLOOR = "floor: ratio is the value, target the least it may be"


@dataclass(frozen=True)
class Figure:
    """One measured figure as written to results.json."""

    name: str
    value: float
    unit: str
    baseline: float
    ratio: float
    target: float

    @property
    def holds(self) -> bool:
        """True when the figure meets its target (reaches it, for a floor)."""
        if FLOOR in self.unit:
            return self.ratio >= self.target
        return self.ratio <= self.target


def relative(name: str, value: float, baseline: float, unit: str, target: float) -> Figure:
    """A figure held to a ratio against its raw baseline."""
    return Figure(name, _round(value), unit, _round(baseline), round(value / baseline, 2), target)


def absolute(name: str, value: float, baseline: float, unit: str, bound: float) -> Figure:
    """A figure held to an absolute bound: the value goes in ``ratio``, the bound in ``target``."""
    return Figure(
        name, _round(value), f"{unit} ({ABSOLUTE})", _round(baseline), _round(value), bound
    )


def at_least(name: str, value: float, baseline: float, unit: str, floor: float) -> Figure:
    """A figure that must reach a floor (a rate): the value in ``ratio``, the floor as target."""
    return Figure(name, _round(value), f"{unit} ({FLOOR})", _round(baseline), _round(value), floor)


def _target(figure: Figure, unit: str) -> tuple[str, str]:
    """The ratio and target cells of a figure."""
    if FLOOR in figure.unit:
        return "—", f"≥ {figure.target:g} {unit}"
    if ABSOLUTE in figure.unit:
        return "—", f"0 {unit}" if figure.target == 0 else f"< {figure.target:g} {unit}"
    return f"{figure.ratio:.2f}×", f"≤ {figure.target:g}×"


def _round(value: float) -> float:
    """Three significant decimals are plenty for a timing."""
    return float(f"{value:.4g}")


def table(figures: Sequence[Figure]) -> str:
    """The figures as an aligned text table with a verdict per line."""
    header = ("figure", "value", "raw baseline", "ratio", "target", "")
    rows = [header]
    for figure in figures:
        unit = figure.unit.split(" (", 1)[0]
        ratio, target = _target(figure, unit)
        rows.append(
            (
                figure.name,
                f"{figure.value:g} {unit}",
                f"{figure.baseline:g} {unit}",
                ratio,
                target,
                "ok" if figure.holds else "MISSED",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| figure | value | raw baseline | ratio | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for figure in figures:
        unit = figure.unit.split(" (", 1)[0]
        ratio, target = _target(figure, unit)
        verdict = "ok" if figure.holds else "**missed**"
        lines.append(
            f"| {figure.name} | {figure.value:g} {unit} | {figure.baseline:g} {unit} | "
            f"{ratio} | {target} | {verdict} |"
        )
    return "\n".join(lines)


def write(figures: Sequence[Figure], path: Path = RESULTS) -> None:
    """Write the figures to results.json as a list of objects."""
    path.write_text(json.dumps([asdict(f) for f in figures], ensure_ascii=False, indent=2) + "\n")


SHARED_PREFIXES = ("8 tills on ", "sale on PostgreSQL")
"""The names of the several-tills figures, which ``python -m bench --shared-only`` replaces."""


def merge(figures: Sequence[Figure], path: Path = RESULTS) -> None:
    """Replace the several-tills figures in results.json with these, keeping the others."""
    kept = []
    if path.exists():
        kept = [
            Figure(**entry)
            for entry in json.loads(path.read_text())
            if not entry["name"].startswith(SHARED_PREFIXES)
        ]
    write([*kept, *figures], path)
