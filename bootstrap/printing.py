"""Printing from the front ends: the printer from the config, jobs rendered and sent, outcomes
recorded. A printer that fails never loses anything: the job stays queued for a retry."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bootstrap.services import Services
from core.config import Config
from core.domain.errors import TillError
from core.printing import JobKind, JobStatus, PrintJob, PrintMode
from core.results import Posted
from core.services import print_jobs, printouts
from core.services.printouts import Shop
from devices.print.document import Document, DrawerKick
from devices.print.errors import PaperOut, PrinterOffline, PrinterTimeout
from devices.print.printer import ReceiptPrinter
from devices.print.settings import PrinterSettings


def printer_settings(config: Config, url: str | None = None) -> PrinterSettings | None:
    """The configured printer (or the one named by ``url``); None when there is none."""
    chosen = url or config.printer.url
    if not chosen:
        return None
    p = config.printer
    return PrinterSettings(
        url=chosen,
        profile=p.profile,
        encoding=p.encoding,
        codepage_slot=p.codepage_slot,
        paper_mm=p.paper_mm,
        native_codes=p.native_codes,
        raster_text=p.raster_text,
        confirm=p.confirm,
        timeout=p.timeout,
    )


def make_printer(config: Config, url: str | None = None) -> ReceiptPrinter | None:
    """A printer driver for the configured printer, or None when none is configured."""
    settings = printer_settings(config, url)
    return None if settings is None else ReceiptPrinter(settings)


def shop(config: Config) -> Shop:
    """The shop as printed on documents."""
    till = config.till
    return Shop(till.shop_name, till.shop_address, till.shop_phone)


def render_job(services: Services, job: PrintJob) -> Document:
    """The document a job prints, built fresh from the ledger."""
    from devices.print.templates import render_template

    uow, here = services.uow(), shop(services.config)
    folder = services.config.printer.templates
    shop_dir = Path(folder) if folder else None
    if job.kind is JobKind.RECEIPT:
        context = printouts.receipt_context(uow, job.document or "", here)
        return render_template("sale_receipt.j2", context, templates_dir=shop_dir)
    if job.kind is JobKind.WARRANTY_CARD:
        context, variant = printouts.warranty_context(
            uow, job.serial or "", here, job.product_id, services.card_key()
        )
        return render_template("warranty_card.j2", context, templates_dir=shop_dir, variant=variant)
    if job.kind is JobKind.DRAWER:
        drawer = services.config.drawer
        return Document.of(DrawerKick(drawer.pin, drawer.pulse_ms))
    if job.kind is JobKind.DAY_SUMMARY:
        day = date.fromisoformat(job.document or "")
        context = printouts.day_context(uow, day, job.serial or None, here)
        return render_template("day_summary.j2", context, templates_dir=shop_dir)
    if job.kind is JobKind.REPAIR_SLIP:
        from core.services.repair_printouts import repair_context

        today = services.ctx.clock.today()
        context = repair_context(uow, job.document or "", here, today)
        return render_template("repair_receipt.j2", context, templates_dir=shop_dir)
    context = printouts.label_context(uow, job.serial or "", job.product_id)
    return render_template("sn_label.j2", context, templates_dir=shop_dir)


@dataclass(frozen=True)
class JobOutcome:
    """What happened to one job."""

    job: PrintJob
    printed: bool
    error: str | None = None
    fault: TillError | None = None
    """What stopped the job: a DeviceError from the printer, or e.g. a document not found."""
    warnings: tuple[str, ...] = ()
    """Notes from a job that printed, e.g. the paper roll nearly finished."""


PRINTER_DOWN = (PrinterOffline, PrinterTimeout, PaperOut)
"""Faults of the printer itself: every job after one of them would fail the same way."""


def run_job(services: Services, printer: ReceiptPrinter, job: PrintJob) -> JobOutcome:
    """Print one job and record the outcome; a device fault keeps the job for a retry."""
    assert job.id is not None
    try:
        result = printer.print(render_job(services, job))
    except TillError as exc:
        # A drawer that did not open then must not spring open at a later retry.
        status = JobStatus.SKIPPED if job.kind is JobKind.DRAWER else JobStatus.FAILED
        print_jobs.record(services.uow(), services.ctx, job.id, status, exc.message)
        return JobOutcome(job, False, exc.message, exc)
    print_jobs.record(services.uow(), services.ctx, job.id, JobStatus.PRINTED)
    return JobOutcome(job, True, warnings=result.warnings)


def run_jobs(services: Services, printer: ReceiptPrinter, jobs: list[PrintJob]) -> list[JobOutcome]:
    """Print jobs in order; once the printer itself fails, the rest wait untried."""
    outcomes: list[JobOutcome] = []
    for job in jobs:
        outcomes.append(run_job(services, printer, job))
        if isinstance(outcomes[-1].fault, PRINTER_DOWN):
            break
    return outcomes


def mark(services: Services, jobs: list[PrintJob], status: JobStatus) -> list[PrintJob]:
    """Record the cashier's decision on jobs (to print: PENDING; declined: SKIPPED)."""
    for job in jobs:
        assert job.id is not None
        print_jobs.record(services.uow(), services.ctx, job.id, status)
    return [replace(job, status=status) for job in jobs]


