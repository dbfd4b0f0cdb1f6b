"""Printer connections: network, device file, USB, serial, CUPS and memory, chosen by URL."""

from __future__ import annotations

from devices.print.transports.base import Transport
from devices.print.transports.cups import CupsTransport
from devices.print.transports.device_file import DeviceFileTransport
from devices.print.transports.memory import MemoryTransport, status_reply
from devices.print.transports.network import NetworkTransport
from devices.print.transports.serial_port import SerialTransport
from devices.print.transports.url import transport_for_url
from devices.print.transports.usb import UsbTransport

__all__ = [
    "CupsTransport",
    "DeviceFileTransport",
    "MemoryTransport",
    "NetworkTransport",
    "SerialTransport",
    "Transport",
    "UsbTransport",
    "status_reply",
    "transport_for_url",
]
