"""The line markup print templates produce, parsed into a Document.

One instruction per line:

    plain text             a paragraph in the current style, wrapped at the paper width
    (empty line)           a blank line
    @left @center @right   alignment of the text lines that follow
    @bold @double          bold / double size for the text lines that follow
    @normal                bold and double size off again
    @row LEFT | RIGHT      two columns: LEFT flush left, RIGHT flush right
    @rule                  a line across the paper
    @barcode TYPE DATA     a barcode (CODE128, EAN13, EAN8, CODE39) with its text below
    @qr DATA               a QR code
    @feed N                N blank lines
    @cut                   cut the paper
    @text TEXT             TEXT as it is, even when it starts with @

Values a template inserts ({{ ... }}) are protected by ``protect()``: their newlines become
spaces and their @ and | are masked, so data can never start an instruction or split a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.i18n import _
from devices.print.document import QR, Align, Barcode, Block, Cut, Document, Feed, Row, Rule, Text

_AT = "\ue000"
_BAR = "\ue001"


def protect(value: object) -> str:
    """Make a template value inert: one line, no instruction or column marks."""
    if value is None:
        return ""
    text = str(value)
    for old, new in (("\r\n", " "), ("\n", " "), ("\r", " "), ("@", _AT), ("|", _BAR)):
        text = text.replace(old, new)
    return text


def _unmask(text: str) -> str:
    """Put masked characters back."""
    return text.replace(_AT, "@").replace(_BAR, "|")


class MarkupError(ValueError):
    """A line of the markup is not a valid instruction; ``line`` is 1-based."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(_("output line {line}: {problem}").format(line=line, problem=problem))
        self.line = line


@dataclass
class _Style:
    """The text style in force."""

    align: Align = "left"
    bold: bool = False
    double: bool = False
    blocks: list[Block] = field(default_factory=list)

    def text(self, text: str) -> None:
        """Add a paragraph in the current style."""
        self.blocks.append(Text(_unmask(text), self.bold, self.double, self.align))


_ALIGN: dict[str, Align] = {"@left": "left", "@center": "center", "@right": "right"}


def parse(markup: str) -> Document:
    """Turn rendered template text into a Document; raises MarkupError on a bad line."""
    style = _Style()
    for number, line in enumerate(markup.splitlines(), start=1):
        try:
            _parse_line(line.rstrip(), style)
        except ValueError as error:
            raise MarkupError(number, str(error)) from None
    return Document(tuple(style.blocks))


def _parse_line(line: str, style: _Style) -> None:
    """Apply one line to the style or add its block."""
    if not line.startswith("@"):
        style.text(line)
        return
    word, _sep, rest = line.partition(" ")
    rest = rest.strip()
    if word in _ALIGN:
        style.align = _ALIGN[word]
    elif word == "@bold":
        style.bold = True
    elif word == "@double":
        style.double = True
    elif word == "@normal":
        style.bold = style.double = False
    elif word == "@text":
        style.text(rest)
    else:
        style.blocks.append(_block(word, rest))


def _block(word: str, rest: str) -> Block:
    """The block an instruction with arguments makes."""
    if word == "@row":
        left, bar, right = rest.partition("|")
        if not bar:
            raise ValueError(_("@row needs LEFT | RIGHT"))
        return Row(_unmask(left.strip()), _unmask(right.strip()))
    if word == "@rule":
        return Rule()
    if word == "@barcode":
        symbology, _sep, data = rest.partition(" ")
        return Barcode(_unmask(data.strip()), symbology.upper())
    if word == "@qr":
        return QR(_unmask(rest))
    if word == "@feed":
        if not rest.isdigit():
            raise ValueError(_("@feed needs a number of lines, not {value!r}").format(value=rest))
        return Feed(int(rest))
    if word == "@cut":
        return Cut()
    raise ValueError(_("unknown instruction {word}").format(word=word))
