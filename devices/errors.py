"""Errors raised by scanners, printers and templates, each with a message fit for a cashier."""

from __future__ import annotations

from core.domain.errors import TillError
from devices.i18n import _


class DeviceError(TillError):
    """A scanner, printer or print template failed; the sale itself is not affected."""

    exit_code = 3

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Device error")
