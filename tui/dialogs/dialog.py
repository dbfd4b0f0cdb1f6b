"""The base of every dialog: a modal screen whose key bindings read in the chosen language."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import ActiveBinding
from textual.screen import ModalScreen
from textual.worker import Worker

from tui.i18n import localise_bindings
from tui.messages import report_failure

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer]):
    """A modal screen of the till; ``dismiss()`` gives its answer to whoever opened it."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The bindings with translated descriptions, for the footer and the palette."""
        return localise_bindings(super().active_bindings)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this dialog that crashed is handed to the app, which shows it."""
        report_failure(self, event)
