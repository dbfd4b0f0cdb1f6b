"""The answers every draft may give to a scan: refused, choose a unit, serial entry ended."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from core.domain.errors import DomainError, NotFound, TillError
from core.views import UnitSummary


@dataclass(frozen=True)
class Refused:
    """The core refused the scan or the edit; the draft is unchanged."""

    error: TillError
    about: str = ""
    """What was being done (``code``, ``serial``, ``edit``…), so a front end can hint."""

    @property
    def rule(self) -> str:
        """The broken rule's stable name (``not_in_stock``); ``not_found`` or ``input`` else."""
        if isinstance(self.error, DomainError):
            return self.error.rule
        return "not_found" if isinstance(self.error, NotFound) else "input"

    @property
    def message(self) -> str:
        """What the cashier reads, in the chosen language."""
        return self.error.message


@dataclass(frozen=True)
class Choose:
    """Several products have this serial number: the cashier picks one unit."""

    units: tuple[UnitSummary, ...]


@dataclass(frozen=True)
class EndedSerials:
    """No more serial numbers of the product being asked for."""


S = TypeVar("S")


def refusing(decide: Callable[[], S], about: str = "") -> S | Refused:
    """The step ``decide`` answers, or the refusal it raised as a value."""
    try:
        return decide()
    except TillError as error:
        return Refused(error, about)


class HasState(Protocol):
    """Anything that names the state of a serial unit, such as a unit summary."""

    @property
    def state(self) -> str:
        """The unit's state, as ``core.domain.movements.UnitState`` values."""
        ...


U = TypeVar("U", bound=HasState)


def in_stock(units: Iterable[U]) -> list[U]:
    """The units that are on the shelf, the only ones a scanned serial number may sell."""
    return [unit for unit in units if unit.state == "in_stock"]
