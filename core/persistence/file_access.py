"""Who may read the till's files (the database, its -wal and -shm, backups, the log): the
till's user alone (mode 0600, the default), or also the members of one group named in the
configuration (``[files] group``; mode 0640, the file given to that group)."""

from __future__ import annotations

import os
from pathlib import Path

from peewee import Database

from core.domain.errors import ConfigError
from core.domain.limits import shown_file
from core.i18n import _
from core.persistence.copies import sqlite_file

OWNER_ONLY = 0o600
WITH_GROUP = 0o640
FOLDER_WITH_GROUP = 0o750


def share(path: Path, group: int | None, *, folder: bool = False) -> None:
    """Give ``path`` to ``group``, readable by its members (0640, a folder 0750); nothing
    when no group is set (the file was created owner-only)."""
    if group is None:
        return
    try:
        os.chown(path, -1, group)
        os.chmod(path, FOLDER_WITH_GROUP if folder else WITH_GROUP)
    except OSError as exc:
        raise ConfigError(
            _(
                "{file} cannot be given to the group of [files] group: {problem}. The till's "
                "user must be a member of that group."
            ).format(file=shown_file(path), problem=exc.strerror or exc)
        ) from None


def share_database(db: Database, group: int | None) -> None:
    """Give a SQLite database and its -wal and -shm files to ``group`` (PostgreSQL keeps
    its own files)."""
    live = sqlite_file(db)
    if live is None or group is None:
        return
    for suffix in ("", "-wal", "-shm"):
        path = live.with_name(live.name + suffix)
        if path.exists():
            share(path, group)
