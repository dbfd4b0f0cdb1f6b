"""The bottom line of every screen: the F-keys that work here, as compact as 80 columns need."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def key_width(key_display: str, description: str) -> int:
    """Columns a compact footer key takes: the key, a space, its words and the gap after it."""
    return cell_len(key_display) + 1 + cell_len(description) + 1


def left_out(keys: Iterable[tuple[str, int]], spare: Iterable[str], width: int) -> set[str]:
    """The spare keys (in order) to leave out so the (key, width) pairs fit in ``width``."""
    widths = dict(keys)
    dropped: set[str] = set()
    for key in spare:
        if sum(w for k, w in widths.items() if k not in dropped) <= width:
            break
        if key in widths:
            dropped.add(key)
    return dropped


class KeyFooter(Footer):
    """A compact footer without the palette key (Ctrl+P still opens the palette).

    The app's spare keys (``FOOTER_SPARE_KEYS``, such as F12 for a serial number's history),
    then the screen's own spare keys, are left out of a footer that the screen's other keys
    already fill; they still work and the palette lists them."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        dropped = self._left_out()
        for widget in super().compose():
            if not (isinstance(widget, FooterKey) and widget.key in dropped):
                yield widget

    def _left_out(self) -> set[str]:
        shown: dict[str, tuple[str, int]] = {}
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                display = self.app.get_key_display(binding)
                shown[binding.action] = (binding.key, key_width(display, binding.description))
        spare: tuple[str, ...] = (
            *getattr(self.app, "FOOTER_SPARE_KEYS", ()),
            *getattr(self.screen, "FOOTER_SPARE_KEYS", ()),
        )
        return left_out(shown.values(), spare, self.app.size.width)
