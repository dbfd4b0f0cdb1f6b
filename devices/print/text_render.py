"""Document → plain text at the paper's column count, for previews on screen and in the CLI."""

from __future__ import annotations

from devices.print.document import (
    QR,
    Barcode,
    Cut,
    Document,
    DrawerKick,
    Feed,
    Image,
    Row,
    Rule,
    Text,
)
from devices.print.layout import PrintLine, lay_out, wrap


def _on_paper(line: PrintLine, columns: int) -> str:
    """One line as it looks on paper; double-size letters are spread to double width."""
    if not line.double:
        return line.padded(columns)
    spread = " ".join(line.text)
    return PrintLine(spread, align=line.align).padded(columns)


def _placeholder(label: str, columns: int) -> list[str]:
    """A centred bracketed marker for something that is not text."""
    return [piece.center(columns).rstrip() for piece in wrap(f"[{label}]", columns)]


def render_text(document: Document, columns: int = 48) -> str:
    """The document as lines of at most ``columns`` characters, ending with a newline."""
    out: list[str] = []
    for block in document:
        if isinstance(block, Text | Row | Rule):
            out.extend(_on_paper(line, columns) for line in lay_out(block, columns))
        elif isinstance(block, Barcode):
            out.extend(_placeholder(f"{block.symbology} barcode", columns))
            out.append(block.data.center(columns).rstrip())
        elif isinstance(block, QR):
            out.extend(_placeholder("QR code", columns))
            out.extend(piece.center(columns).rstrip() for piece in wrap(block.data, columns))
        elif isinstance(block, Image):
            out.extend(_placeholder(f"image {block.image.width}x{block.image.height}", columns))
        elif isinstance(block, Feed):
            out.extend([""] * block.lines)
        elif isinstance(block, Cut):
            out.append(" cut ".center(columns, "~"))
        elif isinstance(block, DrawerKick):
            out.append(" cash drawer opens ".center(columns, "~"))
    return "\n".join(out) + "\n"
