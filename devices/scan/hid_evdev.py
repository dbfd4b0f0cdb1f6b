"""HID (keyboard-emulating) scanner read directly through evdev, grabbed from the console."""

from __future__ import annotations

import errno
import os
import re
import select
import time
from collections.abc import Callable, Iterable
from typing import Protocol

from devices.i18n import _
from devices.scan.base import ScannerError
from devices.scan.dedupe import Clock
from devices.scan.hid_decode import EV_KEY, HidDecoder, InputEventLike
from devices.scan.keymaps import KEY_ENTER
from devices.scan.reader import Backoff, DeviceReader

_VID_PID = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")


class InputDeviceLike(Protocol):
    """What the reader uses of an evdev InputDevice; tests provide a fake."""

    @property
    def fd(self) -> int:
        """File descriptor to select() on."""

    def grab(self) -> None:
        """Take the device exclusively, so keys do not also reach the console."""

    def ungrab(self) -> None:
        """Release the exclusive grab."""

    def close(self) -> None:
        """Close the device node."""

    def read(self) -> Iterable[InputEventLike]:
        """Return the pending events; raises BlockingIOError when there are none."""


DeviceFactory = Callable[[], InputDeviceLike]
"""Opens the scanner's input device, raising ScannerError or OSError when it is absent."""


class EvdevScanner(DeviceReader[InputDeviceLike]):
    """Reads a HID scanner chosen by a /dev/input path or by "vendor:product" (hex).

    The device is grabbed, so its keystrokes never type into the console a second time. When
    it is unplugged (ENODEV) the device is closed and looked for again with backoff, so a
    replugged scanner works again without restarting the app.
    """

    def __init__(
        self,
        device: str,
        *,
        device_factory: DeviceFactory | None = None,
        backoff: Backoff | None = None,
        clock: Clock = time.monotonic,
        grab: bool = True,
    ) -> None:
        super().__init__(f"hid:{device}", backoff or Backoff(), clock)
        self.device = device
        self._factory = device_factory or (lambda: open_input_device(device))
        self._grab = grab
        self._wake_fds: tuple[int, int] | None = None

    def _prepare(self) -> None:
        self._wake_fds = os.pipe()

    def _wake(self) -> None:
        if self._wake_fds is not None:
            os.write(self._wake_fds[1], b"x")

    def _cleanup(self) -> None:
        if self._wake_fds is not None:
            for fd in self._wake_fds:
                os.close(fd)
            self._wake_fds = None

    def _open(self) -> InputDeviceLike:
        try:
            device = self._factory()
        except OSError as error:
            raise _open_error(self.device, error) from error
        if self._grab:
            try:
                device.grab()
            except OSError as error:
                device.close()
                message = _("Another program is using the scanner {device}; close it and retry.")
                raise ScannerError(message.format(device=self.device)) from error
        return device

    def _pump(self, device: InputDeviceLike) -> None:
        assert self._wake_fds is not None
        wake = self._wake_fds[0]
        decoder = HidDecoder()
        while not self._stopping.is_set():
            ready = select.select([device.fd, wake], [], [], 1.0)[0]
            if wake in ready:
                return
            if device.fd in ready:
                for event in self._read(device):
                    code = decoder.feed(event)
                    if code is not None:
                        self._emit(code)

    def _read(self, device: InputDeviceLike) -> list[InputEventLike]:
        """Read pending events, turning a lost device into ScannerError."""
        try:
            return list(device.read())
        except BlockingIOError:
            return []
        except OSError as error:
            if error.errno == errno.ENODEV:
                message = _("The scanner {device} was unplugged; waiting for it to return.")
            else:
                message = _("Reading the scanner {device} failed: {reason}.")
            reason = error.strerror or str(error)
            raise ScannerError(message.format(device=self.device, reason=reason)) from error

    def _close(self, device: InputDeviceLike) -> None:
        for release in (device.ungrab, device.close):
            try:
                release()
            except OSError:
                pass


def _open_error(device: str, error: OSError) -> ScannerError:
    """Explain why the scanner device could not be opened."""
    if isinstance(error, PermissionError):
        message = _(
            "No permission to read the scanner {device}: add a udev rule for it "
            "(see the installation notes)."
        )
    else:
        message = _("The scanner {device} is not connected.")
    return ScannerError(message.format(device=device))


def open_input_device(device: str) -> InputDeviceLike:
    """Open a scanner by /dev/input path or by "vendor:product" in hex, with evdev."""
    try:
        import evdev
    except ImportError as error:
        raise ScannerError(
            _(
                "Reading HID scanners needs the hid extra (evdev), which is not installed: "
                "pip install 'serial-till[hid]'."
            )
        ) from error
    match = _VID_PID.match(device)
    if match is None:
        found: InputDeviceLike = evdev.InputDevice(device)
        return found
    vendor, product = (int(part, 16) for part in match.groups())
    for path in evdev.list_devices():
        candidate = evdev.InputDevice(path)
        keys = candidate.capabilities().get(EV_KEY, [])
        info = candidate.info
        if info.vendor == vendor and info.product == product and KEY_ENTER in keys:
            return candidate
        candidate.close()
    raise FileNotFoundError(errno.ENOENT, "no input device with that vendor:product", device)
