"""Errors raised by the domain and services, each with a message fit for a cashier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.i18n import _

if TYPE_CHECKING:
    from core.domain.tracking import Discrepancy


class TillError(Exception):
    """Base of every error the till reports to its user instead of a traceback.

    ``title`` is the heading shown above the message: the one given to the constructor,
    else the class's ``default_title()``, translated each time it is read. A subclass may
    still set a plain ``title = "..."`` class attribute; that text is shown as written."""

    exit_code = 2

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._title: str | None = None
        if title is not None:
            self.title = title

    @property
    def title(self) -> str:
        """The heading above the message, in the chosen language."""
        return self._title if self._title is not None else self.default_title()

    @title.setter
    def title(self, value: str) -> None:
        self._title = value

    @classmethod
    def default_title(cls) -> str:
        """The heading of this kind of error, translated when it is shown."""
        return _("Error")

    def __str__(self) -> str:
        return self.message


class InputError(TillError):
    """The input is malformed: a bad amount, date, code or file. Nothing was written."""

    exit_code = 2

    @classmethod
    def default_title(cls) -> str:
        return _("Invalid input")


class NotFound(InputError):
    """A product, document or serial number the user named does not exist."""

    @classmethod
    def default_title(cls) -> str:
        return _("Not found")


class ConfigError(InputError):
    """The configuration file is unreadable or has a wrong value."""

    @classmethod
    def default_title(cls) -> str:
        return _("Configuration error")


class DomainError(TillError):
    """A business rule refused the operation. Nothing was written."""

    exit_code = 1

    def __init__(self, message: str, *, rule: str = "rule", title: str | None = None) -> None:
        super().__init__(message, title=title)
        self.rule = rule
        """A short stable name of the broken rule, never translated."""

    @classmethod
    def default_title(cls) -> str:
        return _("Refused")


class SerialRuleError(DomainError):
    """Strict tracking refused a document: one serial number, or every broken rule at once."""

    def __init__(
        self,
        message: str,
        *,
        rule: str = "rule",
        title: str | None = None,
        discrepancies: tuple[Discrepancy, ...] = (),
    ) -> None:
        super().__init__(message, rule=rule, title=title)
        self.discrepancies = discrepancies
        """Every refused discrepancy of the document, in document order."""

    @classmethod
    def refusing(cls, discrepancies: tuple[Discrepancy, ...]) -> SerialRuleError:
        """The refusal of a whole list: it names the first and says how many more there are."""
        first = discrepancies[0]
        message = first.message
        if len(discrepancies) > 1:
            message = _("{first} (and {count} more)").format(
                first=first.message, count=len(discrepancies) - 1
            )
        return cls(message, rule=first.rule, discrepancies=discrepancies)

    @classmethod
    def default_title(cls) -> str:
        return _("Serial number refused")


class StockError(DomainError):
    """Not enough quantity in stock for an untracked or softly tracked product."""

    @classmethod
    def default_title(cls) -> str:
        return _("Not enough stock")


class ConflictError(DomainError):
    """Another till changed the same unit or stock first; the operation was rolled back."""

    @classmethod
    def default_title(cls) -> str:
        return _("Changed by another till")
