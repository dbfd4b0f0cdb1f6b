"""What the count screen asks of the core; these run in a worker thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bootstrap.services import Services
from cli.commands.counting import read_codes
from core.results import Posted
from core.services import count_settlement, count_sheets, counting
from core.services.count_sheets import SheetView
from core.services.counting import CountScope, ScanResult

BATCH = 2000
"""Scans from a file recorded per transaction, so progress shows between them."""

Progress = Callable[[int, int], None]
"""Told how many of how many scans are recorded so far."""


def open_count(services: Services, scope: CountScope) -> SheetView:
    """Open a new sheet over the scope and show it."""
    opened = counting.open_sheet(services.uow(), services.ctx, scope)
    return count_sheets.view(services.uow(), opened.number)


def resume(services: Services, number: str) -> SheetView:
    """An existing sheet by its number."""
    return count_sheets.view(services.uow(), number.strip())


def scan(services: Services, number: str, codes: Sequence[str]) -> list[ScanResult]:
    """Record and classify scans."""
    return counting.scan(services.uow(), services.ctx, number, codes)


def import_file(services: Services, number: str, path: str, told: Progress) -> list[ScanResult]:
    """Record the scans of a handheld scanner's file, a batch per transaction."""
    codes = read_codes(Path(path.strip()).expanduser())
    results: list[ScanResult] = []
    for start in range(0, len(codes), BATCH):
        results += scan(services, number, codes[start : start + BATCH])
        told(min(start + BATCH, len(codes)), len(codes))
    return results


def replace(services: Services, number: str, surplus: str, shortage: str) -> Posted:
    """Correct the document that recorded the wrong one of a mixed-up pair."""
    return count_settlement.replace_serial(services.uow(), services.ctx, number, surplus, shortage)


def post(services: Services, number: str, costs: dict[str, int]) -> Posted:
    """Write off what is short and take in what is over."""
    return count_settlement.post(services.uow(), services.ctx, number, costs)
