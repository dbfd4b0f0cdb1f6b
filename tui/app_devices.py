"""The till's scanners and printer, connected after the first paint: their libraries (the
ESC/POS driver, Jinja2, the serial and HID readers) load in a worker, not before the sale
screen is on the terminal."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.message import Message

from tui.scanning import post_scan

if TYPE_CHECKING:
    from bootstrap.services import Services
    from devices.print.printer import ReceiptPrinter
    from devices.scan.base import ScannerSource

    _AppBase = App[Any]
else:
    _AppBase = object


class DevicesReady(Message):
    """The configured scanners and printer, built."""

    def __init__(self, scanner: ScannerSource | None, printer: ReceiptPrinter | None) -> None:
        super().__init__()
        self.scanner = scanner
        self.printer = printer


class DevicesMixin(_AppBase):
    """Mix into the till app (before App): build the configured devices once it has painted."""

    if TYPE_CHECKING:
        services: Services
        scanner: ScannerSource | None
        printer: ReceiptPrinter | None

        def show_devices(self) -> None:
            """Show the scanner and printer state in the status bar."""

        def _scanner_failed(self, error: Exception) -> None:
            """Report a scanner that failed."""

    connect_later = False
    """Build the configured scanners and printer after the first paint (the real till;
    tests hand the app their own devices)."""

    def start_devices(self) -> None:
        """Start the scanner the app was given, or build the configured ones after the paint."""
        if self.connect_later:
            self.call_after_refresh(self.connect_devices)
        elif self.scanner is not None:
            self.scanner.start(partial(post_scan, self), self._scanner_failed)

    @work(thread=True, exit_on_error=False, group="devices")
    def connect_devices(self) -> None:
        """Build a scan stream when a serial or HID scanner is on, and the [printer]."""
        config = self.services.config
        scanner = printer = None
        if config.scanner.hid.enabled or config.scanner.serial.enabled:
            from bootstrap.scanners import scanner_stream

            scanner = scanner_stream(config)
        if config.printer.url:
            from bootstrap.printing import make_printer

            printer = make_printer(config)
        self.post_message(DevicesReady(scanner, printer))

    def on_devices_ready(self, message: DevicesReady) -> None:
        """Use the devices: the scanner starts reading, the status bar names them."""
        self.scanner, self.printer = message.scanner, message.printer
        if self.scanner is not None:
            self.scanner.start(partial(post_scan, self), self._scanner_failed)
        self.show_devices()
