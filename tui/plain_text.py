"""Stored text as the app shows it: what a user, a file or a scanner wrote, never markup.

A product named ``[bold red]x`` shows those characters; an ESC or another control character in
a name, a customer or a serial number shows as a visible ``\\u001b`` escape and never reaches
the terminal."""

from __future__ import annotations

from rich.text import Text

from core.domain.limits import escaped


def plain(value: object) -> object:
    """A table cell or label for ``value``: text without markup and with control characters
    escaped (a Rich ``Text`` keeps its style); anything else as it is."""
    if isinstance(value, str):
        return Text(escaped(value))
    if isinstance(value, Text):
        safe = escaped(value.plain)
        if safe == value.plain:
            return value
        return Text(
            safe, style=value.style, justify=value.justify, overflow=value.overflow, end=value.end
        )
    return value
