"""Scans and edits handled one at a time, in the order they came: the next waits for the check."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

Entry = TypeVar("Entry")


class Inbox(Generic[Entry]):
    """A queue that starts one entry at a time; ``done()`` lets the next one start.

    A scanner can send the next code before the core has checked the last one; each check
    must see the sale as the previous one left it, so checks never overlap."""

    def __init__(self, start: Callable[[Entry], None]) -> None:
        self._start = start
        self._waiting: deque[Entry] = deque()
        self.busy = False
        """True from an entry's start until its ``done()``."""

    def put(self, entry: Entry) -> None:
        """Queue an entry; it starts now if nothing else is being handled."""
        self._waiting.append(entry)
        self._pump()

    def done(self) -> None:
        """The entry being handled is finished; start the next."""
        self.busy = False
        self._pump()

    def drop_waiting(self) -> None:
        """Forget the entries that have not started (after a refusal the cashier rescans)."""
        self._waiting.clear()

    def _pump(self) -> None:
        while not self.busy and self._waiting:
            self.busy = True
            self._start(self._waiting.popleft())
