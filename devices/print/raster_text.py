"""Text drawn as images with the bundled DejaVu Sans Mono, for printers without Cyrillic."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from devices.print.layout import PrintLine

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from PIL.ImageFont import FreeTypeFont

ADVANCE_PER_PT = 0.6021
"""DejaVu Sans Mono's advance width as a fraction of its size."""


def font_path() -> Path:
    """DejaVu Sans Mono as shipped in python-barcode's wheel (it has Cyrillic glyphs)."""
    from importlib.resources import files

    return Path(str(files("barcode").joinpath("fonts", "DejaVuSansMono.ttf")))


@lru_cache(maxsize=16)
def font(size: int) -> FreeTypeFont:
    """The bundled monospace font at ``size`` pixels."""
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path()), size)


def font_size_for(width_dots: int, columns: int) -> int:
    """The largest font size that fits ``columns`` characters in ``width_dots``."""
    return int(width_dots / columns / ADVANCE_PER_PT)


def text_image(lines: Sequence[PrintLine], width_dots: int, columns: int) -> PILImage:
    """Draw laid-out lines across the full paper width; double lines are twice the size."""
    from PIL import Image, ImageDraw

    size = font_size_for(width_dots, columns)
    line_height = int(size * 1.25)
    heights = [line_height * (2 if line.double else 1) for line in lines]
    image = Image.new("1", (width_dots, max(1, sum(heights))), 1)
    draw = ImageDraw.Draw(image)
    y = 0
    for line, height in zip(lines, heights, strict=True):
        face = font(size * 2 if line.double else size)
        width = draw.textlength(line.text, font=face)
        x = {"left": 0.0, "center": (width_dots - width) / 2, "right": width_dots - width}
        draw.text(
            (max(0.0, x[line.align]), y),
            line.text,
            font=face,
            fill=0,
            stroke_width=1 if line.bold else 0,
            stroke_fill=0,
        )
        y += height
    return image
