"""The last scans of a count, each with what it turned out to be."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from core.domain.counting import ScanKind
from core.domain.limits import escaped
from core.domain.units import state_name
from core.views import ScanResult
from tui.i18n import N_, _

LINES = 4
"""How many scans the log shows."""

SAID = {
    ScanKind.EXPECTED: (N_("{code}: found, as expected ({sku})"), "done"),
    ScanKind.DUPLICATE: (N_("{code}: scanned before on this count - ignored"), "info"),
    ScanKind.UNKNOWN: (N_("{code}: unknown - no product has this SN or code"), "error"),
    ScanKind.OUTSIDE: (N_("{code}: belongs to {sku}, which this count does not cover"), "warning"),
    ScanKind.SOLD: (N_("{code}: recorded as sold on {detail} - surplus ({sku})"), "warning"),
    ScanKind.ELSEWHERE: (N_("{code}: recorded as {detail} - surplus ({sku})"), "warning"),
    ScanKind.UNEXPECTED: (N_("{code}: received after the count began ({sku})"), "warning"),
    ScanKind.QUANTITY: (N_("{code}: counted by quantity ({sku})"), "done"),
    ScanKind.OTHER_LOCATION: (
        N_("{code}: in stock at {detail} - not counted here; transfer it ({sku})"),
        "warning",
    ),
    ScanKind.PRODUCT_BARCODE: (
        N_("{code}: the box barcode of {sku} - scan the unit's SN instead"),
        "error",
    ),
}
"""What each kind of scan says, and how it is coloured (a Notice kind)."""


KIND_NAMES = {
    ScanKind.EXPECTED: N_("expected"),
    ScanKind.DUPLICATE: N_("repeated"),
    ScanKind.UNKNOWN: N_("unknown"),
    ScanKind.OUTSIDE: N_("outside"),
    ScanKind.SOLD: N_("sold"),
    ScanKind.ELSEWHERE: N_("elsewhere"),
    ScanKind.UNEXPECTED: N_("new"),
    ScanKind.QUANTITY: N_("by quantity"),
    ScanKind.PRODUCT_BARCODE: N_("box barcodes"),
    ScanKind.OTHER_LOCATION: N_("other location"),
}
"""Kinds of scan in a word, for the tally of a batch."""


def tally(results: Sequence[ScanResult]) -> str:
    """How many scans were recorded, and how many of each kind."""
    kinds = Counter(result.kind for result in results)
    parts = ", ".join(f"{_(KIND_NAMES[kind])} {count}" for kind, count in kinds.most_common())
    return _("{count} scans recorded: {kinds}.").format(count=len(results), kinds=parts)


def scan_words(result: ScanResult) -> tuple[str, str]:
    """What one scan turned out to be, in words, and its colour."""
    text, kind = SAID[result.kind]
    detail = result.detail or "-"
    if result.kind is ScanKind.ELSEWHERE:
        detail = state_name(detail)
    return _(text).format(code=result.code, sku=result.sku or "-", detail=detail), kind


class ScanLog(Vertical):
    """The latest scans, newest last, coloured by kind."""

    def __init__(self) -> None:
        super().__init__(classes="scan-log")
        self.said: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        for _line in range(LINES):
            yield Static("", classes="notice -info", markup=False)

    def add(self, results: Iterable[ScanResult]) -> None:
        """Show the newest scans."""
        self.said = [*self.said, *(scan_words(r) for r in results)][-LINES:]
        lines = list(self.query(Static))
        padded = [("", "info")] * (LINES - len(self.said)) + self.said
        for line, (text, kind) in zip(lines, padded, strict=True):
            line.update(escaped(text))
            for other in ("info", "warning", "error", "done"):
                line.set_class(other == kind, f"-{other}")

    def clear(self) -> None:
        """Forget the scans shown (a new sheet)."""
        self.said = []
        self.add(())
