"""`till devices …`: what hardware the till sees, scans echoed, a printer test page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bootstrap.printing import make_printer
from bootstrap.scanners import describe_sources, scanner_stream
from bootstrap.services import Services
from cli.i18n import _
from cli.output import print_json
from core.domain.errors import InputError
from devices.errors import DeviceError
from devices.scan.base import ScanEvent


def _input_devices() -> list[str]:
    folder = Path("/dev/input/by-id")
    return sorted(str(p) for p in folder.iterdir()) if folder.is_dir() else []


def _serial_ports() -> list[str]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return sorted(f"{port.device} {port.description}" for port in list_ports.comports())


def _printer_status(services: Services) -> dict[str, object]:
    printer = make_printer(services.config)
    if printer is None:
        return {"url": None, "status": _("no printer configured")}
    try:
        status = printer.status()
    except DeviceError as exc:
        return {"url": services.config.printer.url, "status": exc.message}
    return {"url": services.config.printer.url, "status": str(status)}


def list_devices(args: argparse.Namespace, services: Services) -> int:
    """`till devices list`: input devices, serial ports, scanners and the printer."""
    found = {
        "input_devices": _input_devices(),
        "serial_ports": _serial_ports(),
        "scanners": describe_sources(services.config),
        "printer": _printer_status(services),
    }
    if args.json:
        print_json(found)
        return 0
    titles = {
        "input_devices": _("input devices"),
        "serial_ports": _("serial ports"),
        "scanners": _("scanners"),
        "printer": _("printer"),
    }
    for key, value in found.items():
        print(f"{titles[key]}:")
        items = [f"{k}: {v}" for k, v in value.items()] if isinstance(value, dict) else value
        for item in items or [_("(none)")]:
            print(f"  {item}")
    return 0


def scan(args: argparse.Namespace, services: Services) -> int:
    """`till devices scan`: echo every scan from the configured sources until Ctrl+C."""
    from devices.scan.wedge import layout_fix

    stream = scanner_stream(services.config)

    def show(event: ScanEvent) -> None:
        print(f"{event.source}: {event.code}", flush=True)

    def fail(error: Exception) -> None:
        print(f"till: {error}", file=sys.stderr, flush=True)

    stream.start(show, fail)
    print(
        _("Scan codes (the terminal scanner ends each with Enter); Ctrl+C or Ctrl+D stops."),
        file=sys.stderr,
    )
    try:
        for line in sys.stdin:
            if line.strip():
                show(ScanEvent(layout_fix(line.strip()), "wedge", 0.0))
    finally:
        stream.stop()
    return 0


def print_test(args: argparse.Namespace, services: Services) -> int:
    """`till devices print-test`: the code page test page, to find the Cyrillic slot."""
    printer = make_printer(services.config, args.printer)
    if printer is None:
        raise InputError(_("No printer is configured: set [printer] url or pass --printer URL."))
    result = printer.test_page()
    message = _("sent {count} bytes; read off the slot that prints ГґІіЇїЄє «»— cleanly")
    print(message.format(count=result.bytes_sent))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till devices …`."""
    devices = sub.add_parser(
        "devices",
        parents=[common],
        help=_("scanners and printers"),
        epilog=_("Example: till devices list"),
    )
    steps = devices.add_subparsers(dest="devices_command", required=True)
    steps.add_parser(
        "list",
        parents=[common],
        help=_("what the till sees"),
        epilog=_("Example: till devices list --json"),
    ).set_defaults(handler=list_devices)
    steps.add_parser(
        "scan",
        parents=[common],
        help=_("echo scans"),
        epilog=_("Example: till devices scan"),
    ).set_defaults(handler=scan)
    p = steps.add_parser(
        "print-test",
        parents=[common],
        help=_("print the code page test page"),
        epilog=_("Example: till devices print-test --printer tcp://192.168.1.50:9100"),
    )
    p.add_argument("--printer", metavar="URL", help=_("print on this printer instead"))
    p.set_defaults(handler=print_test)
