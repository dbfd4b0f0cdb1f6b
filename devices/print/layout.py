"""Lay text blocks out in fixed columns: wrapping, two-column rows, rules."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from devices.print.document import Align, Row, Rule, Text


@dataclass(frozen=True)
class PrintLine:
    """One printed line of text with its style; ``text`` is not padded for alignment."""

    text: str
    bold: bool = False
    double: bool = False
    align: Align = "left"

    def padded(self, columns: int) -> str:
        """The line as it appears on paper, aligned within ``columns`` characters."""
        width = columns // 2 if self.double else columns
        if self.align == "center":
            return self.text.center(width).rstrip()
        if self.align == "right":
            return self.text.rjust(width)
        return self.text


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` characters, keeping explicit newlines and blank lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        pieces = textwrap.wrap(
            paragraph, width, break_long_words=True, break_on_hyphens=False, drop_whitespace=True
        )
        lines.extend(pieces or [""])
    return lines


def row_lines(row: Row, columns: int) -> list[str]:
    """Fit ``left`` and ``right`` on one line, wrapping ``left`` when both do not fit."""
    right = row.right.strip()
    left = row.left.strip()
    if len(left) + 1 + len(right) <= columns:
        return [left + " " * (columns - len(left) - len(right)) + right]
    if len(right) >= columns - 1:
        return [*wrap(left, columns), *(line.rjust(columns) for line in wrap(right, columns))]
    lines = wrap(left, columns - len(right) - 1)
    last = lines[-1]
    lines[-1] = last + " " * (columns - len(last) - len(right)) + right
    return lines


def lay_out(block: Text | Row | Rule, columns: int) -> list[PrintLine]:
    """The printed lines of one text block at ``columns`` characters per line."""
    if isinstance(block, Text):
        width = columns // 2 if block.double else columns
        return [
            PrintLine(line, block.bold, block.double, block.align)
            for line in wrap(block.text, width)
        ]
    if isinstance(block, Row):
        return [PrintLine(line, block.bold) for line in row_lines(block, columns)]
    return [PrintLine((block.char or "-")[0] * columns)]
