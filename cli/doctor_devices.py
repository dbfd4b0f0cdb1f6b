"""`till doctor` on the hardware: the printer's status, the scanners' devices, the console font."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bootstrap.printing import make_printer
from cli.console_font import loaded_characters, missing_ukrainian
from cli.doctor import Finding, Status
from cli.i18n import N_, _
from core.config import Config
from core.domain.errors import TillError

PRINTER_WAIT = 2.0
"""Seconds the doctor waits for the printer's status, at most."""

CYRILLIC_CODESETS = frozenset({"CyrSlav", "Uni2", "Uni3"})
"""console-setup code sets whose fonts hold every Ukrainian letter (і ї є ґ)."""

CONSOLE_SETUP = Path("/etc/default/console-setup")
SYS_INPUT = Path("/sys/class/input")


def printer_findings(config: Config) -> list[Finding]:
    """Whether a printer is configured, and whether it answers within a short wait."""
    if not config.printer.url:
        fix = _("set [printer] url in the config; `till devices print-test` finds its code page")
        return [Finding(N_("printer"), Status.WARN, _("no printer is configured"), fix)]
    wait = min(config.printer.timeout, PRINTER_WAIT)
    printer = make_printer(replace(config, printer=replace(config.printer, timeout=wait)))
    assert printer is not None
    url = config.printer.url
    try:
        status = printer.status()
    except TillError as exc:
        fix = _("check that it is on, its cable or network, and [printer] url")
        return [Finding(N_("printer"), Status.FAIL, f"{url}: {exc.message.rstrip('.')}", fix)]
    if not status.known:
        message = _("{url}: reachable; it does not report its status").format(url=url)
        return [Finding(N_("printer"), Status.OK, message)]
    if not status.can_print:
        message = _("{url}: offline or out of paper").format(url=url)
        return [Finding(N_("printer"), Status.FAIL, message, _("load paper, close the cover"))]
    return [Finding(N_("printer"), Status.OK, _("{url}: ready").format(url=url))]


def scanner_findings(config: Config) -> list[Finding]:
    """Each enabled scanner: its device is there and this user may read it."""
    scanner = config.scanner
    found: list[Finding] = []
    if scanner.wedge.enabled:
        prefix = scanner.wedge.prefix or _("none, told apart by speed")
        message = _("terminal scanner, prefix {prefix}").format(prefix=prefix)
        found.append(Finding(N_("scanner"), Status.OK, message))
    if scanner.hid.enabled:
        found.append(_device_finding(_hid_device(scanner.hid.device), "input", "HID"))
    if scanner.serial.enabled:
        found.append(_device_finding(scanner.serial.port, "dialout", _("serial port")))
    if not found:
        fix = _("enable [scanner.wedge], [scanner.hid] or [scanner.serial]")
        found.append(Finding(N_("scanner"), Status.WARN, _("no scanner is enabled"), fix))
    return found


def _hid_device(device: str) -> str:
    """The event device of ``VENDOR:PRODUCT`` (read from sysfs), else ``device`` as given."""
    match = re.fullmatch(r"([0-9a-fA-F]{4}):([0-9a-fA-F]{4})", device)
    if not match:
        return device
    for event in sorted(SYS_INPUT.glob("event*")):
        ids = event / "device" / "id"
        try:
            vendor = (ids / "vendor").read_text().strip()
            product = (ids / "product").read_text().strip()
        except OSError:
            continue
        if (vendor, product) == (match[1].lower(), match[2].lower()):
            return f"/dev/input/{event.name}"
    return device


def _device_finding(device: str, group: str, kind: str) -> Finding:
    if not device or not os.path.exists(device):
        message = _("{kind} scanner {device}: not found").format(kind=kind, device=device or "?")
        fix = _("plug it in; `till devices list` shows what the till sees")
        return Finding(N_("scanner"), Status.FAIL, message, fix)
    if not os.access(device, os.R_OK | os.W_OK if group == "dialout" else os.R_OK):
        message = _("{kind} scanner {device}: no permission").format(kind=kind, device=device)
        fix = _("add the till user to group {group} (deploy/install.sh does)").format(group=group)
        return Finding(N_("scanner"), Status.FAIL, message, fix)
    return Finding(N_("scanner"), Status.OK, f"{kind}: {device}")


def on_linux_console() -> bool:
    """True when this process runs on a Linux virtual console (not over SSH or in X)."""
    try:
        name = os.ttyname(sys.stdin.fileno())
    except OSError:
        return False
    return re.fullmatch(r"/dev/tty\d+", name) is not None or name == "/dev/console"


def console_codeset(path: Path = CONSOLE_SETUP) -> str | None:
    """The CODESET console-setup loads at boot, or None when it is not set up."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r'^\s*CODESET\s*=\s*"?([^"\s]*)"?', text, re.MULTILINE)
    return match[1] if match else None


def console_font_finding(
    on_console: bool | None = None,
    path: Path = CONSOLE_SETUP,
    loaded: Callable[[], frozenset[str] | None] = loaded_characters,
) -> Finding:
    """On a Linux console, whether the font it has loaded draws every Ukrainian letter; where
    the console cannot be asked, whether console-setup loads such a font at boot."""
    if not (on_linux_console() if on_console is None else on_console):
        return Finding(N_("console font"), Status.SKIP, _("not on a Linux console"))
    characters = loaded()
    if characters is not None:
        return _loaded_font_finding(characters, path)
    codeset = console_codeset(path)
    if codeset in CYRILLIC_CODESETS:
        message = _("console-setup code set {codeset} has Ukrainian letters")
        return Finding(N_("console font"), Status.OK, message.format(codeset=codeset))
    message = _("console-setup code set {codeset} lacks Ukrainian letters")
    fix = _('set CODESET="CyrSlav" in {file}, then run setupcon').format(file=path)
    return Finding(N_("console font"), Status.WARN, message.format(codeset=codeset or "?"), fix)


def _loaded_font_finding(characters: frozenset[str], path: Path) -> Finding:
    missing = missing_ukrainian(characters)
    if not missing:
        message = _("the console's font draws every Ukrainian letter")
        return Finding(N_("console font"), Status.OK, message)
    message = _("the console's font cannot draw {letters}").format(letters=missing)
    fix = _('set CODESET="CyrSlav" in {file}, then run setupcon').format(file=path)
    return Finding(N_("console font"), Status.WARN, message, fix)
