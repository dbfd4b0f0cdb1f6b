"""Serial / USB-CDC scanners: a pure line splitter and a reconnecting pyserial reader."""

from __future__ import annotations

import codecs
import time
from typing import Any

from devices.i18n import _
from devices.scan.base import ScannerError
from devices.scan.dedupe import Clock
from devices.scan.reader import Backoff, DeviceReader

MAX_LINE = 4096
"""Characters kept without a terminator before the buffer is treated as noise and dropped."""

_FRAMING = "\x02\x03"
"""STX/ETX that some scanners wrap codes in."""


class LineSplitter:
    """Splits a byte stream into codes at CR, LF or CRLF, across arbitrary read boundaries.

    Empty pieces are dropped, so CRLF and blank lines produce no empty codes. Bytes are decoded
    incrementally, so a multi-byte character split between two reads survives.
    """

    def __init__(self, encoding: str = "utf-8") -> None:
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._partial = ""

    def feed(self, data: bytes) -> list[str]:
        """Consume a chunk of bytes; return the codes it completed."""
        text = self._partial + self._decoder.decode(data)
        pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._partial = pieces.pop()
        if len(self._partial) > MAX_LINE:
            self._partial = ""
        codes = (piece.strip(_FRAMING) for piece in pieces)
        return [code for code in codes if code]


class SerialScanner(DeviceReader[Any]):
    """Reads a serial or USB-CDC scanner with pyserial, reconnecting after an unplug.

    ``port`` is a device path (/dev/ttyACM0, /dev/serial/by-id/…) or a pyserial URL such as
    ``loop://``. Device paths are opened with ``exclusive=True`` so no other process can
    steal bytes.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        encoding: str = "utf-8",
        backoff: Backoff | None = None,
        clock: Clock = time.monotonic,
        read_timeout: float = 0.2,
    ) -> None:
        super().__init__(f"serial:{port}", backoff or Backoff(), clock)
        self.port = port
        self.baudrate = baudrate
        self.encoding = encoding
        self.read_timeout = read_timeout
        self._handle: Any = None

    @property
    def handle(self) -> Any:
        """The open pyserial object, or None; tests write to loop:// through it."""
        return self._handle

    def _open(self) -> Any:
        try:
            import serial
        except ImportError as error:
            raise ScannerError(_("Serial scanners need the pyserial package.")) from error
        options: dict[str, Any] = {"baudrate": self.baudrate, "timeout": self.read_timeout}
        if "://" not in self.port:
            options["exclusive"] = True
        try:
            self._handle = serial.serial_for_url(self.port, **options)
        except (serial.SerialException, OSError, ValueError) as error:
            message = _("The scanner on {port} is not connected: {reason}")
            raise ScannerError(message.format(port=self.port, reason=error)) from error
        return self._handle

    def _pump(self, handle: Any) -> None:
        import serial

        splitter = LineSplitter(self.encoding)
        while not self._stopping.is_set():
            try:
                data = handle.read(handle.in_waiting or 1)
            except (serial.SerialException, OSError) as error:
                message = _("The scanner on {port} was unplugged; waiting for it to return.")
                raise ScannerError(message.format(port=self.port)) from error
            for code in splitter.feed(data):
                self._emit(code)

    def _wake(self) -> None:
        cancel = getattr(self._handle, "cancel_read", None)
        if cancel is not None:
            cancel()

    def _close(self, handle: Any) -> None:
        self._handle = None
        try:
            handle.close()
        except Exception:  # the port may already be gone
            pass
