"""Copies of a SQLite database: an online backup, the checks of a copy, copying one back.

Every copy goes through SQLite's backup API, which reads the source as of one moment (other
connections may go on writing meanwhile) and writes the destination under SQLite's own locks,
so a running till never sees a half-copied file."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from peewee import Database, SqliteDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


def sqlite_file(db: Database) -> Path | None:
    """The file of a SQLite database; None for PostgreSQL or an in-memory database."""
    if not isinstance(db, SqliteDatabase) or db.database in ("", ":memory:"):
        return None
    return Path(db.database)


def looks_like_sqlite(path: Path) -> bool:
    """True when the file can be read and starts with SQLite's header."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def owner_only_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (replacing nothing: it must not exist)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def backup_to(db: Database, target: Path) -> int:
    """Copy the live database into ``target`` (mode 0600), consistent as of one moment.

    The copy is written next to the target and renamed over it only when complete.
    Returns the size of the copy in bytes."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    remove_database_files(partial)
    owner_only_file(partial)
    try:
        with closing(sqlite3.connect(partial)) as copy:
            db.connection().backup(copy)
        os.replace(partial, target)
    finally:
        remove_database_files(partial)
    return target.stat().st_size


def copy_file_into(source: Path, work: Path) -> None:
    """Copy a database file byte for byte into a new owner-only ``work`` file."""
    remove_database_files(work)
    owner_only_file(work)
    with source.open("rb") as src, work.open("wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)


def integrity_problems(path: Path, limit: int = 10) -> list[str]:
    """What SQLite's integrity check finds wrong in a database file (empty when sound)."""
    try:
        with closing(sqlite3.connect(path)) as conn:
            rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def quick_check(db: Database) -> list[str]:
    """SQLite's quick check of the live database (empty when sound)."""
    rows = db.execute_sql("PRAGMA quick_check(10)").fetchall()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def copy_back(work: Path, db: Database) -> None:
    """Replace the live database's content with the checked ``work`` copy, under its locks."""
    with closing(sqlite3.connect(work)) as source:
        source.backup(db.connection())


def remove_database_files(path: Path) -> None:
    """Delete a database file and its WAL, shared-memory and writers' lock files, where they
    exist."""
    for suffix in ("", "-wal", "-shm", "-journal", "-writer"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def beside(live: Path, label: str) -> Path:
    """A new file name next to the live database: ``till.sqlite3.LABEL-20261202T0344Z``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = live.with_name(f"{live.name}.{label}-{stamp}")
    serial = 1
    while candidate.exists():
        serial += 1
        candidate = live.with_name(f"{live.name}.{label}-{stamp}-{serial}")
    return candidate


def backup_before_migration(db: Database, version: int) -> Path | None:
    """Back a SQLite file up before its schema is upgraded from ``version``; the copy's path."""
    live = sqlite_file(db)
    if live is None:
        return None
    target = beside(live, f"schema-{version}.backup")
    backup_to(db, target)
    return target
