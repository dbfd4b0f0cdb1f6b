"""A stand-in for evdev.InputDevice backed by a pipe, so select() works on it."""

from __future__ import annotations

import errno
import os
import queue
import threading
from collections.abc import Iterable

from evdev import InputEvent


class FakeInputDevice:
    """Queues events for the reader; can be "unplugged" so read() raises ENODEV."""

    def __init__(self, path: str = "/dev/input/event7") -> None:
        self.path = path
        self.name = "Fake Barcode Scanner"
        self._read_fd, self._write_fd = os.pipe()
        self._events: queue.SimpleQueue[InputEvent] = queue.SimpleQueue()
        self._unplugged = False
        self.grabbed = threading.Event()
        self.ungrab_calls = 0
        self.closed = threading.Event()

    @property
    def fd(self) -> int:
        """The pipe end the reader selects on."""
        return self._read_fd

    def push(self, events: Iterable[InputEvent]) -> None:
        """Make events available and wake the reader."""
        for event in events:
            self._events.put(event)
        os.write(self._write_fd, b"!")

    def unplug(self) -> None:
        """The next read fails as a vanished device does."""
        self._unplugged = True
        os.write(self._write_fd, b"!")

    def grab(self) -> None:
        """Record the exclusive grab."""
        self.grabbed.set()

    def ungrab(self) -> None:
        """Record the release; a dead device refuses it like the kernel does."""
        self.ungrab_calls += 1
        if self._unplugged:
            raise OSError(errno.ENODEV, "No such device")

    def close(self) -> None:
        """Close both pipe ends."""
        if not self.closed.is_set():
            os.close(self._read_fd)
            os.close(self._write_fd)
            self.closed.set()

    def read(self) -> list[InputEvent]:
        """Return the queued events, or fail with ENODEV once unplugged."""
        if self._unplugged:
            raise OSError(errno.ENODEV, "No such device")
        os.read(self._read_fd, 4096)
        events = []
        while not self._events.empty():
            events.append(self._events.get())
        if not events:
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
        return events
