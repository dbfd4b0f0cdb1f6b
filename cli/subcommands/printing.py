"""`till print …`: receipts, warranty cards and SN labels, and the print queue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bootstrap.printing import make_printer, preview, run_job, run_jobs
from bootstrap.services import Services
from cli.arguments import parse_id
from cli.i18n import _
from cli.output import print_json, table, write_file
from core.domain.errors import InputError
from core.printing import JobKind, JobStatus, PrintJob
from core.services import print_jobs, printouts
from core.services.journal import record
from devices.errors import DeviceError


def _printer_or_error(services: Services, url: str | None):  # type: ignore[no-untyped-def]
    printer = make_printer(services.config, url)
    if printer is None:
        raise InputError(
            _("No printer is configured: set [printer] url in the config or pass --printer URL.")
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
        message = _("{error} The job {job} waits: `till print retry`.")
        raise DeviceError(message.format(error=outcome.error, job=queued.id))
    return 0


def receipt(args: argparse.Namespace, services: Services) -> int:
    """`till print receipt DOC`."""
    number = args.document.strip().upper()
    printouts.receipt_context(services.uow(), number, printouts.Shop(""))
    job = PrintJob(JobKind.RECEIPT, services.ctx.clock.now(), document=number)
    return _print(services, args, job)


def warranty(args: argparse.Namespace, services: Services) -> int:
    """`till print warranty SN`: the card is journalled as reprinted once it printed (or was
    previewed); a refused or failed print leaves no entry."""
    context, _variant = printouts.warranty_context(services.uow(), args.serial, printouts.Shop(""))
    job = PrintJob(
        JobKind.WARRANTY_CARD,
        services.ctx.clock.now(),
        serial=context["serial"],
        document=context["sale"]["number"] or None,
    )
    code = _print(services, args, job)
    record(
        services.uow(),
        services.ctx,
        "card_reprint",
        document=context["sale"]["number"] or None,
        detail=context["serial"],
    )
    return code


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


def units(args: argparse.Namespace, services: Services) -> int:
    """`till print cards|labels DOC`: every warranty card of a sale, or every SN label of a
    document, through the print queue."""
    kind = JobKind.WARRANTY_CARD if args.print_command == "cards" else JobKind.LABEL
    chosen = print_jobs.document_units(services.uow(), services.ctx, args.document, kind)
    if args.preview:
        for job in chosen:
            sys.stdout.write(preview(services, job))
        return 0
    printer = _printer_or_error(services, args.printer)
    queued = [
        print_jobs.queue(
            services.uow(),
            services.ctx,
            job.kind,
            document=job.document,
            serial=job.serial,
            product_id=job.product_id,
        )
        for job in chosen
    ]
    outcomes = run_jobs(services, printer, queued)
    if args.json:
        print_json([{"job": o.job.id, "printed": o.printed, "error": o.error} for o in outcomes])
    waiting = len(queued) - sum(o.printed for o in outcomes)
    if waiting:
        message = _("{waiting} of {count} jobs wait: `till print retry`.")
        raise DeviceError(message.format(waiting=waiting, count=len(queued)))
    return 0


def jobs(args: argparse.Namespace, services: Services) -> int:
    """`till print jobs`: what is waiting to be printed."""
    waiting = print_jobs.waiting(services.uow())
    if args.json:
        print_json(waiting)
    else:
        table(
            (_("id"), _("job"), _("status"), _("attempts"), _("error")),
            [(j.id, j.describe(), j.status.value, j.attempts, j.last_error) for j in waiting],
        )
    return 0


def retry(args: argparse.Namespace, services: Services) -> int:
    """`till print retry [ID ...]`: print waiting jobs again (all pending and failed by default)."""
    printer = _printer_or_error(services, args.printer)
    uow = services.uow()
    chosen = (
        [print_jobs.get(uow, parse_id(i)) for i in args.ids]
        if args.ids
        else [j for j in print_jobs.waiting(uow) if j.status is not JobStatus.OFFERED]
    )
    failed = 0
    for job in chosen:
        outcome = run_job(services, printer, job)
        failed += not outcome.printed
        print(f"{job.describe()}: {_('printed') if outcome.printed else outcome.error}")
    if failed:
        message = _("{failed} of {count} jobs are still waiting.")
        raise DeviceError(message.format(failed=failed, count=len(chosen)))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till print …`."""
    printing = sub.add_parser(
        "print",
        parents=[common],
        help=_("print and re-print documents"),
        epilog=_("Example: till print receipt SL-000042"),
    )
    steps = printing.add_subparsers(dest="print_command", required=True)
    for name, handler, what, helps in (
        (
            "receipt",
            receipt,
            "document",
            (
                _("print a receipt"),
                _("the sale's number"),
                _("Example: till print receipt SL-000042 --preview"),
            ),
        ),
        (
            "warranty",
            warranty,
            "serial",
            (
                _("print a warranty card"),
                _("the serial number of a sold unit"),
                _("Example: till print warranty 356938035643809"),
            ),
        ),
        (
            "label",
            label,
            "serial",
            (
                _("print a serial-number label"),
                _("the serial number"),
                _("Example: till print label 356938035643809 --png label.png"),
            ),
        ),
    ):
        p = steps.add_parser(name, parents=[common], help=helps[0], epilog=helps[2])
        p.add_argument(what, help=helps[1])
        p.add_argument("--printer", metavar="URL", help=_("tcp://…, file:///path (raw bytes), …"))
        p.add_argument(
            "--preview", action="store_true", help=_("show the text instead of printing")
        )
        p.set_defaults(handler=handler)
        if name == "label":
            p.add_argument("--png", metavar="FILE", help=_("write the label as a PNG image"))
            p.add_argument(
                "--format",
                choices=["escpos", "tspl", "zpl"],
                default="escpos",
                help=_("tspl/zpl: write label-printer commands to stdout"),
            )
    for name, what, example in (
        (
            "cards",
            _("print every warranty card of a document"),
            _("Example: till print cards SL-000012"),
        ),
        (
            "labels",
            _("print every SN label of a document"),
            _("Example: till print labels RC-000003"),
        ),
    ):
        p = steps.add_parser(name, parents=[common], help=what, epilog=example)
        p.add_argument("document", metavar="DOC", help=_("the document's number"))
        p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))
        p.add_argument(
            "--preview", action="store_true", help=_("show the text instead of printing")
        )
        p.set_defaults(handler=units)
    steps.add_parser(
        "jobs",
        parents=[common],
        help=_("jobs waiting to be printed"),
        epilog=_("Example: till print jobs"),
    ).set_defaults(handler=jobs)
    p = steps.add_parser(
        "retry",
        parents=[common],
        help=_("print waiting jobs again"),
        epilog=_("Example: till print retry 12 13"),
    )
    p.add_argument("ids", nargs="*", metavar="ID", help=_("the jobs (default: every one waiting)"))
    p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))
    p.set_defaults(handler=retry)
