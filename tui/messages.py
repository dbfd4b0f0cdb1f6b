"""Messages the screens' workers post back to the UI thread with what the core answered."""

from __future__ import annotations

from textual.message import Message

from core.domain.errors import TillError
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


class ScannerFailed(Message):
    """A scanner device failed or was unplugged (posted from its reader thread)."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
        """What went wrong, as the device layer said it."""
