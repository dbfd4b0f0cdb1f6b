"""Looking after a till: `till backup`, `till restore` and `till doctor`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json
from core.services import backups

DOCTOR_FOUND_PROBLEMS = 4
"""Exit status of `till doctor` when a check warns or fails."""


def backup(args: argparse.Namespace, services: Services) -> int:
    """`till backup FILE`: a consistent copy of the live SQLite database, mode 0600."""
    group = services.config.files.group_id()
    made = backups.backup(
        services.db,
        Path(args.file),
        overwrite=args.force,
        group=group,
        card_key=services.card_key_path(),
    )
    if args.json:
        key = None if made.card_key is None else str(made.card_key)
        print_json({"backup": str(made.path), "bytes": made.size, "card_key": key})
    else:
        print(
            _("{db} copied to {file} ({size} bytes)").format(
                db=services.database_name, file=made.path, size=made.size
            )
        )
    return 0


def restore(args: argparse.Namespace, services: Services) -> int:
    """`till restore FILE`: check a copy whole, then put it in place of the database."""
    done = backups.restore(
        services.db,
        Path(args.file),
        group=services.config.files.group_id(),
        card_key=services.card_key_path(),
    )
    checked = done.checked
    if args.json:
        print_json(
            {
                "restored": args.file,
                "schema": checked.schema,
                "units": checked.units,
                "products": checked.products,
                "previous": str(done.previous),
            }
        )
    else:
        message = _(
            "{file} checked ({units} units, {products} products) and restored into {db}; "
            "what it held before is in {previous}"
        )
        print(
            message.format(
                file=args.file,
                units=checked.units,
                products=checked.products,
                db=services.database_name,
                previous=done.previous,
            )
        )
    return 0


def doctor(args: argparse.Namespace) -> int:
    """`till doctor`: check the database, printer, scanners, console font and permissions."""
    from bootstrap import error_log
    from cli.doctor import Status, config_findings, database_findings
    from cli.doctor_devices import console_font_finding, printer_findings, scanner_findings
    from cli.main import choose_language
    from core.config import load_config

    config = load_config(args.config)
    error_log.install(config)
    choose_language(config)
    findings = [
        *config_findings(config),
        *database_findings(config, args.db, quick=args.quick),
        *printer_findings(config),
        *scanner_findings(config),
        console_font_finding(),
    ]
    if args.json:
        print_json(findings)
    else:
        for finding in findings:
            fix = _("; fix: {fix}").format(fix=finding.fix) if finding.fix else ""
            label, message = f"{_(finding.check)}:", " ".join(finding.message.split())
            print(f"{_(finding.status.value):<5}  {label:<14}{message}{fix}")
    problems = [f for f in findings if f.status in (Status.WARN, Status.FAIL)]
    return DOCTOR_FOUND_PROBLEMS if problems else 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the operations commands."""
    p = sub.add_parser(
        "backup",
        parents=[common],
        help=_("copy the live SQLite database (the till may go on selling)"),
        epilog=_("Example: till backup /media/usb/till-$(date +%F).sqlite3"),
    )
    p.add_argument("file", metavar="FILE", help=_("the new copy (mode 0600)"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.set_defaults(handler=backup)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help=_("check a backup, then put it in place of the database"),
        epilog=_("Example: till restore /media/usb/till-2026-12-01.sqlite3"),
    )
    p.add_argument("file", metavar="FILE", help=_("a copy made by `till backup`"))
    p.set_defaults(handler=restore)
    p = sub.add_parser(
        "doctor",
        parents=[common],
        help=_("check the database, printer, scanners, console font and permissions"),
        epilog=_(
            "Example: till doctor --quick. Exit status 4 when a check warns or fails, "
            "so a script can tell."
        ),
    )
    p.add_argument("--quick", action="store_true", help=_("skip verifying the whole ledger"))
    p.set_defaults(handler=doctor, without_services=True)
