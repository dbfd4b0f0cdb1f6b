"""The shop's warranty-card key: a file outside the database, readable by the till user alone.

Kept out of the database so that a copy of the database (or someone who can edit it) cannot
sign cards; every till of a shop that verifies cards holds the same file. ``till backup``
copies it beside the backup (``FILE.card-key``) and ``till restore`` puts it back."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from peewee import Database

from core.domain.cards import KEY_BYTES
from core.domain.errors import ConfigError
from core.i18n import _
from core.persistence.copies import sqlite_file

SUFFIX = ".card-key"
"""Added to the database file's name (and a backup's) to name its key file."""


def default_path(db: Database) -> Path:
    """The key beside a SQLite database (``till.sqlite3.card-key``), else in the data folder."""
    live = sqlite_file(db)
    if live is not None:
        return live.with_name(live.name + SUFFIX)
    from platformdirs import user_data_dir

    return Path(user_data_dir("serial-till", ensure_exists=True)) / ("shop" + SUFFIX)


def beside(copy: Path) -> Path:
    """The key file that goes with a copy of the database."""
    return copy.with_name(copy.name + SUFFIX)


def read_key(path: Path) -> bytes | None:
    """The key in the file, or None when there is none yet."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("The card key {file} cannot be read: {error}.").format(file=path, error=exc)
        ) from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ConfigError(
            _("The card key {file} is damaged: restore it from a backup.").format(file=path)
        )
    return key


def write_new(path: Path, key: bytes) -> bool:
    """Write ``key`` into ``path`` (mode 0600) unless a key is there; False when one was."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(key.hex() + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(partial, path)
    except FileExistsError:
        return False
    finally:
        partial.unlink(missing_ok=True)
    return True


def ensure_key(path: Path) -> bytes:
    """The shop's key, created on first need (two tills racing end with the same key)."""
    key = read_key(path)
    if key is not None:
        return key
    if not path.parent.is_dir():
        raise ConfigError(
            _("The folder {folder} of the card key does not exist.").format(folder=path.parent)
        )
    try:
        write_new(path, secrets.token_bytes(KEY_BYTES))
    except OSError as exc:
        raise ConfigError(
            _("The card key {file} cannot be created: {error}.").format(file=path, error=exc)
        ) from exc
    found = read_key(path)
    assert found is not None
    return found


def existing_key(path: Path) -> bytes:
    """The shop's key, which must be there (checking a card never makes a key of its own)."""
    key = read_key(path)
    if key is None:
        raise ConfigError(
            _(
                "This till has no warranty-card key ({file}): copy the shop's key file here "
                "(see [security] card_key) to check cards."
            ).format(file=path)
        )
    return key


def copy_key(source: Path, target: Path) -> bool:
    """Copy a key file to ``target`` (mode 0600, replacing it); False when there is none."""
    key = read_key(source)
    if key is None:
        return False
    target.unlink(missing_ok=True)
    write_new(target, key)
    return True
