"""Printer and template errors, worded for the cashier at the till."""

from __future__ import annotations

from core.domain.errors import ConfigError
from devices.errors import DeviceError
from devices.i18n import _


class PrinterError(DeviceError):
    """The printer could not print; the sale is kept and the receipt can be printed again."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Printer")


class PrinterOffline(PrinterError):
    """The printer is unreachable, switched off, unplugged or reports itself offline."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Printer offline")


class PrinterTimeout(PrinterError):
    """The printer stopped accepting data or did not confirm the job in time."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Printer not responding")


class PaperOut(PrinterError):
    """The printer has no paper."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Printer out of paper")


class RenderError(PrinterError):
    """A document holds something the printer cannot print, e.g. letters in an EAN-13."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Cannot print")


class PrinterConfigError(PrinterError, ConfigError):
    """The printer settings or address are wrong; nothing was sent."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Printer settings")

    exit_code = 2


class TemplateError(DeviceError):
    """A receipt, warranty card or label template is missing or broken."""

    @classmethod
    def default_title(cls) -> str:
        """The heading shown above the message."""
        return _("Print template")


def stalled(where: str) -> PrinterTimeout:
    """The printer stopped taking data in the middle of a job."""
    message = _(
        "The printer at {where} stopped accepting data. Check paper and cover, then print again."
    )
    return PrinterTimeout(message.format(where=where))


def disconnected(where: str, reason: object) -> PrinterOffline:
    """The link to the printer broke during a job."""
    message = _(
        "The connection to the printer at {where} was lost ({reason}). "
        "Check the printer, then print again."
    )
    return PrinterOffline(message.format(where=where, reason=reason))
