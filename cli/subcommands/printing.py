"""`till print …`: receipts, warranty cards and SN labels, and the print queue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bootstrap.printing import make_printer, preview, run_job
from bootstrap.services import Services
from cli.output import print_json, table, write_file
from core.domain.errors import InputError
from core.printing import JobKind, JobStatus, PrintJob
from core.services import print_jobs, printouts
from core.services.journal import record


def _printer_or_error(services: Services, url: str | None):  # type: ignore[no-untyped-def]
    printer = make_printer(services.config, url)
    if printer is None:
        raise InputError(
            "No printer is configured: set [printer] url in the config or pass --printer URL."
        )
    return printer


def _print(services: Services, args: argparse.Namespace, job: PrintJob) -> int:
    if args.preview:
        sys.stdout.write(preview(services, job))
        return 0
    printer = _printer_or_error(services, args.printer)
    queued = print_jobs.queue(
        services.uow(),
        services.ctx,
        job.kind,
        document=job.document,
        serial=job.serial,
        product_id=job.product_id,
    )
    outcome = run_job(services, printer, queued)
    if args.json:
        print_json({"job": queued.id, "printed": outcome.printed, "error": outcome.error})
    if not outcome.printed:
        raise InputError(f"{outcome.error} The job {queued.id} waits: `till print retry`.")
    return 0


def receipt(args: argparse.Namespace, services: Services) -> int:
    """`till print receipt DOC`."""
    number = args.document.strip().upper()
    printouts.receipt_context(services.uow(), number, printouts.Shop(""))
    job = PrintJob(JobKind.RECEIPT, services.ctx.clock.now(), document=number)
    return _print(services, args, job)


def warranty(args: argparse.Namespace, services: Services) -> int:
    """`till print warranty SN`."""
    context, _variant = printouts.warranty_context(services.uow(), args.serial, printouts.Shop(""))
    record(
        services.uow(),
        services.ctx,
        "card_reprint",
        document=context["sale"]["number"] or None,
        detail=context["serial"],
    )
    job = PrintJob(
        JobKind.WARRANTY_CARD,
        services.ctx.clock.now(),
        serial=context["serial"],
        document=context["sale"]["number"] or None,
    )
    return _print(services, args, job)


def label(args: argparse.Namespace, services: Services) -> int:
    """`till print label SN [--png FILE | --format tspl|zpl]`."""
    context = printouts.label_context(services.uow(), args.serial)
    if args.png or args.format != "escpos":
        from devices.print.label_render import SnLabel, label_png, label_tspl, label_zpl

        product = context["product"]
        sn_label = SnLabel(context["serial"], product["name"], product["sku"], product["price"])
        if args.png:
            write_file(Path(args.png), label_png(sn_label))
        if args.format == "tspl":
            sys.stdout.flush()
            sys.stdout.buffer.write(label_tspl(sn_label))
        elif args.format == "zpl":
            sys.stdout.write(label_zpl(sn_label))
        return 0
    job = PrintJob(JobKind.LABEL, services.ctx.clock.now(), serial=context["serial"])
    return _print(services, args, job)


def jobs(args: argparse.Namespace, services: Services) -> int:
    """`till print jobs`: what is waiting to be printed."""
    waiting = print_jobs.waiting(services.uow())
    if args.json:
        print_json(waiting)
    else:
        table(
            ("id", "job", "status", "attempts", "error"),
            [(j.id, j.describe(), j.status.value, j.attempts, j.last_error) for j in waiting],
        )
    return 0


def retry(args: argparse.Namespace, services: Services) -> int:
    """`till print retry [ID ...]`: print waiting jobs again (all pending and failed by default)."""
    printer = _printer_or_error(services, args.printer)
    uow = services.uow()
    chosen = (
        [print_jobs.get(uow, int(i)) for i in args.ids]
        if args.ids
        else [j for j in print_jobs.waiting(uow) if j.status is not JobStatus.OFFERED]
    )
    failed = 0
    for job in chosen:
        outcome = run_job(services, printer, job)
        failed += not outcome.printed
        print(f"{job.describe()}: {'printed' if outcome.printed else outcome.error}")
    if failed:
        raise InputError(f"{failed} of {len(chosen)} jobs are still waiting.")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till print …`."""
    printing = sub.add_parser("print", parents=[common], help="print and re-print documents")
    steps = printing.add_subparsers(dest="print_command", required=True)
    for name, handler, what in (
        ("receipt", receipt, "document"),
        ("warranty", warranty, "serial"),
        ("label", label, "serial"),
    ):
        p = steps.add_parser(name, parents=[common], help=f"print a {name}")
        p.add_argument(what)
        p.add_argument("--printer", metavar="URL", help="tcp://…, file:///path (raw bytes), …")
        p.add_argument("--preview", action="store_true", help="show the text instead of printing")
        p.set_defaults(handler=handler)
        if name == "label":
            p.add_argument("--png", metavar="FILE", help="write the label as a PNG image")
            p.add_argument(
                "--format",
                choices=["escpos", "tspl", "zpl"],
                default="escpos",
                help="tspl/zpl: write label-printer commands to stdout",
            )
    steps.add_parser("jobs", parents=[common], help="jobs waiting to be printed").set_defaults(
        handler=jobs
    )
    p = steps.add_parser("retry", parents=[common], help="print waiting jobs again")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--printer", metavar="URL")
    p.set_defaults(handler=retry)
