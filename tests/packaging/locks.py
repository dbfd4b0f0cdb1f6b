"""The lock files under requirements/ and what pyproject.toml asks for, read for the tests."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements"


@dataclass(frozen=True)
class Pin:
    """One locked package: an exact version, its platform marker and its hashes."""

    name: str
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]
    text: str
    """The entry as written in the lock, continuation lines included."""


def read_lock(path: Path) -> dict[str, Pin]:
    """Every entry of a requirements lock, by canonical name."""
    pins: dict[str, Pin] = {}
    for entry in _entries(path.read_text(encoding="utf-8")):
        head, *rest = entry.replace("\\\n", " ").split(" --hash=")
        requirement = Requirement(head.strip())
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{path.name}: {head} is not pinned exactly"
        hashes = tuple(part.split()[0] for part in rest)
        name = canonicalize_name(requirement.name)
        pins[name] = Pin(name, Version(spec.version), requirement.marker, hashes, entry)
    return pins


def _entries(text: str) -> list[str]:
    """The requirement entries of a lock: a first line and its indented continuation lines."""
    entries: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and entries:
            entries[-1] += "\n" + line
        else:
            entries.append(line)
    return entries


def pyproject() -> dict[str, Any]:
    """pyproject.toml, parsed."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def project_requirements(*extras: str, build: bool = False) -> list[Requirement]:
    """The project's requirements with the given extras (and its build requirements)."""
    data = pyproject()
    texts = list(data["project"]["dependencies"])
    for extra in extras:
        texts += data["project"]["optional-dependencies"][extra]
    if build:
        texts += data["build-system"]["requires"]
    return [Requirement(text) for text in texts]


def needed(roots: list[Requirement]) -> set[str]:
    """Every package the roots need on some platform, walking installed packages' metadata.

    Platform markers count as met (a lock is for every platform); extras are followed only
    when asked for. A package not installed here (another platform's) ends its branch.
    """
    seen: set[str] = set()
    todo = [(root, frozenset(root.extras)) for root in roots]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        key = f"{name}[{','.join(sorted(extras))}]"
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            child = Requirement(text)
            if _applies(child.marker, extras):
                todo.append((child, frozenset(child.extras)))
    return {key.partition("[")[0] for key in seen}


def _applies(marker: Marker | None, extras: frozenset[str]) -> bool:
    """A dependency applies unless it belongs to an extra that was not asked for."""
    if marker is None or "extra" not in str(marker):
        return True
    return any(marker.evaluate({"extra": extra}) for extra in extras)
