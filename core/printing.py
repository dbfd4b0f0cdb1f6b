"""Print jobs and the view models printed from the ledger: receipt, warranty card, SN label."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core.i18n import _


class JobKind(StrEnum):
    """What a print job prints."""

    RECEIPT = "receipt"
    WARRANTY_CARD = "warranty_card"
    LABEL = "label"
    DRAWER = "drawer"
    """Open the cash drawer (ESC p): after a cash sale or refund (``document`` holds its
    number) or on demand."""
    DAY_SUMMARY = "day_summary"
    """A till's or the shop's end-of-day summary: ``document`` holds the day (ISO),
    ``serial`` the till (empty for the whole shop)."""
    REPAIR_SLIP = "repair_slip"
    """The customer's repair receipt, by the order's number."""


class JobStatus(StrEnum):
    """Where a print job stands."""

    PENDING = "pending"
    """To be printed as soon as the printer answers."""
    OFFERED = "offered"
    """Waiting for the cashier to say yes (the *offer to print* setting)."""
    PRINTED = "printed"
    FAILED = "failed"
    """The printer did not take it; kept for a retry."""
    SKIPPED = "skipped"
    """The cashier declined it."""


class PrintMode(StrEnum):
    """The setting for printing after a sale."""

    AUTO = "auto"
    OFFER = "offer"
    NEVER = "never"


@dataclass(frozen=True)
class PrintJob:
    """One document to print: the receipt of a document, or a unit's card or label."""

    kind: JobKind
    created_at: datetime
    status: JobStatus = JobStatus.PENDING
    document: str | None = None
    serial: str | None = None
    product_id: int | None = None
    attempts: int = 0
    last_error: str | None = None
    id: int | None = None

    def describe(self) -> str:
        """A short line naming the job, for lists and messages."""
        if self.kind is JobKind.RECEIPT:
            return _("receipt {document}").format(document=self.document)
        if self.kind is JobKind.WARRANTY_CARD:
            return _("warranty card {serial}").format(serial=self.serial)
        if self.kind is JobKind.DRAWER:
            return _("cash drawer {document}").format(document=self.document or "").strip()
        if self.kind is JobKind.DAY_SUMMARY:
            return (
                _("day summary {day} {till}")
                .format(day=self.document, till=self.serial or _("shop"))
                .strip()
            )
        if self.kind is JobKind.REPAIR_SLIP:
            return _("repair receipt {document}").format(document=self.document)
        return _("SN label {serial}").format(serial=self.serial)
