"""The bottom line of every screen: the F-keys that work here, as compact as 80 columns need."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """A compact footer without the palette key (Ctrl+P still opens the palette)."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