def reprint_job(services: Services, kind: JobKind, target: str) -> PrintJob:
    """A job, not queued yet, re-printing a past receipt (by number) or a unit's card or label.

    Raises NotFound when there is no such document or unit.
    """
    uow, now, blank = services.uow(), services.ctx.clock.now(), Shop("")
    if kind is JobKind.RECEIPT:
        number = target.strip().upper()
        printouts.receipt_context(uow, number, blank)
        return PrintJob(kind, now, document=number)
    if kind is JobKind.WARRANTY_CARD:
        context, _variant = printouts.warranty_context(uow, target, blank)
        document = context["sale"]["number"] or None
        services.office.record("card_reprint", document=document, detail=context["serial"])
        return PrintJob(kind, now, serial=context["serial"], document=document)
    return PrintJob(kind, now, serial=printouts.label_context(uow, target)["serial"])


def enqueue(services: Services, job: PrintJob) -> PrintJob:
    """Queue a job built by ``reprint_job``; the stored job, with its id."""
    return print_jobs.queue(
        services.uow(),
        services.ctx,
        job.kind,
        document=job.document,
        serial=job.serial,
        product_id=job.product_id,
    )


def after_sale(services: Services, posted: Posted, url: str | None = None) -> list[PrintJob]:
    """Queue the receipt and warranty cards per the settings, when a printer is configured."""
    if printer_settings(services.config, url) is None:
        return []
    settings = services.settings()
    return print_jobs.queue_after_sale(
        services.uow(),
        services.ctx,
        posted,
        settings.receipts,
        settings.warranty_cards,
        drawer=services.config.drawer.on_cash,
    )


def after_refund(services: Services, posted: Posted, url: str | None = None) -> list[PrintJob]:
    """Queue the drawer's opening after a customer return refunded in cash ([drawer] on_cash)."""
    if printer_settings(services.config, url) is None or not services.config.drawer.on_cash:
        return []
    never = PrintMode.NEVER
    return print_jobs.queue_after_sale(
        services.uow(), services.ctx, posted, never, never, drawer=True
    )


def drawer_job(services: Services) -> PrintJob:
    """Queue the drawer's opening on demand; the stored job."""
    return print_jobs.queue(services.uow(), services.ctx, JobKind.DRAWER)


def open_drawer(services: Services, printer: ReceiptPrinter) -> JobOutcome:
    """Open the cash drawer now, through the print queue like any job."""
    return run_job(services, printer, drawer_job(services))


def preview(services: Services, job: PrintJob) -> str:
    """The job as plain text at the configured paper width."""
    from devices.print.text_render import render_text

    columns = 48 if services.config.printer.paper_mm == 80 else 32
    return render_text(render_job(services, job), columns)


def print_repair_slip(services: Services, order: str, url: str | None = None) -> list[JobOutcome]:
    """Queue the repair receipt of an order and print it, when a printer is configured; a
    failed print waits in the queue."""
    printer = make_printer(services.config, url)
    if printer is None:
        return []
    job = print_jobs.queue(services.uow(), services.ctx, JobKind.REPAIR_SLIP, document=order)
    return run_jobs(services, printer, [job])


def print_warranty_cards(
    services: Services, posted: Posted, url: str | None = None
) -> list[JobOutcome]:
    """The warranty cards of units given on a document (a replacement), per the settings."""
    printer = make_printer(services.config, url)
    if printer is None:
        return []
    settings = services.settings()
    jobs = print_jobs.queue_after_sale(
        services.uow(), services.ctx, posted, PrintMode.NEVER, settings.warranty_cards
    )
    return run_jobs(services, printer, [j for j in jobs if j.status is JobStatus.PENDING])
