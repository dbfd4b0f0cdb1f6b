"""One line of feedback under the work area: what just happened, a warning, a refusal, progress."""

from __future__ import annotations

from itertools import cycle
from typing import Literal

from textual.timer import Timer
from textual.widgets import Static

Kind = Literal["info", "warning", "error", "done"]

SPINNER = "|/-\\"
"""Progress frames in ASCII: the console font has no braille or block spinners."""


class Notice(Static):
    """Feedback text, coloured by kind; the last message stays until the next."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(text, id=id, classes="notice -info", markup=False)
        self._spinner: Timer | None = None

    @property
    def busy(self) -> bool:
        """True while progress is shown."""
        return self._spinner is not None

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show a message of a kind (and stop any progress)."""
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self._show(text, kind)

    def progress(self, text: str) -> None:
        """Show that long work is going on, turning a spinner until the next message."""
        self.say(text)
        frames = cycle(SPINNER)
        self._spinner = self.set_interval(0.1, lambda: self._show(f"{text} {next(frames)}", "info"))

    def _show(self, text: str, kind: Kind) -> None:
        for other in ("info", "warning", "error", "done"):
            self.set_class(other == kind, f"-{other}")
        self.update(text)
