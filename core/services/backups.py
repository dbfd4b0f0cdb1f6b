"""Backing a SQLite till up while it runs, and restoring a copy only after checking it."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from core import operator_files
from core.domain.errors import InputError
from core.domain.limits import shown_file
from core.i18n import _
from core.persistence import card_key as key_files
from core.persistence import copies, file_access
from core.persistence.db import Sql, describe, open_database
from core.persistence.schema import SCHEMA_VERSION, migrate, schema_version
from core.persistence.unit_of_work import UnitOfWork
from core.services import rebuild


@dataclass(frozen=True)
class BackupMade:
    """A consistent copy of the live database."""

    path: Path
    size: int
    """Bytes written."""
    card_key: Path | None = None
    """The copy of the shop's warranty-card key beside the backup, if the shop has one."""


@dataclass(frozen=True)
class CopyChecked:
    """A copy that passed every check: SQLite's integrity check and the ledger's verify."""

    schema: int
    """The schema version the copy was written with."""
    units: int
    products: int


@dataclass(frozen=True)
class Restored:
    """The live database now holds the restored copy; the previous content is kept."""

    checked: CopyChecked
    previous: Path
    """A backup of what the database held before the restore."""
    card_key: Path | None = None
    """The warranty-card key put back from beside the copy, if it had one."""


def _live_file(db: Database) -> Path:
    live = copies.sqlite_file(db)
    if live is None:
        raise InputError(
            _(
                "{db} is not a SQLite file: back PostgreSQL up with pg_dump and restore it "
                "with pg_restore."
            ).format(db=describe(db))
        )
    return live


def backup(
    db: Database,
    target: Path,
    *,
    overwrite: bool = False,
    group: int | None = None,
    card_key: Path | None = None,
) -> BackupMade:
    """Copy the live SQLite database into ``target`` (mode 0600, or 0640 given to ``group``)
    while tills go on working.

    The shop's warranty-card key file ``card_key``, where there is one, is copied beside it
    (``FILE.card-key``, mode 0600): a restored shop still verifies the cards it printed."""
    live = _live_file(db)
    target = target.expanduser()
    try:
        exists, folder = target.exists(), target.parent.is_dir()
        itself = exists and target.resolve() == live.resolve()
        a_folder = target.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a loop of links
        raise InputError(
            _("The backup to {file} failed: {error}.").format(
                file=shown_file(target), error=getattr(exc, "strerror", None) or exc
            )
        ) from None
    if itself:
        raise InputError(_("The backup cannot be the database itself: name another file."))
    if a_folder:
        raise InputError(
            _("{file} is a folder: name a file in it.").format(file=shown_file(target))
        )
    if exists and not overwrite:
        raise InputError(
            _("{file} already exists: name a new file, or pass --force to replace it.").format(
                file=shown_file(target)
            )
        )
    if not folder:
        raise InputError(
            _("The folder {folder} does not exist.").format(folder=shown_file(target.parent))
        )
    try:
        size = copies.backup_to(db, target)
        key_copy = key_files.beside(target)
        saved = card_key is not None and key_files.copy_key(card_key, key_copy)
    except (OSError, sqlite3.Error) as exc:
        raise InputError(
            _("The backup to {file} failed: {error}.").format(file=shown_file(target), error=exc)
        ) from exc
    file_access.share(target, group)
    return BackupMade(target, size, key_copy if saved else None)


def check_copy(source: Path, work: Path) -> CopyChecked:
    """Copy ``source`` to the scratch file ``work`` and check it there; refuse what fails.

    The scratch copy is brought to the current schema, so it can replace the live one."""
    if not operator_files.is_file(source):
        raise InputError(
            _("{file} does not exist or is not a file.").format(file=shown_file(source))
        )
    if not copies.looks_like_sqlite(source):
        raise InputError(_("{file} is not a SQLite database.").format(file=shown_file(source)))
    copies.copy_file_into(source, work)
    problems = copies.integrity_problems(work)
    if problems:
        raise InputError(
            _(
                "{file} is damaged (SQLite's integrity check: {problems}); nothing was changed."
            ).format(file=shown_file(source), problems="; ".join(problems[:3]))
        )
    scratch = open_database(str(work))
    try:
        return _check_ledger(source, scratch)
    finally:
        scratch.close()


def _check_ledger(source: Path, scratch: Database) -> CopyChecked:
    version = schema_version(scratch)
    if version is None or version > SCHEMA_VERSION:
        raise InputError(
            _("{file} is not a till database this version can use (schema {version}).").format(
                file=shown_file(source), version=version
            )
        )
    migrate(scratch, backup=False)
    result = rebuild.verify(UnitOfWork(scratch))
    if not result.ok:
        raise InputError(
            _("{file} fails the ledger check ({count} differences, first: {first}).").format(
                file=shown_file(source), count=len(result.differences), first=result.differences[0]
            )
        )
    return CopyChecked(version, result.units, result.products)


def restore(
    db: Database, source: Path, *, group: int | None = None, card_key: Path | None = None
) -> Restored:
    """Replace the live SQLite database with a checked copy of ``source``.

    Nothing is replaced unless the copy passes SQLite's integrity check and the ledger's
    verify; the database's previous content is first backed up beside it. A key file beside
    the copy (``FILE.card-key``) replaces the shop's ``card_key``, whose old content is kept
    beside it too."""
    live = _live_file(db)
    source = source.expanduser()
    if operator_files.is_file(source) and source.resolve() == live.resolve():
        raise InputError(_("That file is the database itself: name a backup to restore."))
    work = live.with_name(f".{live.name}.restore-{os.getpid()}")
    try:
        checked = check_copy(source, work)
        _past_live_catalogue(db, work)
        previous = copies.beside(live, "before-restore")
        copies.backup_to(db, previous)
        file_access.share(previous, group)
        copies.copy_back(work, db)
        restored_key = _restore_key(source, card_key, previous)
    except (OSError, sqlite3.Error) as exc:
        raise InputError(
            _("The restore from {file} failed: {error}.").format(file=shown_file(source), error=exc)
        ) from exc
    finally:
        copies.remove_database_files(work)
    return Restored(checked, previous, restored_key)


def _past_live_catalogue(db: Database, work: Path) -> None:
    """Number the restored copy's catalogue version past the live one, so no till keeps the
    products it read before the restore (``catalogue_repo.SharedCatalogue``)."""
    scratch = open_database(str(work))
    try:
        versions = [
            int(Sql(each).scalar("SELECT COALESCE(MAX(version), 0) FROM catalogue_version"))
            for each in (db, scratch)
        ]
        Sql(scratch).run("UPDATE catalogue_version SET version = ?", (max(versions) + 1,))
    finally:
        scratch.close()


def _restore_key(source: Path, card_key: Path | None, previous: Path) -> Path | None:
    """Put the key saved with a backup in place, keeping the one it replaces."""
    saved = key_files.beside(source)
    if card_key is None or key_files.read_key(saved) is None:
        return None
    if key_files.read_key(card_key) is not None:
        key_files.copy_key(card_key, key_files.beside(previous))
    key_files.copy_key(saved, card_key)
    return card_key
