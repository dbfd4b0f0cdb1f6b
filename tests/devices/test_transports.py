"""Printer transports chosen by URL: device files, CUPS, serial, USB and memory."""

from __future__ import annotations

import os
import select
import threading
from pathlib import Path

import pytest

from devices.print.errors import PrinterConfigError, PrinterError, PrinterOffline
from devices.print.transports import (
    CupsTransport,
    DeviceFileTransport,
    MemoryTransport,
    NetworkTransport,
    SerialTransport,
    UsbTransport,
    transport_for_url,
)


def test_urls_choose_the_matching_transport_with_their_parameters() -> None:
    """Every documented scheme parses, with defaults where a part is left out."""
    tcp = transport_for_url("tcp://192.168.1.50", timeout=3.0)
    assert isinstance(tcp, NetworkTransport)
    assert (tcp.host, tcp.port, tcp.timeout) == ("192.168.1.50", 9100, 3.0)
    assert isinstance(lp := transport_for_url("file:///dev/usb/lp0"), DeviceFileTransport)
    assert lp.path == "/dev/usb/lp0"
    assert isinstance(usb := transport_for_url("usb://0416:5011"), UsbTransport)
    assert (usb.vendor, usb.product) == (0x0416, 0x5011)
    assert isinstance(ser := transport_for_url("serial:///dev/ttyUSB0?baud=19200"), SerialTransport)
    assert (ser.port, ser.baudrate) == ("/dev/ttyUSB0", 19200)
    assert transport_for_url("serial:///dev/ttyS0").name == "/dev/ttyS0"
    assert isinstance(cups := transport_for_url("cups://Receipt_58"), CupsTransport)
    assert cups.queue == "Receipt_58"
    assert isinstance(transport_for_url("mem://"), MemoryTransport)
    assert transport_for_url("tcp://printer.local:9101").name == "printer.local:9101"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "192.168.1.50",
        "http://printer",
        "tcp://",
        "tcp://host:port",
        "file://relative/path",
        "usb://0416",
        "usb://zzzz:5011",
        "serial:///dev/ttyUSB0?baud=fast",
        "cups://",
        "tcp://[::1",
        "tcp://127.0.0.1:99999",
    ],
)
def test_bad_url_is_one_settings_error_listing_the_valid_forms(url: str) -> None:
    """No traceback: the message says what is wrong and what would work."""
    with pytest.raises(PrinterConfigError) as caught:
        transport_for_url(url)
    assert str(caught.value) == (
        f"Cannot use the printer address {url!r}. Use tcp://192.168.1.50:9100, "
        "file:///dev/usb/lp0, usb://0416:5011, serial:///dev/ttyUSB0?baud=19200, "
        "cups://QUEUE or mem://."
    )


def test_printer_config_error_is_both_a_printer_and_a_config_error() -> None:
    """Callers may catch it either way."""
    from core.domain.errors import ConfigError

    assert issubclass(PrinterConfigError, ConfigError)
    assert issubclass(PrinterConfigError, PrinterError)


def test_file_url_appends_raw_bytes_to_a_plain_file(tmp_path: Path) -> None:
    """file:///tmp/x.bin collects jobs for debugging; status cannot be read from it."""
    target = tmp_path / "x.bin"
    transport = transport_for_url(f"file://{target}")
    transport.send(b"\x1b@one")
    transport.send(b"two")
    assert target.read_bytes() == b"\x1b@onetwo"
    assert transport.query(b"\x10\x04\x01") is None


def test_missing_device_node_is_offline_and_never_created() -> None:
    """An unplugged USB printer: a plain message, and no file appears under /dev."""
    path = "/dev/usb/lp9-serial-till-test"
    with pytest.raises(PrinterOffline) as caught:
        DeviceFileTransport(path).send(b"x")
    assert str(caught.value) == (
        f"No printer at {path}. Check that it is plugged in and switched on."
    )
    assert not os.path.exists(path)


