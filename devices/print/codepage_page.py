"""A code page test page: the Cyrillic sample under each candidate ESC t slot, labelled.

Printer vendors put CP1251 at different slots (Epson 46, Xprinter/Zjiang 73). The installer
prints this page, finds the line that reads like the picture at the top, and copies its slot
and encoding into the printer settings.
"""

from __future__ import annotations

import contextlib
import io

from devices.print.layout import PrintLine
from devices.print.raster_text import text_image
from devices.print.settings import PrinterSettings

TEST_SLOTS = (6, 7, 17, 44, 46, 59, 73)
"""The Cyrillic slots found in the bundled python-escpos profiles."""
CANDIDATE_ENCODINGS = ("cp1251", "cp1125", "cp866")
SAMPLE = "ГґІіЇїЄє «»—"

ESC_INIT = b"\x1b@"


def codepage_test_page(settings: PrinterSettings) -> bytes:
    """The bytes of the test page for a printer with these settings."""
    from devices.print.escpos_render import load_escpos, till_profile

    load_escpos()
    from escpos.printer import Dummy

    printer = Dummy(profile=till_profile(settings))
    printer._raw(ESC_INIT + b"CODE PAGE TEST - the good line looks like:\n")
    reference = [PrintLine(SAMPLE, align="center")]
    with contextlib.redirect_stdout(io.StringIO()):
        printer.image(text_image(reference, settings.width_dots, settings.columns), center=True)
    printer._raw(b"slot encoding  sample\n")
    for slot in TEST_SLOTS:
        printer._raw(bytes([0x1B, 0x74, slot]))
        for encoding in CANDIDATE_ENCODINGS:
            label = f"{slot:>4} {encoding:<9}".encode("ascii")
            printer._raw(label + SAMPLE.encode(encoding, errors="replace") + b"\n")
    printer._raw(ESC_INIT + f"Now: slot {settings.codepage_slot} {settings.encoding}\n".encode())
    with contextlib.redirect_stdout(io.StringIO()):
        printer.cut()
    page: bytes = printer.output
    return page
