"""Choose a transport from a printer URL in the config."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from devices.i18n import _
from devices.print.errors import PrinterConfigError
from devices.print.transports.base import Transport
from devices.print.transports.cups import CupsTransport
from devices.print.transports.device_file import DeviceFileTransport
from devices.print.transports.memory import MemoryTransport
from devices.print.transports.network import NetworkTransport
from devices.print.transports.serial_port import SerialTransport
from devices.print.transports.usb import UsbTransport

EXAMPLES = (
    "tcp://192.168.1.50:9100, file:///dev/usb/lp0, usb://0416:5011, "
    "serial:///dev/ttyUSB0?baud=19200, cups://QUEUE or mem://"
)
_VID_PID = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")


def transport_for_url(url: str, timeout: float = 5.0) -> Transport:
    """Build the transport a printer URL names; a bad URL raises PrinterConfigError."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme == "tcp" and parts.hostname:
            return NetworkTransport(parts.hostname, parts.port or 9100, timeout)
        if scheme == "file" and parts.path.startswith("/") and not parts.netloc:
            return DeviceFileTransport(parts.path, timeout)
        if scheme == "usb" and (ids := _VID_PID.match(parts.netloc)):
            return UsbTransport(int(ids[1], 16), int(ids[2], 16), timeout)
        if scheme == "serial" and parts.path.startswith("/") and not parts.netloc:
            return SerialTransport(parts.path, _baud(parts.query), timeout)
        if scheme == "cups" and parts.netloc and not parts.path.strip("/"):
            return CupsTransport(parts.netloc, timeout)
        if scheme == "mem":
            return MemoryTransport()
    except ValueError:  # a port or baud rate that is not a number, a bracket left open
        pass
    message = _("Cannot use the printer address {url!r}. Use {examples}.")
    raise PrinterConfigError(message.format(url=url, examples=EXAMPLES))


def _baud(query: str) -> int:
    """The baud rate from ``?baud=N`` (9600 when absent)."""
    values = parse_qs(query).get("baud", ["9600"])
    baud = int(values[-1])
    if baud <= 0:
        raise ValueError("baud must be positive")
    return baud
