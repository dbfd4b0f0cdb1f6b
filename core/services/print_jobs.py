"""The print queue: what to print after a sale, what is waiting, and each attempt's outcome."""

from __future__ import annotations

from core.domain.errors import NotFound
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.printing import JobKind, JobStatus, PrintJob, PrintMode
from core.results import Posted

WAITING = (JobStatus.PENDING, JobStatus.FAILED, JobStatus.OFFERED)


def _status(mode: PrintMode) -> JobStatus | None:
    return {PrintMode.AUTO: JobStatus.PENDING, PrintMode.OFFER: JobStatus.OFFERED}.get(mode)


def queue_after_sale(
    uow: UnitOfWork, ctx: Context, posted: Posted, receipt: PrintMode, cards: PrintMode
) -> list[PrintJob]:
    """Queue the receipt and a warranty card per unit sold with a warranty, per the settings."""
    jobs: list[PrintJob] = []
    now = ctx.clock.now()
    receipt_status, card_status = _status(receipt), _status(cards)
    if receipt_status:
        jobs.append(PrintJob(JobKind.RECEIPT, now, receipt_status, document=posted.number))
    if card_status:
        for line in posted.lines:
            if line.warranty_end is None:
                continue
            product = uow.catalogue.product_by_code(line.sku)
            if product is not None and line.serials and uow.kits.components(product.id):
                jobs.append(
                    PrintJob(
                        JobKind.WARRANTY_CARD,
                        now,
                        card_status,
                        document=posted.number,
                        serial=line.serials[0],
                        product_id=product.id,
                    )
                )
                continue
            jobs.extend(
                PrintJob(
                    JobKind.WARRANTY_CARD,
                    now,
                    card_status,
                    document=posted.number,
                    serial=serial,
                    product_id=product.id if product else None,
                )
                for serial in line.serials
            )
    with uow:
        return [PrintJob(**{**job.__dict__, "id": uow.print_jobs.add(job)}) for job in jobs]


def queue(
    uow: UnitOfWork,
    ctx: Context,
    kind: JobKind,
    *,
    document: str | None = None,
    serial: str | None = None,
    product_id: int | None = None,
) -> PrintJob:
    """Queue one job now (a re-print of any past document or unit)."""
    job = PrintJob(kind, ctx.clock.now(), document=document, serial=serial, product_id=product_id)
    with uow:
        return PrintJob(**{**job.__dict__, "id": uow.print_jobs.add(job)})


def waiting(uow: UnitOfWork) -> list[PrintJob]:
    """Jobs not printed yet: pending, failed and offered."""
    return uow.print_jobs.waiting(WAITING)


def get(uow: UnitOfWork, job_id: int) -> PrintJob:
    """One job, or NotFound."""
    job = uow.print_jobs.get(job_id)
    if job is None:
        raise NotFound(_("There is no print job {job}.").format(job=job_id))
    return job


def record(
    uow: UnitOfWork, ctx: Context, job_id: int, status: JobStatus, error: str | None = None
) -> None:
    """Record a print attempt's outcome or the cashier's decision."""
    with uow:
        uow.print_jobs.mark(job_id, status, error, ctx.clock.now())
