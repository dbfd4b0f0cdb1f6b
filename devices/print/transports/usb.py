"""Printing through libusb (pyusb, via python-escpos Usb), for printers without usblp."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from typing import Any

from devices.i18n import _
from devices.print.errors import PrinterError, PrinterOffline, stalled


class UsbTransport:
    """A USB printer chosen by vendor and product id, driven by python-escpos Usb.

    Needs pyusb and libusb-1.0 (the python-escpos[usb] extra). The kernel's usblp driver is
    detached while printing; file:///dev/usb/lp0 is the simpler path when usblp is present.
    """

    def __init__(self, vendor: int, product: int, timeout: float = 5.0) -> None:
        self.vendor = vendor
        self.product = product
        self.timeout = timeout
        self._printer: Any = None

    @property
    def name(self) -> str:
        """vvvv:pppp in hex."""
        return f"usb {self.vendor:04x}:{self.product:04x}"

    def send(self, data: bytes) -> None:
        """Write the job with a write timeout (python-escpos's default has none)."""
        printer = self._opened()
        with self._translated_errors():
            printer._raw(data)

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Send a status request and read the reply from the IN endpoint."""
        printer = self._opened()
        with self._translated_errors():
            printer._raw(request)
            reply = bytes(printer._read())
        return reply[:n]

    def close(self) -> None:
        """Release the USB device."""
        printer, self._printer = self._printer, None
        if printer is not None:
            printer.close()

    def _opened(self) -> Any:
        """Open the device on first use."""
        if self._printer is not None:
            return self._printer
        if importlib.util.find_spec("usb") is None:  # pyusb, which python-escpos Usb needs
            raise PrinterError(
                _(
                    "USB printing needs pyusb (pip install 'python-escpos[usb]'); "
                    "or use file:///dev/usb/lp0 if the usblp driver is loaded."
                )
            )
        from devices.print.escpos_render import load_escpos

        load_escpos()
        from escpos.printer import Usb

        printer = Usb(self.vendor, self.product, timeout=int(self.timeout * 1000))
        with self._translated_errors():
            printer.open()
        self._printer = printer
        return printer

    @contextlib.contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Turn pyusb/python-escpos failures into printer errors naming the device."""
        try:
            yield
        except PrinterError:
            raise
        except Exception as error:
            self._printer = None
            if "Timeout" in type(error).__name__:
                raise stalled(self.name) from None
            message = _("The printer at {where} is not connected ({reason}).")
            raise PrinterOffline(message.format(where=self.name, reason=error)) from None
