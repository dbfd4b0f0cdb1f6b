"""Printing from the front ends: the printer from the config, jobs rendered and sent, outcomes
recorded. A printer that fails never loses anything: the job stays queued for a retry."""

from __future__ import annotations

from dataclasses import dataclass

from core.config import Config
from core.printing import JobKind, JobStatus, PrintJob
from core.results import Posted
from core.services import print_jobs, printouts
from core.services.printouts import Shop
from devices.errors import DeviceError
from devices.print.document import Document
from devices.print.printer import ReceiptPrinter
from devices.print.settings import PrinterSettings
from tui.bootstrap import Services


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
    if job.kind is JobKind.RECEIPT:
        context = printouts.receipt_context(uow, job.document or "", here)
        return render_template("sale_receipt.j2", context)
    if job.kind is JobKind.WARRANTY_CARD:
        context, variant = printouts.warranty_context(uow, job.serial or "", here, job.product_id)
        return render_template("warranty_card.j2", context, variant=variant)
    return render_template(
        "sn_label.j2", printouts.label_context(uow, job.serial or "", job.product_id)
    )


@dataclass(frozen=True)
class JobOutcome:
    """What happened to one job."""

    job: PrintJob
    printed: bool
    error: str | None = None


def run_job(services: Services, printer: ReceiptPrinter, job: PrintJob) -> JobOutcome:
    """Print one job and record the outcome; a device fault keeps the job for a retry."""
    assert job.id is not None
    try:
        printer.print(render_job(services, job))
    except DeviceError as exc:
        print_jobs.record(services.uow(), services.ctx, job.id, JobStatus.FAILED, exc.message)
        return JobOutcome(job, False, exc.message)
    print_jobs.record(services.uow(), services.ctx, job.id, JobStatus.PRINTED)
    return JobOutcome(job, True)


def after_sale(services: Services, posted: Posted, url: str | None = None) -> list[PrintJob]:
    """Queue the receipt and warranty cards per the settings, when a printer is configured."""
    if printer_settings(services.config, url) is None:
        return []
    settings = services.settings()
    return print_jobs.queue_after_sale(
        services.uow(), services.ctx, posted, settings.receipts, settings.warranty_cards
    )


def preview(services: Services, job: PrintJob) -> str:
    """The job as plain text at the configured paper width."""
    from devices.print.text_render import render_text

    columns = 48 if services.config.printer.paper_mm == 80 else 32
    return render_text(render_job(services, job), columns)
