"""The lock files agree with pyproject.toml: run `make lock` after changing a dependency."""

from __future__ import annotations

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.locks import (
    REQUIREMENTS,
    Pin,
    needed,
    project_requirements,
    pyproject,
    read_lock,
)

ALL_EXTRAS = tuple(pyproject()["project"]["optional-dependencies"])
TILL_EXTRAS = ("hid", "postgres")
LOCKS = {
    "dev.lock": project_requirements(*ALL_EXTRAS, build=True),
    "till.lock": project_requirements(*TILL_EXTRAS),
    "build.lock": [Requirement(text) for text in pyproject()["build-system"]["requires"]],
}


def _unmet(requirements: list[Requirement], pins: dict[str, Pin]) -> list[str]:
    """Requirements the lock does not pin at a version their specifier admits."""
    problems = []
    for requirement in requirements:
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None:
            problems.append(f"{requirement} is not locked")
        elif not requirement.specifier.contains(pin.version, prereleases=True):
            problems.append(f"{requirement} is locked at {pin.version}")
    return problems


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_requirement_of_pyproject_is_locked_at_a_version_it_admits(lock: str) -> None:
    """Each requirement (extras and build backend included) is pinned inside its specifier."""
    assert _unmet(LOCKS[lock], read_lock(REQUIREMENTS / lock)) == []


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_a_lock_names_only_what_pyproject_needs(lock: str) -> None:
    """Nothing is locked that no requirement of pyproject needs, directly or through another."""
    extra = set(read_lock(REQUIREMENTS / lock)) - needed(LOCKS[lock])
    assert extra == set()


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_locked_package_has_hashes(lock: str) -> None:
    """pip installs the locks with --require-hashes, so every entry carries its hashes."""
    unhashed = [pin.name for pin in read_lock(REQUIREMENTS / lock).values() if not pin.hashes]
    assert unhashed == []


@pytest.mark.parametrize("lock", ["till.lock", "build.lock"])
def test_the_till_and_build_locks_pin_the_versions_of_the_dev_lock(lock: str) -> None:
    """A till runs the very versions the tests ran against."""
    dev = read_lock(REQUIREMENTS / "dev.lock")
    differing = {
        pin.name: str(pin.version)
        for pin in read_lock(REQUIREMENTS / lock).values()
        if dev[pin.name].version != pin.version
    }
    assert differing == {}
