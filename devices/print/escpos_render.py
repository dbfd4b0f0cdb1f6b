"""Document → ESC/POS bytes through python-escpos Dummy, with a profile built from settings.

Rendering is pure: the same document and settings always give the same bytes, and nothing is
sent anywhere. The code table is pinned once per job (ESC @, then ESC t <slot>); barcodes and
QR codes are native when the profile supports them and images otherwise.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import io
import json
import os
import pickle
import platform
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from devices.i18n import _
from devices.print.code_images import barcode_image, barcode_modules, qr_image
from devices.print.document import (
    QR,
    Barcode,
    Block,
    Cut,
    Document,
    DrawerKick,
    Feed,
    Image,
    Row,
    Rule,
    Text,
)
from devices.print.errors import PrinterConfigError, RenderError
from devices.print.layout import PrintLine, lay_out
from devices.print.raster_text import text_image
from devices.print.settings import PrinterSettings
from devices.print.text_norm import normalise

PICKLE_DIR_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
IMAGE_IMPLS = ("bitImageRaster", "graphics", "bitImageColumn")
NATIVE_BARCODE_NAMES = {"CODE128": "CODE128", "EAN13": "EAN13", "EAN8": "EAN8", "CODE39": "CODE39"}
BARCODE_HEIGHT = 80
"""Bar height in dots (10 mm at 203 dpi)."""


def load_escpos() -> None:
    """Give python-escpos a ready capabilities cache before its first import.

    python-escpos pickles its printer database on first import into
    ESCPOS_CAPABILITIES_PICKLE_DIR: without that variable into a new temporary folder each time
    (a 72 KB pickle left behind per process); into a folder that does not exist, not at all (a
    traceback); and with two processes starting at once, one may read the pickle the other is
    still writing. So the folder is the user's cache (created here), and the pickle is written
    here first, whole, under a temporary name and then renamed into place: python-escpos only
    ever reads a complete file.
    """
    global _escpos_ready
    if _escpos_ready:
        return
    if PICKLE_DIR_ENV not in os.environ:
        from platformdirs import user_cache_dir

        os.environ[PICKLE_DIR_ENV] = os.path.join(user_cache_dir("serial-till"), "escpos")
    folder = Path(os.environ[PICKLE_DIR_ENV])
    folder.mkdir(parents=True, exist_ok=True)
    warm_capabilities(folder)
    _escpos_ready = True


_escpos_ready = False


def warm_capabilities(folder: Path) -> Path:
    """Write python-escpos's capabilities pickle in ``folder`` unless a sound, current one is
    there; atomic, so a process importing escpos meanwhile never sees half a file."""
    source = _capabilities_source()
    target = folder / f"{platform.python_version()}.capabilities.pickle"
    if _current(target, source):
        return target
    with source.open("rb") as file:
        capabilities = json.load(file)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".capabilities-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(capabilities, out, protocol=2)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def _capabilities_source() -> Path:
    """The printer database python-escpos loads: its own, or ESCPOS_CAPABILITIES_FILE."""
    named = os.environ.get("ESCPOS_CAPABILITIES_FILE")
    if named:
        return Path(named)
    from importlib.resources import files

    return Path(str(files("escpos") / "capabilities.json"))


def _current(pickled: Path, source: Path) -> bool:
    """The pickle exists, is not older than the database and loads (not a truncated file)."""
    try:
        if pickled.stat().st_mtime < source.stat().st_mtime:
            return False
        with pickled.open("rb") as file:
            pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        return False
    return True


@lru_cache(maxsize=8)
def till_profile(settings: PrinterSettings) -> Any:
    """A python-escpos profile: the named base profile with our code page slot and width."""
    load_escpos()
    from escpos.capabilities import CAPABILITIES, Profile, get_profile

    try:
        base = get_profile(settings.profile)
    except KeyError:
        known = ", ".join(sorted(CAPABILITIES["profiles"]))
        message = _("Unknown printer profile {profile!r}. Known profiles: {known}.")
        raise PrinterConfigError(message.format(profile=settings.profile, known=known)) from None
    data = copy.deepcopy(base.profile_data)
    data["codePages"] = {str(settings.codepage_slot): escpos_encoding(settings.encoding)}
    data["media"] = {
        "dpi": settings.dpi,
        "width": {"mm": settings.paper_mm, "pixels": settings.width_dots},
    }
    cls = type("TillProfile", (Profile,), {"profile_data": data})
    return cls(columns=settings.columns, features=data["features"])


def escpos_encoding(encoding: str) -> str:
    """python-escpos's name for a Python codec, e.g. cp1251 → CP1251."""
    load_escpos()
    from escpos.capabilities import CAPABILITIES

    wanted = codecs.lookup(encoding).name
    for name, info in CAPABILITIES["encodings"].items():
        python_name = info.get("python_encode")
        if python_name and codecs.lookup(python_name).name == wanted:
            return str(name)
    message = _("The printer library has no code table for {encoding!r}.")
    raise PrinterConfigError(message.format(encoding=encoding))


def render_escpos(document: Document, settings: PrinterSettings) -> bytes:
    """Render a document to the bytes of one print job."""
    with contextlib.redirect_stdout(io.StringIO()):  # python-escpos prints diagnostics
        return _EscposJob(settings).render(document)


