"""Barcodes and QR codes drawn as 1-bit images with a whole number of dots per module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.i18n import _
from devices.print.errors import RenderError

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

QUIET_MODULES = 10
"""Blank modules left and right of a 1-D barcode, as scanners need."""

_PYTHON_BARCODE_NAMES = {"CODE128": "code128", "EAN13": "ean13", "EAN8": "ean8", "CODE39": "code39"}


def barcode_modules(data: str, symbology: str) -> str:
    """The bar pattern as a string of "1" (bar) and "0" (space) modules, no quiet zone."""
    import barcode
    from barcode.errors import BarcodeError

    kind = barcode.get_barcode_class(_PYTHON_BARCODE_NAMES[symbology])
    try:
        code = kind(data, add_checksum=False) if symbology == "CODE39" else kind(data)
    except (BarcodeError, ValueError) as error:
        message = _("Cannot make a {symbology} barcode from {data!r}: {reason}")
        raise RenderError(message.format(symbology=symbology, data=data, reason=error)) from None
    full = code.get_fullcode()
    is_ean = symbology in ("EAN13", "EAN8")
    if is_ean and len(data) == len(full) and full != data:
        message = _("{data} has a wrong {symbology} check digit.")
        raise RenderError(message.format(data=data, symbology=symbology))
    if full != data and not (is_ean and full[:-1] == data):
        message = _("{data!r} cannot be printed as {symbology} without changing it.")
        raise RenderError(message.format(data=data, symbology=symbology))
    pattern: str = code.build()[0]
    return pattern


def module_dots(modules: int, max_width: int, largest: int = 4) -> int:
    """The widest whole number of dots per module that fits ``max_width``, at most ``largest``."""
    dots = min(largest, max_width // (modules + 2 * QUIET_MODULES))
    if dots < 1:
        message = _("The barcode is too long for the paper ({modules} modules).")
        raise RenderError(message.format(modules=modules))
    return dots


def barcode_image(data: str, symbology: str, max_width: int, height: int = 80) -> PILImage:
    """Draw a barcode (with quiet zones) as crisp bars; scanners read it back exactly."""
    from PIL import Image, ImageDraw

    pattern = barcode_modules(data, symbology)
    dots = module_dots(len(pattern), max_width)
    width = (len(pattern) + 2 * QUIET_MODULES) * dots
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    x = QUIET_MODULES * dots
    for module in pattern:
        if module == "1":
            draw.rectangle((x, 0, x + dots - 1, height - 1), fill=0)
        x += dots
    return image


def qr_image(data: str, max_width: int, largest_module: int = 6) -> PILImage:
    """Draw a QR code (with its quiet zone) using a whole number of dots per module."""
    import qrcode
    from PIL import Image, ImageDraw

    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    size = len(matrix)
    dots = min(largest_module, (max_width * 2 // 3) // size)
    if dots < 1:
        raise RenderError(_("The QR code holds too much data for the paper."))
    image = Image.new("1", (size * dots, size * dots), 1)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle((x * dots, y * dots, x * dots + dots - 1, y * dots + dots - 1), 0)
    return image
