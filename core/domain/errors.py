"""Errors raised by the domain and services, each with a message fit for a cashier."""

from __future__ import annotations


class TillError(Exception):
    """Base of every error the till reports to its user instead of a traceback."""

    title = "Error"
    exit_code = 2

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class InputError(TillError):
    """The input is malformed: a bad amount, date, code or file. Nothing was written."""

    title = "Invalid input"
    exit_code = 2


class NotFound(InputError):
    """A product, document or serial number the user named does not exist."""

    title = "Not found"


class ConfigError(InputError):
    """The configuration file is unreadable or has a wrong value."""

    title = "Configuration error"


class DomainError(TillError):
    """A business rule refused the operation. Nothing was written."""

    title = "Refused"
    exit_code = 1

    def __init__(self, message: str, *, rule: str = "rule", title: str | None = None) -> None:
        super().__init__(message, title=title)
        self.rule = rule


class SerialRuleError(DomainError):
    """A strict tracking rule refused a serial number."""

    title = "Serial number refused"


class StockError(DomainError):
    """Not enough quantity in stock for an untracked or softly tracked product."""

    title = "Not enough stock"


class ConflictError(DomainError):
    """Another till changed the same unit or stock first; the operation was rolled back."""

    title = "Changed by another till"
