"""Print jobs in the cashier's words: what a job prints and where it stands."""

from __future__ import annotations

from collections.abc import Sequence

from core.printing import JobKind, JobStatus, PrintJob
from tui.i18n import N_, _

KINDS = {
    JobKind.RECEIPT: N_("Receipt"),
    JobKind.WARRANTY_CARD: N_("Warranty card"),
    JobKind.LABEL: N_("SN label"),
    JobKind.DRAWER: N_("Cash drawer"),
    JobKind.DAY_SUMMARY: N_("Day summary"),
    JobKind.REPAIR_SLIP: N_("Repair receipt"),
}
"""What each kind of job prints."""

STATUSES = {
    JobStatus.PENDING: N_("to print"),
    JobStatus.OFFERED: N_("offered"),
    JobStatus.FAILED: N_("failed"),
    JobStatus.PRINTED: N_("printed"),
    JobStatus.SKIPPED: N_("skipped"),
}
"""Where a job stands, as the print queue lists it."""


def describe(job: PrintJob) -> str:
    """``Receipt SL-000012`` or ``Warranty card SN-0001``."""
    by_document = (JobKind.RECEIPT, JobKind.DRAWER, JobKind.DAY_SUMMARY, JobKind.REPAIR_SLIP)
    target = job.document if job.kind in by_document else job.serial
    return f"{_(KINDS[job.kind])} {target or ''}".strip()


def status(job: PrintJob) -> str:
    """The job's state in a word or two."""
    return _(STATUSES[job.status])


def listing(jobs: Sequence[PrintJob]) -> str:
    """One job a line, as a dialog lists them."""
    return "\n".join(f"- {describe(job)}" for job in jobs)


def question(jobs: Sequence[PrintJob]) -> str:
    """Print the receipt? Print 2 warranty card(s)? Or both, or every document."""
    receipts = sum(job.kind is JobKind.RECEIPT for job in jobs)
    cards = sum(job.kind is JobKind.WARRANTY_CARD for job in jobs)
    if receipts + cards < len(jobs) or receipts > 1:
        return _("Print these documents ({count})?").format(count=len(jobs))
    if receipts and cards:
        return _("Print the receipt and {count} warranty card(s)?").format(count=cards)
    if receipts:
        return _("Print the receipt?")
    return _("Print {count} warranty card(s)?").format(count=cards)
