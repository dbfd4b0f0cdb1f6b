"""Messages the screens' workers post back to the UI thread with what the core answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, WorkerState

from core.domain.errors import TillError

if TYPE_CHECKING:
    from core.results import Posted


class Refused(Message):
    """The core refused a check or a document; nothing was written."""

    def __init__(self, error: TillError, about: str = "") -> None:
        super().__init__()
        self.error = error
        """The refusal, with the title and message to show."""
        self.about = about
        """What was being done, so the screen can say what to do next."""


class DocumentPosted(Message):
    """A document was posted whole."""

    def __init__(self, posted: Posted) -> None:
        super().__init__()
        self.posted = posted
        """The posted document: number, lines, total, warnings."""


class LedgerOpened(Message):
    """The sale screen opened the database after the first paint."""


class ScannerFailed(Message):
    """A scanner device failed or was unplugged (posted from its reader thread)."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
        """What went wrong, as the device layer said it."""


class WorkerFailed(Message):
    """A worker raised what no screen expected; the app shows it instead of crashing."""

    def __init__(self, name: str, error: BaseException) -> None:
        super().__init__()
        self.name = name
        """The worker's name (its method)."""
        self.error = error
        """What it raised."""


def report_failure(node: DOMNode, event: Worker.StateChanged) -> None:
    """Hand a worker that raised to the app (worker state messages do not bubble up)."""
    error = event.worker.error
    if event.state is WorkerState.ERROR and error is not None:
        node.app.post_message(WorkerFailed(event.worker.name, error))
