"""Raw TCP printing (port 9100) with timeouts on connect, send and status reads."""

from __future__ import annotations

import socket
import time

from devices.i18n import _
from devices.print.errors import PrinterOffline, disconnected, stalled


class NetworkTransport:
    """A network printer at ``host:port``; the connection opens on first use."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._socket: socket.socket | None = None

    @property
    def name(self) -> str:
        """host:port."""
        return f"{self.host}:{self.port}"

    def send(self, data: bytes) -> None:
        """Send a whole job; a printer that stops reading raises PrinterTimeout."""
        sock = self._connected()
        try:
            sock.sendall(data)
        except TimeoutError:
            self.close()
            raise stalled(self.name) from None
        except OSError as error:
            self.close()
            raise self._lost(error) from None

    def query(self, request: bytes, n: int = 1, timeout: float = 2.0) -> bytes | None:
        """Send a status request and collect up to ``n`` bytes until ``timeout``."""
        sock = self._connected()
        self._drain(sock)
        try:
            sock.sendall(request)
            return self._receive(sock, n, timeout)
        except TimeoutError:
            return b""
        except OSError as error:
            self.close()
            raise self._lost(error) from None
        finally:
            if self._socket is not None:
                self._socket.settimeout(self.timeout)

    def close(self) -> None:
        """Close the connection."""
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()

    def _connected(self) -> socket.socket:
        """The open socket, connecting first if needed."""
        if self._socket is None:
            try:
                self._socket = socket.create_connection((self.host, self.port), self.timeout)
            except OSError as error:
                raise self._unreachable(error) from None
        return self._socket

    def _receive(self, sock: socket.socket, n: int, timeout: float) -> bytes:
        """Read until ``n`` bytes arrived or the deadline passed."""
        deadline = time.monotonic() + timeout
        reply = b""
        while len(reply) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            chunk = sock.recv(n - len(reply))
            if not chunk:
                raise ConnectionResetError("closed by the printer")
            reply += chunk
        return reply

    def _drain(self, sock: socket.socket) -> None:
        """Discard stale bytes (late or unsolicited status) before a new request."""
        sock.setblocking(False)
        try:
            while sock.recv(256):
                pass
        except OSError:
            pass
        finally:
            sock.settimeout(self.timeout)

    def _unreachable(self, error: OSError) -> PrinterOffline:
        """Explain a failed connection."""
        if isinstance(error, socket.gaierror):
            message = _("The printer address {host!r} is unknown.")
        elif isinstance(error, ConnectionRefusedError):
            message = _(
                "The printer at {where} refused the connection. "
                "Check that it is switched on and connected."
            )
        elif isinstance(error, TimeoutError):
            message = _(
                "The printer at {where} did not answer within {seconds} s. "
                "Check that it is switched on and connected."
            )
        else:
            message = _(
                "The printer at {where} cannot be reached ({reason}). "
                "Check that it is switched on and connected."
            )
        return PrinterOffline(
            message.format(
                host=self.host,
                where=self.name,
                seconds=f"{self.timeout:g}",
                reason=error.strerror or error,
            )
        )

    def _lost(self, error: OSError) -> PrinterOffline:
        """Explain a connection that broke during a job."""
        return disconnected(self.name, error.strerror or error)
