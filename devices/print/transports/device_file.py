"""Printing to a device node (/dev/usb/lp0 via the usblp driver) or to a plain file."""

from __future__ import annotations

import errno
import os
import select
import stat
import time

from devices.i18n import _
from devices.print.errors import PrinterError, PrinterOffline, disconnected, stalled


class DeviceFileTransport:
    """Writes jobs to ``path``: a printer device node, or a file that collects raw bytes.

    A plain file is appended to (useful for debugging: decode it with escpos_dump). Under
    /dev nothing is ever created, so an unplugged printer is an error, not a new file.
    """

    def __init__(self, path: str, timeout: float = 5.0) -> None:
        self.path = path
        self.timeout = timeout

    @property
    def name(self) -> str:
        """The path."""
        return self.path

    def send(self, data: bytes) -> None:
        """Write the whole job, waiting at most ``timeout`` for a busy printer."""
        fd = self._open(os.O_WRONLY)
        try:
            self._write_all(fd, data)
        finally:
            os.close(fd)

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Ask a bidirectional device; None for plain files or write-only devices."""
        if not self._is_device():
            return None
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            self._write_all(fd, request)
            ready = select.select([fd], [], [], timeout)[0]
            return os.read(fd, n) if ready else b""
        except OSError:
            return None
        finally:
            os.close(fd)

    def close(self) -> None:
        """Nothing stays open between jobs."""

    def _is_device(self) -> bool:
        """True for a character device such as /dev/usb/lp0."""
        try:
            return stat.S_ISCHR(os.stat(self.path).st_mode)
        except OSError:
            return False

    def _open(self, mode: int) -> int:
        """Open for writing; plain files outside /dev are created and appended to."""
        flags = mode | os.O_NONBLOCK
        if not os.path.abspath(self.path).startswith("/dev/"):
            flags |= os.O_CREAT | os.O_APPEND
        try:
            return os.open(self.path, flags, 0o644)
        except FileNotFoundError:
            message = _("No printer at {where}. Check that it is plugged in and switched on.")
            raise PrinterOffline(message.format(where=self.path)) from None
        except PermissionError:
            message = _("No permission to write to {where}: add the till user to the lp group.")
            raise PrinterError(message.format(where=self.path)) from None
        except OSError as error:
            message = _("The printer at {where} is not ready ({reason}).")
            raise PrinterOffline(message.format(where=self.path, reason=error.strerror)) from None

    def _write_all(self, fd: int, data: bytes) -> None:
        """Write everything, waiting for the device to accept more until the deadline."""
        deadline = time.monotonic() + self.timeout
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(fd, view) :]
                continue
            except BlockingIOError:
                pass
            except OSError as error:
                if error.errno in (errno.ENODEV, errno.EIO, errno.ENXIO):
                    raise disconnected(self.path, error.strerror) from None
                message = _("Writing to {where} failed ({reason}).")
                raise PrinterError(message.format(where=self.path, reason=error.strerror)) from None
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([], [fd], [], remaining)[1]:
                raise stalled(self.path)
