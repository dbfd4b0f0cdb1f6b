"""EvdevScanner reads, grabs and re-discovers a scanner through the device_factory seam."""

from __future__ import annotations

import errno
import queue
import threading

import pytest

from devices.scan.base import ScanEvent, ScannerError
from devices.scan.hid_evdev import EvdevScanner, InputDeviceLike, open_input_device
from devices.scan.reader import Backoff
from tests.devices.fake_input import FakeInputDevice
from tests.devices.keystrokes import keystrokes

FAST = Backoff(initial=0.01, maximum=0.05)
WAIT = 5.0


class Plugs:
    """A device factory: hands out queued devices, or fails as if nothing is plugged in."""

    def __init__(self, *devices: FakeInputDevice) -> None:
        self.devices: queue.SimpleQueue[FakeInputDevice] = queue.SimpleQueue()
        for device in devices:
            self.devices.put(device)
        self.attempts = 0
        self.attempted = threading.Event()

    def __call__(self) -> InputDeviceLike:
        self.attempts += 1
        self.attempted.set()
        try:
            return self.devices.get_nowait()
        except queue.Empty:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory") from None


def test_scanner_grabs_the_device_and_delivers_codes() -> None:
    """Codes arrive as ScanEvents tagged with the device; the device is grabbed while read."""
    device = FakeInputDevice()
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    scanner = EvdevScanner("/dev/input/by-id/usb-scanner", device_factory=Plugs(device))
    scanner.start(scans.put, lambda error: None)
    try:
        assert device.grabbed.wait(WAIT)
        device.push(keystrokes("SN-0001") + keystrokes("SN-0002"))
        first, second = scans.get(timeout=WAIT), scans.get(timeout=WAIT)
    finally:
        scanner.stop()
    assert (first.code, second.code) == ("SN-0001", "SN-0002")
    assert first.source == "hid:/dev/input/by-id/usb-scanner"
    assert device.ungrab_calls == 1 and device.closed.is_set()


def test_unplugged_scanner_is_reported_once_and_found_again_after_replug() -> None:
    """ENODEV closes the device, reports one error, and the reader retries until it is back."""
    first, second = FakeInputDevice(), FakeInputDevice()
    plugs = Plugs(first)
    scans: queue.SimpleQueue[ScanEvent] = queue.SimpleQueue()
    errors: queue.SimpleQueue[Exception] = queue.SimpleQueue()
    scanner = EvdevScanner("05e0:1200", device_factory=plugs, backoff=FAST)
    scanner.start(scans.put, errors.put)
    try:
        first.push(keystrokes("BEFORE"))
        assert scans.get(timeout=WAIT).code == "BEFORE"
        first.unplug()
        error = errors.get(timeout=WAIT)
        assert first.closed.wait(WAIT)
        plugs.attempted.clear()
        assert plugs.attempted.wait(WAIT)  # it keeps looking while unplugged
        plugs.devices.put(second)
        assert second.grabbed.wait(WAIT)
        second.push(keystrokes("AFTER"))
        assert scans.get(timeout=WAIT).code == "AFTER"
    finally:
        scanner.stop()
    assert isinstance(error, ScannerError) and "unplugged" in str(error)
    assert errors.empty()  # failed re-open attempts are not reported again
    assert second.closed.is_set()


def test_missing_scanner_reports_a_plain_message_and_keeps_trying() -> None:
    """A scanner absent at start-up is one clear error, not a traceback."""
    plugs = Plugs()
    errors: queue.SimpleQueue[Exception] = queue.SimpleQueue()
    scanner = EvdevScanner("/dev/input/by-id/nope", device_factory=plugs, backoff=FAST)
    scanner.start(lambda event: None, errors.put)
    try:
        error = errors.get(timeout=WAIT)
        while plugs.attempts < 3:
            plugs.attempted.clear()
            assert plugs.attempted.wait(WAIT)
    finally:
        scanner.stop()
    assert str(error) == "The scanner /dev/input/by-id/nope is not connected."


def test_device_grabbed_by_another_program_is_closed_and_reported() -> None:
    """A failing grab (EBUSY) releases the device and explains why."""

    class Busy(FakeInputDevice):
        def grab(self) -> None:
            raise OSError(errno.EBUSY, "Device or resource busy")

    busy = Busy()
    errors: queue.SimpleQueue[Exception] = queue.SimpleQueue()
    scanner = EvdevScanner("05e0:1200", device_factory=Plugs(busy), backoff=FAST)
    scanner.start(lambda event: None, errors.put)
    try:
        error = errors.get(timeout=WAIT)
    finally:
        scanner.stop()
    assert "Another program" in str(error) and busy.closed.is_set()


def test_stop_is_idempotent_and_wakes_a_blocked_reader() -> None:
    """stop() returns promptly while the reader waits in select(), and may be repeated."""
    device = FakeInputDevice()
    scanner = EvdevScanner("/dev/input/event7", device_factory=Plugs(device))
    scanner.start(lambda event: None, lambda error: None)
    assert scanner.wait_connected(WAIT)
    scanner.stop()
    scanner.stop()
    assert not scanner.connected and device.closed.is_set()


def test_opening_a_missing_path_with_evdev_raises_os_error() -> None:
    """The default factory uses evdev and fails plainly for a missing node."""
    with pytest.raises(OSError):
        open_input_device("/dev/input/by-id/definitely-not-here")


def test_opening_by_vendor_and_product_finds_nothing_without_input_devices() -> None:
    """VID:PID discovery searches evdev.list_devices(); none exist on a build machine."""
    with pytest.raises(FileNotFoundError):
        open_input_device("ffff:fffe")
