"""The print queue: what to print after a sale, what is waiting, and each attempt's outcome."""

from __future__ import annotations

from core.domain.errors import NotFound
from core.domain.movements import DocumentKind
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.printing import JobKind, JobStatus, PrintJob, PrintMode
from core.results import Posted
from core.services import queries

WAITING = (JobStatus.PENDING, JobStatus.FAILED, JobStatus.OFFERED)


def _status(mode: PrintMode) -> JobStatus | None:
    return {PrintMode.AUTO: JobStatus.PENDING, PrintMode.OFFER: JobStatus.OFFERED}.get(mode)


def queue_after_sale(
    uow: UnitOfWork,
    ctx: Context,
    posted: Posted,
    receipt: PrintMode,
    cards: PrintMode,
    drawer: bool = False,
) -> list[PrintJob]:
    """Queue the receipt and a warranty card per unit sold with a warranty, per the settings;
    first, with ``drawer``, the opening of the cash drawer when cash changed hands."""
    jobs: list[PrintJob] = []
    now = ctx.clock.now()
    if drawer and paid_in_cash(uow, posted):
        jobs.append(PrintJob(JobKind.DRAWER, now, JobStatus.PENDING, document=posted.number))
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


def paid_in_cash(uow: UnitOfWork, posted: Posted) -> bool:
    """True for a sale paid in cash, or a customer return refunding a cash sale (or one whose
    sale is unknown: refunds are cash unless the sale was paid by card)."""
    if posted.kind is DocumentKind.SALE:
        return posted.payment in (None, "cash")
    if posted.kind is not DocumentKind.CUSTOMER_RETURN:
        return False
    header = uow.documents.get(posted.number)
    sale = uow.documents.get(header.ref_number) if header and header.ref_number else None
    return sale is None or sale.payment in (None, "cash")


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


def document_units(uow: UnitOfWork, ctx: Context, number: str, kind: JobKind) -> list[PrintJob]:
    """Jobs, not queued yet, printing a card or a label for every unit a document moved (the
    cards of a sale, the labels of a goods-in invoice); NotFound when it moved none."""
    view = queries.document(uow, number)
    now, found = ctx.clock.now(), view.header.ref.number
    jobs = [
        PrintJob(kind, now, document=found, serial=serial, product_id=line.product_id)
        for line, serials in view.lines
        for serial in serials
    ]
    if not jobs:
        raise NotFound(
            _("Document {number} moved no unit with a serial number to print for.").format(
                number=found
            )
        )
    return jobs


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
