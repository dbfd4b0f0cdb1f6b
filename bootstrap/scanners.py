"""Scanner sources from the configuration: evdev and serial threads merged into one stream."""

from __future__ import annotations

from core.config import Config
from devices.scan.base import ScannerSource
from devices.scan.stream import ScanStream


def scanner_stream(config: Config) -> ScanStream:
    """The device scanners the config enables (the terminal wedge is handled by the app)."""
    scanner = config.scanner
    sources: list[ScannerSource] = []
    if scanner.hid.enabled and scanner.hid.device:
        from devices.scan.hid_evdev import EvdevScanner

        sources.append(EvdevScanner(scanner.hid.device))
    if scanner.serial.enabled and scanner.serial.port:
        from devices.scan.serial_line import SerialScanner

        sources.append(SerialScanner(scanner.serial.port, scanner.serial.baud))
    return ScanStream(sources, dedupe_interval=scanner.double_read_ms / 1000)


def describe_sources(config: Config) -> list[str]:
    """The enabled scanner sources, as a status line names them."""
    scanner = config.scanner
    sources = ["wedge"] if scanner.wedge.enabled else []
    if scanner.hid.enabled:
        sources.append(f"hid:{scanner.hid.device}")
    if scanner.serial.enabled:
        sources.append(f"serial:{scanner.serial.port}")
    return sources
