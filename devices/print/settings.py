"""Printer settings: one frozen value the config loader builds and the printer reads."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from devices.i18n import _
from devices.print.errors import PrinterConfigError

PAPER_DOTS = {58: 384, 80: 576}
"""Printable width in dots at 203 dpi for each paper width in mm."""

PAPER_COLUMNS = {58: 32, 80: 48}
"""Characters per line in font A for each paper width in mm."""


@dataclass(frozen=True)
class PrinterSettings:
    """How to reach and drive one ESC/POS printer."""

    url: str = "mem://"
    """Where the printer is: tcp://HOST:9100, file:///dev/usb/lp0, usb://VID:PID,
    serial:///dev/ttyUSB0?baud=19200, cups://QUEUE or mem:// (see transport_for_url)."""
    profile: str = "default"
    """python-escpos capabilities profile, e.g. TM-T20II or POS-5890; decides native codes."""
    encoding: str = "cp1251"
    """Python codec of the printer's code table; cp1251 holds every Ukrainian letter and «»—."""
    codepage_slot: int = 46
    """ESC t number of that table: 46 on Epson, 73 on Xprinter/Zjiang (see the test page)."""
    paper_mm: int = 80
    """Paper width, 58 or 80 mm."""
    native_codes: bool = True
    """Let the printer draw barcodes and QR codes when the profile supports them."""
    raster_text: bool = False
    """Print text as images, for printers without a Cyrillic font."""
    confirm: bool = True
    """Ask the printer for its status (DLE EOT) before and after each job."""
    timeout: float = 5.0
    """Seconds to wait for the printer to connect, accept data or answer."""

    def __post_init__(self) -> None:
        if self.paper_mm not in PAPER_DOTS:
            message = _("Paper width must be 58 or 80 mm, not {value}.")
            raise PrinterConfigError(message.format(value=self.paper_mm))
        if not 0 <= self.codepage_slot <= 255:
            message = _("Code page slot must be 0-255, not {value}.")
            raise PrinterConfigError(message.format(value=self.codepage_slot))
        if not self.timeout > 0:
            message = _("Printer timeout must be positive, not {value}.")
            raise PrinterConfigError(message.format(value=self.timeout))
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            message = _("Unknown printer encoding {value!r}; use cp1251 or cp1125.")
            raise PrinterConfigError(message.format(value=self.encoding)) from None

    @property
    def width_dots(self) -> int:
        """Printable width in dots."""
        return PAPER_DOTS[self.paper_mm]

    @property
    def columns(self) -> int:
        """Characters per line of normal-width text."""
        return PAPER_COLUMNS[self.paper_mm]

    @property
    def dpi(self) -> int:
        """Print resolution; thermal receipt printers are 203 dpi."""
        return 203
