"""Printers for the app tests: the config pointed at one, print modes set, drivers built."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.pilot import Pilot

from bootstrap.printing import make_printer, printer_settings
from bootstrap.services import Services
from devices.print.errors import PrinterOffline
from devices.print.printer import ReceiptPrinter
from devices.print.transports.memory import MemoryTransport
from devices.print.transports.network import NetworkTransport
from tests.tui.pilot import press, scan


def use_printer(
    services: Services, url: str, *, receipts: str = "auto", cards: str = "auto"
) -> ReceiptPrinter:
    """Point the config at a printer, with these print modes; the printer driver for it."""
    config = services.config
    services.config = replace(
        config,
        printer=replace(config.printer, url=url, timeout=2.0),
        sale=replace(config.sale, receipts=receipts, warranty_cards=cards),
    )
    printer = make_printer(services.config)
    assert printer is not None
    return printer


def memory_printer(
    services: Services, *, receipts: str = "auto", cards: str = "auto", refusing: bool = False
) -> ReceiptPrinter:
    """An in-memory printer; ``refusing`` makes it fail as a network printer switched off."""
    use_printer(services, "mem://", receipts=receipts, cards=cards)
    settings = printer_settings(services.config)
    assert settings is not None
    transport = MemoryTransport()
    if refusing:
        transport.fail_with = switched_off()
    return ReceiptPrinter(settings, transport)


def switched_off() -> PrinterOffline:
    """The error of a network printer at 192.168.1.50 that refuses the connection."""
    refused = ConnectionRefusedError(111, "Connection refused")
    return NetworkTransport("192.168.1.50", 9100)._unreachable(refused)


async def sell(pilot: Pilot[Any], *codes: str) -> None:
    """Ring the codes up and take 100 000 in cash for them."""
    await scan(pilot, *codes)
    await press(pilot, "f10")
    await scan(pilot, "100000")
