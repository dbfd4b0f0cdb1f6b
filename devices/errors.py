"""Errors raised by scanners, printers and templates, each with a message fit for a cashier."""

from __future__ import annotations

from core.domain.errors import TillError


class DeviceError(TillError):
    """A scanner, printer or print template failed; the sale itself is not affected."""

    title = "Device error"
    exit_code = 3
