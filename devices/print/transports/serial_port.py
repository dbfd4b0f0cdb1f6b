"""Printing over a serial port with pyserial, with a write timeout python-escpos lacks."""

from __future__ import annotations

from typing import Any

from devices.i18n import _
from devices.print.errors import PrinterError, PrinterOffline, disconnected, stalled


class SerialTransport:
    """A printer on an RS-232 or USB-serial port, opened on first use."""

    def __init__(self, port: str, baudrate: int = 9600, timeout: float = 5.0) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self._serial: Any = None

    @property
    def name(self) -> str:
        """The port."""
        return self.port

    def send(self, data: bytes) -> None:
        """Write the job; a printer holding the line busy raises PrinterTimeout."""
        import serial

        port = self._opened()
        try:
            port.write(data)
            port.flush()
        except serial.SerialTimeoutException:
            self.close()
            raise stalled(self.port) from None
        except (serial.SerialException, OSError) as error:
            self.close()
            raise disconnected(self.port, error) from None

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Send a status request and read up to ``n`` bytes within ``timeout``."""
        import serial

        port = self._opened()
        try:
            port.reset_input_buffer()
            port.write(request)
            port.timeout = timeout
            reply: bytes = port.read(n)
        except (serial.SerialException, OSError) as error:
            self.close()
            raise disconnected(self.port, error) from None
        finally:
            if self._serial is not None:
                self._serial.timeout = self.timeout
        return reply

    def close(self) -> None:
        """Close the port."""
        port, self._serial = self._serial, None
        if port is not None:
            port.close()

    def _opened(self) -> Any:
        """The open port, opening it first if needed."""
        if self._serial is not None:
            return self._serial
        try:
            import serial
        except ImportError:
            raise PrinterError(_("Serial printers need the pyserial package.")) from None
        try:
            self._serial = serial.Serial(
                self.port,
                self.baudrate,
                timeout=self.timeout,
                write_timeout=self.timeout,
                exclusive=True,
            )
        except (serial.SerialException, OSError, ValueError) as error:
            message = _("No printer on {where} ({reason}).")
            raise PrinterOffline(message.format(where=self.port, reason=error)) from None
        return self._serial