class _EscposJob:
    """One rendering pass: a Dummy printer plus the text style currently in force."""

    def __init__(self, settings: PrinterSettings) -> None:
        load_escpos()
        from escpos.printer import Dummy

        self.settings = settings
        self.profile = till_profile(settings)
        self.printer = Dummy(profile=self.profile)
        self.style = PrintLine("")
        self.pending: list[PrintLine] = []

    def render(self, document: Document) -> bytes:
        """Emit ESC @, the code table, every block, and return the bytes."""
        self.printer.hw("INIT")
        self.printer.charcode(escpos_encoding(self.settings.encoding))
        for block in document:
            self.block(block)
        self.flush_raster_text()
        output: bytes = self.printer.output
        return output

    def block(self, block: Block) -> None:
        """Emit one block."""
        if isinstance(block, Text | Row | Rule):
            if self.settings.raster_text:  # DejaVu has every glyph: no normalising
                self.pending.extend(lay_out(block, self.settings.columns))
                return
            for line in lay_out(self.normalised(block), self.settings.columns):
                self.text_line(line)
            return
        self.flush_raster_text()
        if isinstance(block, Barcode):
            self.barcode(block)
        elif isinstance(block, QR):
            self.qr(block)
        elif isinstance(block, Image):
            self.image(block.image)
        elif isinstance(block, Feed):
            self.printer.print_and_feed(max(0, min(255, block.lines)))
        elif isinstance(block, Cut):
            self.printer.cut()
        elif isinstance(block, DrawerKick):
            self.printer._raw(block.command)

    def normalised(self, block: Text | Row | Rule) -> Text | Row | Rule:
        """The block with its text made printable in the code table (before layout)."""
        encoding = self.settings.encoding
        if isinstance(block, Text):
            return replace(block, text=normalise(block.text, encoding))
        if isinstance(block, Row):
            return replace(
                block, left=normalise(block.left, encoding), right=normalise(block.right, encoding)
            )
        return replace(block, char=normalise(block.char, encoding) or "-")

    def text_line(self, line: PrintLine) -> None:
        """Switch style where it differs, then print the line."""
        self.set_style(line)
        self.printer.text(line.text + "\n")

    def set_style(self, line: PrintLine) -> None:
        """Send only the style commands that change (a size change also clears bold)."""
        resized = line.double != self.style.double
        if resized:
            if line.double:
                self.printer.set(double_width=True, double_height=True)
            else:
                self.printer.set(normal_textsize=True)
        if line.bold != (self.style.bold and not resized):
            self.printer.set(bold=line.bold)
        if line.align != self.style.align:
            self.printer.set(align=line.align)
        self.style = PrintLine("", line.bold, line.double, line.align)

    def flush_raster_text(self) -> None:
        """Print text collected in raster mode as one image."""
        if self.pending:
            lines, self.pending = self.pending, []
            self.image(text_image(lines, self.settings.width_dots, self.settings.columns))

    def barcode(self, block: Barcode) -> None:
        """A barcode, native when possible, with its text centred below."""
        pattern = barcode_modules(block.data, block.symbology)  # validates the data
        feature = "barcodeB" if block.symbology == "CODE128" else "barcodeA"
        if self.settings.native_codes and self.profile.supports(feature):
            self.native_barcode(block, len(pattern))
        else:
            self.image(barcode_image(block.data, block.symbology, self.settings.width_dots))
        self.block(Text(block.data, align="center"))

    def native_barcode(self, block: Barcode, modules: int) -> None:
        """GS k: the printer draws the bars; Code 128 needs the {B code set prefix."""
        from escpos.exceptions import BarcodeCodeError

        data = "{B" + block.data if block.symbology == "CODE128" else block.data
        width = max(2, min(6, self.settings.width_dots // (modules + 20)))
        try:
            self.printer.barcode(
                data,
                NATIVE_BARCODE_NAMES[block.symbology],
                height=BARCODE_HEIGHT,
                width=width,
                pos="OFF",
                align_ct=True,
            )
        except BarcodeCodeError as error:
            message = _("The printer cannot print {data!r} as {symbology}.")
            raise RenderError(message.format(data=block.data, symbology=block.symbology)) from error
        self.style = PrintLine("", self.style.bold, self.style.double, "center")

    def qr(self, block: QR) -> None:
        """A QR code: GS ( k when the profile has it, an image otherwise."""
        if self.settings.native_codes and self.profile.supports("qrCode"):
            from escpos.constants import QR_ECLEVEL_M

            self.set_style(PrintLine("", self.style.bold, self.style.double, "center"))
            size = 6 if self.settings.paper_mm == 80 else 4
            self.printer.qr(block.data, ec=QR_ECLEVEL_M, size=size, native=True)
            self.printer.text("\n")
        else:
            self.image(qr_image(block.data, self.settings.width_dots))

    def image(self, picture: Any) -> None:
        """A raster image, scaled down to the paper if wider, centred."""
        impl = next((i for i in IMAGE_IMPLS if self.profile.supports(i)), None)
        if impl is None:
            message = _("The printer profile {profile} cannot print images.")
            raise RenderError(message.format(profile=self.settings.profile))
        if picture.width > self.settings.width_dots:
            ratio = self.settings.width_dots / picture.width
            picture = picture.resize(
                (self.settings.width_dots, max(1, int(picture.height * ratio)))
            )
        self.printer.image(picture, impl=impl, center=True)
