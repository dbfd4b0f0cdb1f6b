"""Printer and template errors, worded for the cashier at the till."""

from __future__ import annotations

from core.domain.errors import ConfigError
from devices.errors import DeviceError


class PrinterError(DeviceError):
    """The printer could not print; the sale is kept and the receipt can be printed again."""

    title = "Printer"


class PrinterOffline(PrinterError):
    """The printer is unreachable, switched off, unplugged or reports itself offline."""

    title = "Printer offline"


class PrinterTimeout(PrinterError):
    """The printer stopped accepting data or did not confirm the job in time."""

    title = "Printer not responding"


class PaperOut(PrinterError):
    """The printer has no paper."""

    title = "Printer out of paper"


class RenderError(PrinterError):
    """A document holds something the printer cannot print, e.g. letters in an EAN-13."""

    title = "Cannot print"


class PrinterConfigError(PrinterError, ConfigError):
    """The printer settings or address are wrong; nothing was sent."""

    title = "Printer settings"
    exit_code = 2


class TemplateError(DeviceError):
    """A receipt, warranty card or label template is missing or broken."""

    title = "Print template"
