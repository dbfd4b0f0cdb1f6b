"""Printing in the app: after a sale per the settings, a printer that fails, the print queue."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static

from bootstrap.services import Services
from core.config import HidConfig, SerialScannerConfig
from core.printing import JobStatus, PrintJob
from core.services import print_jobs
from devices.print.escpos_dump import decode
from devices.scan.fake import FakeScanner
from devices.scan.stream import ScanStream
from tests.devices.fake_printer import FakeNetworkPrinter, refused_port
from tests.tui.conftest import make_services, stock
from tests.tui.pilot import press, scan, settle, top
from tests.tui.printers import memory_printer, sell, use_printer
from tests.tui.test_app import CONSOLE_GLYPHS, screen_glyphs
from tui import app as app_module
from tui.app import TillApp, make_app
from tui.dialogs.print_offer import PrintOffer
from tui.dialogs.print_preview import PrintPreview
from tui.dialogs.print_queue import PrintQueue
from tui.dialogs.printer_failure import PrinterFailure
from tui.screens.sale import SaleScreen
from tui.widgets.status_bar import StatusBar

SIZE = (80, 24)
PAPER_OUT = 0x72
"""A DLE EOT 4 reply with the paper-end bits set."""


def printed_lines(fake: FakeNetworkPrinter) -> list[str]:
    """The text the fake printer received."""
    return decode(bytes(fake.received)).lines()


def waiting(services: Services) -> list[PrintJob]:
    """The jobs in the print queue."""
    return print_jobs.waiting(services.uow())


def devices_text(app: TillApp) -> str:
    """The devices part of the status bar (of the screen under any dialog)."""
    bar = app.screen_stack[0].query_one(StatusBar)
    return str(bar.query_one(".devices", Static).render())


async def test_auto_prints_the_receipt_and_the_warranty_card_after_a_sale(
    services: Services,
) -> None:
    """Both documents reach the printer from a worker; the sale screen is ready for the next."""
    with FakeNetworkPrinter() as fake:
        app = make_app(services, printer=use_printer(services, fake.url))
        async with app.run_test(size=SIZE) as pilot:
            await sell(pilot, "SN-0003", "CABLE")
            assert isinstance(app.screen, SaleScreen)
            assert "Printer ready" in devices_text(app)
        lines = printed_lines(fake)
    assert "  SN: SN-0003" in lines and "Серійний номер: SN-0003" in lines
    assert waiting(services) == []


async def test_a_refused_printer_keeps_the_sale_and_retry_prints_once_it_is_back(
    services: Services,
) -> None:
    """The sale is posted, the dialog says what to do, the jobs wait; Retry prints them."""
    port = refused_port()
    app = make_app(services, printer=use_printer(services, f"tcp://127.0.0.1:{port}"))
    async with app.run_test(size=SIZE) as pilot:
        await sell(pilot, "SN-0003")
        dialog = app.screen
        assert isinstance(dialog, PrinterFailure)
        assert "refused the connection" in dialog.fault.message
        assert "switched on" in dialog.fault.message
        assert [job.status for job in waiting(services)] == [JobStatus.FAILED, JobStatus.PENDING]
        assert "Printer offline" in devices_text(app)
        with FakeNetworkPrinter(port=port) as fake:
            await press(pilot, "enter")
            assert top(app) == "SaleScreen" and waiting(services) == []
            assert "Printer ready" in devices_text(app)
            assert "  SN: SN-0003" in printed_lines(fake)


async def test_paper_out_is_named_in_the_dialog_and_the_status_bar(services: Services) -> None:
    """Later closes the dialog and leaves the jobs waiting; the status bar says paper out."""
    with FakeNetworkPrinter(paper=PAPER_OUT) as fake:
        app = make_app(services, printer=use_printer(services, fake.url, cards="never"))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await sell(pilot, "CABLE")
            assert isinstance(app.screen, PrinterFailure)
            assert app.screen.fault.title == "Printer out of paper"
            await press(pilot, "escape")
            assert top(app) == "SaleScreen"
            assert "Printer paper out" in devices_text(app)
        assert printed_lines(fake) == []
    assert [job.status for job in waiting(services)] == [JobStatus.FAILED]


async def test_offered_cards_are_asked_for_and_escape_skips_them(services: Services) -> None:
    """With cards on offer: the question names the count; Esc records them skipped."""
    with FakeNetworkPrinter() as fake:
        app = make_app(
            services, printer=use_printer(services, fake.url, receipts="never", cards="offer")
        )
        async with app.run_test(size=SIZE) as pilot:
            await sell(pilot, "SN-0003", "SN-0004")
            offer = app.screen
            assert isinstance(offer, PrintOffer)
            assert str(offer.query_one(".question", Static).render()) == (
                "Print 2 warranty card(s)?"
            )
            await press(pilot, "escape")
            assert top(app) == "SaleScreen"
        assert printed_lines(fake) == []
    statuses = [job.status for job in services.uow().print_jobs.for_document("SL-000002")]
    assert statuses == [JobStatus.SKIPPED, JobStatus.SKIPPED] and waiting(services) == []


async def test_offered_cards_print_on_enter(services: Services) -> None:
    """Enter on the offer prints the card."""
    with FakeNetworkPrinter() as fake:
        app = make_app(
            services, printer=use_printer(services, fake.url, receipts="never", cards="offer")
        )
        async with app.run_test(size=SIZE) as pilot:
            await sell(pilot, "SN-0003")
            await press(pilot, "enter")
        assert "Серійний номер: SN-0003" in printed_lines(fake)
    assert waiting(services) == []


async def test_the_queue_reprints_an_old_receipt_and_a_warranty_card(services: Services) -> None:
    """Ctrl+R, F6 with the number, preview, Enter; F7 with the SN, preview, Enter."""
    with FakeNetworkPrinter() as fake:
        app = make_app(services, printer=use_printer(services, fake.url))
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+r", "f6")
            await scan(pilot, "sl-000001")
            preview = app.screen
            assert isinstance(preview, PrintPreview) and "SL-000001" in preview.text
            await press(pilot, "enter")
            assert top(app) == "PrintQueue"
            await press(pilot, "f7")
            await scan(pilot, "SN-0005")
            await press(pilot, "enter")
            assert top(app) == "PrintQueue"
        lines = printed_lines(fake)
    assert "ТОВАРНИЙ ЧЕК № SL-000001" in lines and "Серійний номер: SN-0005" in lines
    assert waiting(services) == []


async def test_the_queue_refuses_an_unknown_document(services: Services) -> None:
    """A receipt number that does not exist is said in the queue; nothing is queued."""
    app = make_app(services, printer=use_printer(services, f"tcp://127.0.0.1:{refused_port()}"))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+r", "f6")
        await scan(pilot, "SL-999999")
        queue = app.screen
        assert isinstance(queue, PrintQueue)
        assert "SL-999999" in str(queue.query_one("#said", Static).render())
    assert waiting(services) == []


async def test_the_queue_skips_one_job_and_prints_the_rest(services: Services) -> None:
    """After Later: the queue lists both with the error; Del skips the card, F5 prints."""
    port = refused_port()
    app = make_app(services, printer=use_printer(services, f"tcp://127.0.0.1:{port}"))
    async with app.run_test(size=SIZE) as pilot:
        await sell(pilot, "SN-0003")
        await press(pilot, "escape", "ctrl+r")
        queue = app.screen
        assert isinstance(queue, PrintQueue) and len(queue.jobs) == 2
        assert "refused" in str(queue.query_one("#error", Static).render())
        await press(pilot, "down", "delete")
        assert [job.kind.value for job in queue.jobs] == ["receipt"]
        with FakeNetworkPrinter(port=port) as fake:
            await press(pilot, "f5")
            assert queue.jobs == [] and top(app) == "PrintQueue"
            assert "ТОВАРНИЙ ЧЕК № SL-000002" in printed_lines(fake)
            assert "Серійний номер: SN-0003" not in printed_lines(fake)


async def test_a_device_scanner_stream_feeds_the_sale_and_stops_with_the_app(
    services: Services,
) -> None:
    """A FakeScanner inside the ScanStream that run_app builds: its code rings up a line."""
    fake = FakeScanner(["CABLE"], source="serial:/dev/fake")
    app = make_app(services, scanner=ScanStream([fake]))
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(fake.finished.wait, 5.0)
        await settle(pilot)
        sale = app.screen
        assert isinstance(sale, SaleScreen) and sale.cart.units == 1
        assert "Scanner on" in devices_text(app) and "Printer none" in devices_text(app)
    assert fake._thread is None


def test_run_app_builds_the_configured_printer_and_scanners_after_the_first_paint(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printer from [printer] url; a scan stream when a serial or HID scanner is on."""
    opened: list[TillApp] = []

    def run_headless(app: TillApp, *_args: object, **_kwargs: object) -> None:
        async def first_screen() -> None:
            async with app.run_test(size=SIZE) as pilot:
                assert app.printer is None and app.scanner is None
                await settle(pilot)
                opened.append(app)

        asyncio.run(first_screen())

    monkeypatch.setattr(TillApp, "run", run_headless)
    use_printer(services, "file:///tmp/printer.bin")
    scanner = replace(
        services.config.scanner,
        serial=SerialScannerConfig(enabled=True, port="/dev/ttyACM9"),
        hid=HidConfig(enabled=False),
    )
    services.config = replace(services.config, scanner=scanner)
    app_module.run_app(services)
    (app,) = opened
    assert app.printer is not None and app.printer.settings.url == "file:///tmp/printer.bin"
    assert isinstance(app.scanner, ScanStream)


async def test_the_print_dialogs_draw_only_glyphs_the_linux_console_font_has(
    tmp_path: Path,
) -> None:
    """Offer, failure, queue and preview, in Ukrainian: no block or other missing glyphs."""
    services = make_services(tmp_path, language="uk")
    stock(services)
    app = make_app(services, printer=memory_printer(services, receipts="offer", refusing=True))
    drawn: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        await sell(pilot, "SN-0003")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "enter")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "escape", "ctrl+r")
        drawn |= screen_glyphs(app.export_screenshot())
        await press(pilot, "f4")
        drawn |= screen_glyphs(app.export_screenshot())
    assert drawn - CONSOLE_GLYPHS == set()


async def test_the_print_queue_is_in_the_palette_with_its_key(services: Services) -> None:
    """Ctrl+R is not in the full footer, so the palette lists it; without a printer it says so."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Print queue (Ctrl+R)" in titles
        await press(pilot, "ctrl+r", "f5")
        queue = app.screen
        assert isinstance(queue, PrintQueue)
        assert "Nothing waits" in str(queue.query_one("#error", Static).render())
