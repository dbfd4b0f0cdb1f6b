"""Verifying the projections against the ledger, and rebuilding them from it."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.projections import Projections, derive
from core.i18n import _
from core.persistence.projections_repo import ProjectionRepository
from core.persistence.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ProjectionCheck:
    """What differs between the stored projections and the ledger."""

    units: int
    products: int
    differences: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the projections match the ledger exactly."""
        return not self.differences


def _compare(stored: Projections, derived: Projections) -> tuple[str, ...]:
    stored, derived = stored.normalised(), derived.normalised()
    found: list[str] = []
    for key in sorted(set(stored.units) | set(derived.units)):
        if stored.units.get(key) != derived.units.get(key):
            found.append(
                _("unit {serial} (product {product}) differs from its movements").format(
                    serial=key[1], product=key[0]
                )
            )
    for product in sorted(set(stored.on_hand) | set(derived.on_hand)):
        if stored.on_hand.get(product, 0) != derived.on_hand.get(product, 0):
            found.append(
                _("quantity of product {product} differs from its movements").format(
                    product=product
                )
            )
    for line in sorted(set(stored.layers) | set(derived.layers)):
        if stored.layers.get(line) != derived.layers.get(line):
            found.append(
                _("cost layer of line {line} differs from its movements").format(line=line)
            )
    return tuple(found)


def _differences(uow: UnitOfWork, derived: Projections) -> tuple[str, ...]:
    """What the stored projections get wrong; a row no movement could give (a location that
    does not exist, written by hand) is itself the difference."""
    try:
        stored = ProjectionRepository(uow.sql).read()
    except ValueError as exc:
        return (_("the projections hold a value no movement gives: {problem}").format(problem=exc),)
    return _compare(stored, derived)


def verify(uow: UnitOfWork) -> ProjectionCheck:
    """Compare the stored projections with the ones the ledger gives."""
    with uow:
        derived = derive(uow.movements.all())
        differences = _differences(uow, derived)
    return ProjectionCheck(len(derived.units), len(derived.on_hand), differences)


def rebuild(uow: UnitOfWork) -> ProjectionCheck:
    """Replace the projections with the ones the ledger gives, in one transaction."""
    with uow:
        derived = derive(uow.movements.all())
        differences = _differences(uow, derived)
        ProjectionRepository(uow.sql).replace(derived)
    return ProjectionCheck(len(derived.units), len(derived.on_hand), differences)
