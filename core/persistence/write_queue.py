"""The queue of SQLite writers: one lock file beside the database, taken before BEGIN IMMEDIATE.

SQLite lets one writer in at a time; the others poll, sleeping longer each time they find the
database busy (up to 100 ms a sleep), so under several tills' writes one of them can miss
free moments again and again: `make bench` measured a p99 of over a second with eight till
processes. Waiting on an ``flock`` of a lock file instead sleeps in the kernel and wakes the
moment the writer before finishes, so writes queue and the tail stays short. Readers and
checks never take it. Every till process on the machine (the app, commands, SSH logins)
shares the queue; BEGIN IMMEDIATE still guards the data against any other writer."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from peewee import Database

from core.persistence.copies import sqlite_file


def lock_path(database: Path) -> Path:
    """The lock file of a database file: ``till.sqlite3-writer``."""
    return database.with_name(f"{database.name}-writer")


class WriteQueue:
    """A place in the queue of writers to one SQLite file; ``leave`` gives it up."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd

    @classmethod
    def join(cls, db: Database) -> WriteQueue:
        """Wait for this process's turn to write (no queue for PostgreSQL or memory)."""
        path = sqlite_file(db)
        if path is None:
            return cls(None)
        try:
            fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            return cls(None)  # a read-only folder: SQLite's own busy wait still works
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        return cls(fd)

    def leave(self) -> None:
        """Let the next writer in."""
        if self.fd is not None:
            os.close(self.fd)  # closing the file releases the flock
            self.fd = None
