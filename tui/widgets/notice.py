"""One line of feedback under the work area: what just happened, a warning, a refusal."""

from __future__ import annotations

from typing import Literal

from textual.widgets import Static

Kind = Literal["info", "warning", "error", "done"]


class Notice(Static):
    """Feedback text, coloured by kind; the last message stays until the next."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(text, id=id, classes="notice -info", markup=False)

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show a message of a kind."""
        for other in ("info", "warning", "error", "done"):
            self.set_class(other == kind, f"-{other}")
        self.update(text)
