"""`till doctor`: one finding per check of the configuration, the database and its files."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlparse

from peewee import Database, DatabaseError

from bootstrap.services import database_url
from cli.i18n import N_, _
from core.config import Config
from core.domain.errors import TillError
from core.domain.limits import shown
from core.operator_files import is_file
from core.persistence.copies import quick_check, sqlite_file
from core.persistence.db import describe, open_database
from core.persistence.schema import SCHEMA_VERSION, schema_version
from core.persistence.unit_of_work import UnitOfWork, unreachable
from core.services import rebuild


class Status(StrEnum):
    """How a check came out."""

    OK = N_("ok")
    WARN = N_("warn")
    """Works, but something should be fixed (or set up) on a till."""
    FAIL = N_("fail")
    """The till cannot work as configured until this is fixed."""
    SKIP = N_("skip")
    """Does not apply here (a console font over SSH, file modes of PostgreSQL)."""


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report: what was checked, how it came out, what to do."""

    check: str
    status: Status
    message: str
    fix: str = ""


def config_findings(config: Config) -> list[Finding]:
    """Which configuration file is used, and whether others can change (or read) it."""
    if config.source is None:
        return [Finding(N_("config"), Status.OK, _("no file: the built-in defaults"))]
    path = Path(config.source)
    mode = stat.S_IMODE(path.stat().st_mode)
    secret = bool(urlparse(config.database.url).password)
    if mode & 0o022 or (secret and mode & 0o044):
        return [
            Finding(
                N_("config"),
                Status.WARN,
                _("{file} can be changed or read by others (mode {mode:o})").format(
                    file=path, mode=mode
                ),
                f"chmod 600 {path}" if secret else f"chmod 644 {path}",
            )
        ]
    return [Finding(N_("config"), Status.OK, str(path))]


def database_findings(config: Config, cli_db: str | None, *, quick: bool) -> list[Finding]:
    """The database: there, reachable, at this schema, sound, its ledger verified, its files."""
    url = database_url(cli_db, config)
    if not url.startswith(("postgresql://", "postgres://")) and not is_file(Path(url).expanduser()):
        return [
            Finding(
                N_("database"),
                Status.FAIL,
                _("no database at {path}").format(path=shown(url)),
                _("run `till init` (or `till demo` to try the till)"),
            )
        ]
    try:
        db = open_database(url)
        db.connect(reuse_if_open=True)
    except (TillError, DatabaseError) as exc:  # also a file that is no database
        message = exc.message if isinstance(exc, TillError) else unreachable(db, exc)
        return [
            Finding(N_("database"), Status.FAIL, message, _("check [database] url and the server"))
        ]
    try:
        return _open_database_findings(db, quick=quick)
    finally:
        db.close()


def _open_database_findings(db: Database, *, quick: bool) -> list[Finding]:
    found = [Finding(N_("database"), Status.OK, _("{db}: reachable").format(db=describe(db)))]
    schema = _schema_finding(db)
    found.append(schema)
    if schema.status is Status.FAIL:
        return found
    found.append(_integrity_finding(db, quick=quick))
    found.extend(file_findings(db))
    return found


def _schema_finding(db: Database) -> Finding:
    try:
        version = schema_version(db)
    except DatabaseError as exc:  # a file that is no database, or a damaged one
        fix = _("check the path, or restore the database from a backup")
        return Finding(N_("schema"), Status.FAIL, unreachable(db, exc), fix)
    if version == SCHEMA_VERSION:
        return Finding(N_("schema"), Status.OK, _("version {version}").format(version=version))
    if version is None:
        return Finding(N_("schema"), Status.FAIL, _("no till tables"), _("run `till init`"))
    if version > SCHEMA_VERSION:
        message = _("version {version} is newer than this till ({needed})")
        fix = _("update serial-till")
        return Finding(
            N_("schema"),
            Status.FAIL,
            message.format(version=version, needed=SCHEMA_VERSION),
            fix,
        )
    message = _("version {version}, this till needs {needed}")
    return Finding(
        N_("schema"),
        Status.WARN,
        message.format(version=version, needed=SCHEMA_VERSION),
        _("run `till migrate` (a SQLite file is backed up first)"),
    )


def _integrity_finding(db: Database, *, quick: bool) -> Finding:
    problems = quick_check(db) if sqlite_file(db) is not None else []
    if problems:
        message = _("SQLite finds damage: {problems}").format(problems="; ".join(problems[:3]))
        return Finding(N_("integrity"), Status.FAIL, message, _("`till restore` a recent backup"))
    if quick:
        return Finding(N_("integrity"), Status.OK, _("quick check passed; ledger not verified"))
    result = rebuild.verify(UnitOfWork(db))
    if not result.ok:
        message = _("{count} projections differ from the ledger, first: {first}")
        return Finding(
            N_("integrity"),
            Status.FAIL,
            message.format(count=len(result.differences), first=result.differences[0]),
            _("run `till rebuild`"),
        )
    message = _("sound; the ledger verifies ({units} units, {products} products)")
    return Finding(
        N_("integrity"),
        Status.OK,
        message.format(units=result.units, products=result.products),
    )


def file_findings(db: Database) -> list[Finding]:
    """Whether the database file is the till user's alone, and writable by it."""
    live = sqlite_file(db)
    if live is None:
        return []
    files = [p for p in (live, Path(f"{live}-wal"), Path(f"{live}-shm")) if p.exists()]
    locked = [p for p in files if not os.access(p, os.R_OK | os.W_OK)]
    if locked:
        message = _("{file} cannot be written by this user").format(file=locked[0])
        return [
            Finding(N_("permissions"), Status.FAIL, message, f"chown {os.getuid()} {locked[0]}")
        ]
    folder_open = stat.S_IMODE(live.parent.stat().st_mode) & 0o077
    readable = [p for p in files if stat.S_IMODE(p.stat().st_mode) & 0o077]
    if folder_open and readable:
        message = _("{file} can be read by other users").format(file=readable[0])
        return [Finding(N_("permissions"), Status.WARN, message, f"chmod 700 {live.parent}")]
    message = _("{folder}: the database is the till user's alone").format(folder=live.parent)
    return [Finding(N_("permissions"), Status.OK, message)]
