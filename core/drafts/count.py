"""A stock count at the till: the sheet on hand, its scans, a mixed-up pair, the posting.

Scans are recorded and classified by the core at once (a count records what it sees, so a
scan is never refused for the unit's state); the sheet is read back compared after each batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core import operator_files
from core.domain.errors import InputError, TillError
from core.domain.limits import shown_file
from core.drafts.entry import Scan
from core.drafts.steps import Refused
from core.i18n import _
from core.ports import Ledger
from core.results import Posted
from core.services import count_settlement, count_sheets, counting
from core.views import CountScope, ScanResult, SheetView

BATCH = 2000
"""Scans from a file recorded per transaction, so progress shows between them."""

Progress = Callable[[int, int], None]
"""Told how many of how many scans are recorded so far."""


@dataclass(frozen=True)
class Counted:
    """What the scans were classified as, and the sheet compared after them."""

    results: tuple[ScanResult, ...]
    sheet: SheetView


CountStep = Counted | Refused
"""What a batch of scans did to the count."""


class CountDraft:
    """The count sheet at the till; opens or resumes one, records scans, settles it."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.sheet: SheetView | None = None
        """The sheet on hand, as last compared."""

    def open(self, scope: CountScope) -> SheetView:
        """Open a new sheet over the scope (a refusal raises)."""
        ledger = self.ledger
        opened = counting.open_sheet(ledger.uow(), ledger.ctx, scope)
        return count_sheets.view(ledger.uow(), opened.number)

    def resume(self, number: str) -> SheetView:
        """An existing sheet by its number (a refusal raises)."""
        return count_sheets.view(self.ledger.uow(), number.strip())

    def show(self, sheet: SheetView) -> None:
        """Hold this sheet as the one on hand."""
        self.sheet = sheet

    def take(self, scan: Scan) -> CountStep:
        """Record one scan on the sheet on hand and apply the answer."""
        return self.apply(self.record([scan]))

    def record(self, scans: Sequence[Scan], number: str | None = None) -> CountStep:
        """Record and classify scans on a sheet (the one on hand unless named)."""
        return self._counting(number, lambda sheet: self._scan(sheet, [s.code for s in scans]))

    def classify(self, scans: Sequence[Scan], number: str) -> tuple[ScanResult, ...]:
        """Record scans on a sheet and say what each was, without comparing the whole sheet
        again (the command line's batches; a refusal raises)."""
        return tuple(self._scan(number.strip(), [s.code for s in scans]))

    def classify_file(self, path: str, told: Progress, number: str) -> tuple[ScanResult, ...]:
        """Like ``classify`` for a handheld scanner's exported file, a batch per transaction."""
        return tuple(self._import(number.strip(), path, told))

    def import_file(self, path: str, told: Progress, number: str | None = None) -> CountStep:
        """Record the scans of a handheld scanner's file, a batch per transaction."""
        return self._counting(number, lambda sheet: self._import(sheet, path, told))

    def apply(self, step: CountStep) -> CountStep:
        """Hold the sheet as the scans left it."""
        if isinstance(step, Counted):
            self.sheet = step.sheet
        return step

    def replace(self, surplus: str, shortage: str) -> Posted:
        """Correct the document that recorded the wrong one of a mixed-up pair."""
        ledger = self.ledger
        number = self._number(None)
        return count_settlement.replace_serial(ledger.uow(), ledger.ctx, number, surplus, shortage)

    def post(self, costs: dict[str, int]) -> Posted:
        """Write off what is short and take in what is over."""
        ledger = self.ledger
        return count_settlement.post(ledger.uow(), ledger.ctx, self._number(None), costs)

    def _number(self, number: str | None) -> str:
        if number is not None:
            return number
        if self.sheet is None:
            raise InputError(_("Open a count sheet first."))
        return self.sheet.number

    def _counting(self, number: str | None, scans: Callable[[str], list[ScanResult]]) -> CountStep:
        try:
            sheet = self._number(number)
            results = tuple(scans(sheet))
            return Counted(results, self.resume(sheet))
        except TillError as error:
            return Refused(error, "count")

    def _scan(self, number: str, codes: Sequence[str]) -> list[ScanResult]:
        return counting.scan(self.ledger.uow(), self.ledger.ctx, number, codes)

    def _import(self, number: str, path: str, told: Progress) -> list[ScanResult]:
        codes = read_codes(Path(path.strip()).expanduser())
        results: list[ScanResult] = []
        for start in range(0, len(codes), BATCH):
            results += self._scan(number, codes[start : start + BATCH])
            told(min(start + BATCH, len(codes)), len(codes))
        return results


def read_codes(path: Path) -> list[str]:
    """Codes from a handheld scanner's file: one per line, or the first CSV column."""
    text = operator_files.read_text(path)
    codes = []
    for line in text.splitlines():
        first = line.replace(";", ",").split(",")[0].strip().strip('"')
        if first and first.lower() not in ("serial", "sn", "code", "barcode"):
            codes.append(first)
    if not codes:
        raise InputError(f"{shown_file(path)}: holds no codes.")
    return codes