def test_device_file_that_is_a_directory_is_not_ready(tmp_path: Path) -> None:
    """Any other open error is still one sentence."""
    with pytest.raises(PrinterOffline, match="is not ready"):
        DeviceFileTransport(str(tmp_path)).send(b"x")


def fake_lp(folder: Path, exit_code: int = 0) -> None:
    """Put an ``lp`` on PATH that saves its arguments and stdin, then exits."""
    script = folder / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{folder}/args"\n'
        f'/bin/cat > "{folder}/job"\n'
        f'[ {exit_code} -eq 0 ] || echo "lp: The printer or class does not exist." >&2\n'
        f"exit {exit_code}\n"
    )
    script.chmod(0o755)


def test_cups_sends_a_raw_job_with_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cups://QUEUE runs lp -d QUEUE -o raw with the job on stdin."""
    fake_lp(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    transport = transport_for_url("cups://Receipt")
    transport.send(b"\x1b@job")
    assert (tmp_path / "args").read_text() == "-d Receipt -o raw\n"
    assert (tmp_path / "job").read_bytes() == b"\x1b@job"
    assert transport.query(b"\x10\x04\x01") is None


def test_cups_refusal_carries_lps_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing lp is PrinterOffline with what lp said."""
    fake_lp(tmp_path, exit_code=1)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrinterOffline, match="CUPS refused the job for Nope: lp: The printer"):
        CupsTransport("Nope").send(b"x")


def test_cups_without_lp_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No lp on the machine: a clear PrinterError."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrinterError, match=r"needs the lp command \(apt install cups-client\)"):
        CupsTransport("Receipt").send(b"x")


def test_usb_without_pyusb_explains_the_alternatives() -> None:
    """pyusb is not installed here: the message names the extra and the usblp path."""
    pytest.importorskip("escpos")
    try:
        import usb  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyusb is installed")
    with pytest.raises(PrinterError, match=r"python-escpos\[usb\].*file:///dev/usb/lp0"):
        UsbTransport(0x0416, 0x5011).send(b"x")


class PtyPrinter:
    """A serial printer on the master side of a pty: records bytes, answers DLE EOT."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        self.port = os.ttyname(slave)
        os.close(slave)
        self.received = bytearray()
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            ready, _, _ = select.select([self.master, self._stop_r], [], [])
            if self._stop_r in ready:
                return
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the port is not open on the other side yet
                continue
            self.received += chunk
            if b"\x10\x04" in chunk:
                os.write(self.master, b"\x12")

    def close(self) -> None:
        os.write(self._stop_w, b"x")
        self._thread.join(timeout=5)
        os.close(self.master)


def test_serial_transport_sends_and_reads_status_over_a_pty() -> None:
    """pyserial on a pty: the job arrives and DLE EOT is answered."""
    printer = PtyPrinter()
    transport = SerialTransport(printer.port, 19200, timeout=2.0)
    try:
        transport.send(b"\x1b@hello\n")
        reply = transport.query(b"\x10\x04\x01", 1, timeout=2.0)
    finally:
        transport.close()
        printer.close()
    assert reply == b"\x12"
    assert bytes(printer.received).startswith(b"\x1b@hello\n")


def test_serial_port_that_does_not_exist_is_offline(tmp_path: Path) -> None:
    """A missing port names itself."""
    with pytest.raises(PrinterOffline, match=f"No printer on {tmp_path}/ttyNONE"):
        SerialTransport(str(tmp_path / "ttyNONE")).send(b"x")


def test_memory_transport_keeps_jobs_and_can_fail_or_go_quiet() -> None:
    """The test double used by the app's tests."""
    memory = MemoryTransport()
    memory.send(b"a")
    memory.send(b"b")
    assert memory.jobs == [b"a", b"b"] and memory.data == b"ab"
    assert memory.query(b"\x10\x04\x04") == b"\x12"
    memory.fail_with = PrinterOffline("off")
    with pytest.raises(PrinterOffline):
        memory.send(b"c")
    assert MemoryTransport(readable=False).query(b"\x10\x04\x01") is None
