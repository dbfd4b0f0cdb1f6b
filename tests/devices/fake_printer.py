"""A network ESC/POS printer on 127.0.0.1 in a thread: records jobs, answers DLE EOT."""

from __future__ import annotations

import socket
import threading
from types import TracebackType

HEALTHY = 0x12


class FakeNetworkPrinter:
    """Accepts connections on a free port (or ``port``, e.g. one that refused before, to play
    a printer switched back on); ``stall`` makes it accept but never read or answer."""

    def __init__(
        self, *, stall: bool = False, online: int = HEALTHY, paper: int = HEALTHY, port: int = 0
    ) -> None:
        self.stall = stall
        self.replies = {1: online, 4: paper}
        self.received = bytearray()
        self.status_requests: list[int] = []
        self.connections = 0
        self._server = socket.create_server(("127.0.0.1", port))
        self._server.settimeout(0.05)
        self.port: int = self._server.getsockname()[1]
        self._stopping = threading.Event()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="fake printer", daemon=True)

    @property
    def url(self) -> str:
        """tcp://127.0.0.1:PORT."""
        return f"tcp://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeNetworkPrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        for conn in self._open:
            conn.close()
        self._server.close()

    def _serve(self) -> None:
        """Accept connections until stopped; serve each in turn."""
        while not self._stopping.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._open.append(conn)
            if not self.stall:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        """Record bytes and answer DLE EOT n until the client closes."""
        conn.settimeout(0.05)
        pending = b""
        while not self._stopping.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.received += chunk
            pending = self._answer(conn, pending + chunk)

    def _answer(self, conn: socket.socket, data: bytes) -> bytes:
        """Reply to each complete DLE EOT n; return an incomplete tail to keep."""
        start = 0
        while (found := data.find(b"\x10\x04", start)) != -1:
            if found + 2 >= len(data):
                return data[found:]
            n = data[found + 2]
            self.status_requests.append(n)
            conn.sendall(bytes([self.replies.get(n, HEALTHY)]))
            start = found + 3
        return data[-1:] if data.endswith(b"\x10") else b""


def refused_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
