"""The cash drawer in the app: Ctrl+G opens it, a cash sale opens it when the settings say."""

from __future__ import annotations

from dataclasses import replace

from bootstrap.services import Services
from core.config import DrawerConfig
from devices.print.transports.memory import MemoryTransport
from tests.tui.pilot import press, settle
from tests.tui.printers import memory_printer, sell
from tui.app import make_app

SIZE = (80, 24)
KICK = b"\x1bp\x00\x32\x32"
"""ESC p on pin 2 with a 100 ms pulse: the defaults."""


def _sent(printer_transport: object) -> bytes:
    assert isinstance(printer_transport, MemoryTransport)
    return printer_transport.data


async def test_ctrl_g_opens_the_drawer_through_the_printer(services: Services) -> None:
    """The kick reaches the printer; nothing else is printed."""
    printer = memory_printer(services)
    app = make_app(services, printer=printer)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+g")
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert _sent(printer.transport).count(KICK) == 1


async def test_a_cash_sale_in_the_app_opens_the_drawer_before_its_receipt(
    services: Services,
) -> None:
    """With [drawer] on_cash the kick precedes the receipt's bytes."""
    printer = memory_printer(services, cards="never")
    services.config = replace(services.config, drawer=DrawerConfig(on_cash=True))
    app = make_app(services, printer=printer)
    async with app.run_test(size=SIZE) as pilot:
        await sell(pilot, "CABLE")
        await app.workers.wait_for_complete()
        await settle(pilot)
    sent = _sent(printer.transport)
    assert sent.count(KICK) == 1 and sent.index(KICK) < sent.index("Кабель".encode("cp1251"))
