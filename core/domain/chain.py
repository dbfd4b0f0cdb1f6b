"""The tamper-evident chain: a canonical encoding of a stored row and the hash linking it.

Each link's hash is SHA-256 over the previous link's hash and the canonical encoding of one
row (its table, then every non-NULL column by name, each value typed and length-prefixed),
so a row edited, removed or slipped in behind the app's back breaks the chain at that row.
NULL columns are left out of the encoding: a nullable column added by a later schema
leaves older rows' hashes as they were.
Pure: rows come in as names and values, hashes go out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

GENESIS = "0" * 64
"""The hash before the first link."""


def _text(value: Any) -> str:
    """A column value as either engine gives it, as one typed text: ``i5``, ``s…``."""
    kind = type(value)
    if kind is str:
        return "s" + str(value)
    if kind is int:
        return "i" + str(value)
    if isinstance(value, datetime | date):
        return "s" + value.isoformat()
    if isinstance(value, bool | int):
        return "i" + str(int(value))
    if isinstance(value, bytes | memoryview):
        return "b" + bytes(value).hex()
    return "s" + str(value)


def canonical(table: str, names: Sequence[str], values: Sequence[Any]) -> bytes:
    """The bytes a row is hashed as: the table, then ``column=LENGTH:VALUE`` for every
    non-NULL column in name order, one a line (the length makes any value unambiguous)."""
    return encoder(table, names)(values)


def encoder(table: str, names: Sequence[str]) -> Callable[[Sequence[Any]], bytes]:
    """``canonical`` for many rows of one query: the column order is worked out once."""
    columns = [(i, f"\n{names[i]}=") for i in sorted(range(len(names)), key=names.__getitem__)]

    def encode(values: Sequence[Any]) -> bytes:
        parts = [table]
        for i, key in columns:
            value = values[i]
            if value is None:
                continue
            kind = type(value)  # text and whole numbers inline: most columns of a row
            if kind is str:
                text = "s" + value
            elif kind is int:
                text = "i" + str(value)
            else:
                text = _text(value)
            parts.append(f"{key}{len(text)}:{text}")
        return "".join(parts).encode("utf-8")

    return encode


def link_hash(previous: str, body: bytes) -> str:
    """The hash of a link: the previous link's hash and the row's canonical bytes."""
    return hashlib.sha256(previous.encode("ascii") + b"\n" + body).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """One place where the stored rows and the chain disagree."""

    table: str
    row_id: int
    what: str
    """``edited`` (the row or its link changed), ``removed`` (the row is gone),
    ``inserted`` (a row the chain never saw), ``unlinked`` (links before it are gone)."""
    seq: int | None = None
    """The link's position in the chain (None for an inserted row, which has none)."""
