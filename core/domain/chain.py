"""The tamper-evident chain: a canonical encoding of a stored row and the hash linking it.

Each link's hash is SHA-256 over the previous link's hash and the canonical encoding of one
row (its table, then every non-NULL column by name), so a row edited, removed or slipped in
behind the app's back breaks the chain at that row. NULL columns are left out of the
encoding: a nullable column added by a later schema leaves older rows' hashes as they were.
Pure: rows come in as names and values, hashes go out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
"""The hash before the first link."""


def _plain(value: Any) -> Any:
    """A column value as either engine gives it, in one text or number form."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def canonical(table: str, names: Sequence[str], values: Sequence[Any]) -> bytes:
    """The bytes a row is hashed as: ``["table", [["column", value], ...]]``, sorted, compact."""
    fields = sorted(
        (name, _plain(value))
        for name, value in zip(names, values, strict=True)
        if value is not None
    )
    return json.dumps([table, fields], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
