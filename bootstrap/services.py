"""Composition root: configuration, database and context for the CLI, the app and tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import Database, DatabaseError

from core.config import Config, default_database_path, load_config
from core.persistence.db import describe, open_database
from core.persistence.schema import ensure_schema
from core.persistence.unit_of_work import DatabaseUnavailable, UnitOfWork, unreachable
from core.ports import Clock, Context, SystemClock
from core.services import shop_settings
from core.views import ShopSettings

if TYPE_CHECKING:
    from bootstrap.back_office import BackOffice


@dataclass
class Services:
    """What every front end needs: the database, the configuration and who is working."""

    db: Database
    config: Config
    ctx: Context

    def uow(self) -> UnitOfWork:
        """A new unit of work on the till's database."""
        return UnitOfWork(self.db)

    def settings(self) -> ShopSettings:
        """The shop settings in force (saved in the database, else from the config)."""
        return shop_settings.load(self.uow(), self.config.sale)

    def rehearsal(self) -> UnitOfWork:
        """A unit of work that checks a document without writing or locking anything.

        Services post into it unchanged and return the document as it would be posted, with
        its warnings, or refuse it; it reads one snapshot and never waits for another till's
        write, so a scan is checked at once however busy the shared database is."""
        return UnitOfWork(self.db, checking=True)

    def checkpoint(self) -> None:
        """Copy SQLite's write-ahead log back now, between customers (nothing on PostgreSQL)."""
        from core.services.upkeep import between_customers

        between_customers(self.uow())

    @cached_property
    def office(self) -> BackOffice:
        """The back office for the app's screens (loaded on first use)."""
        from bootstrap.back_office import BackOffice

        return BackOffice(self)

    def card_key_path(self) -> Path:
        """The file of the shop's warranty-card key (``[security] card_key``, else the default)."""
        from core.persistence.card_key import default_path

        named = self.config.security.card_key
        return Path(named).expanduser() if named else default_path(self.db)

    def card_key(self) -> bytes:
        """The shop's warranty-card key, created on first need."""
        from core.persistence.card_key import ensure_key

        return ensure_key(self.card_key_path())

    @property
    def database_name(self) -> str:
        """The database as the status bar shows it."""
        return describe(self.db)


def database_url(cli_value: str | None, config: Config) -> str:
    """``--db``, else ``$TILL_DB``, else the config file, else the embedded default."""
    if cli_value is not None:
        return cli_value
    return os.environ.get("TILL_DB") or config.database.url or str(default_database_path())


def build(
    db: str | None = None,
    config_path: str | None = None,
    clock: Clock | None = None,
    *,
    config: Config | None = None,
    check_schema: bool = True,
) -> Services:
    """Open the configured database (creating a SQLite schema on first use)."""
    config = config or load_config(config_path)
    database = open_database(database_url(db, config))
    try:
        if check_schema:
            ensure_schema(database)
    except DatabaseError as exc:  # also a file that is no database, or a damaged one
        raise DatabaseUnavailable(unreachable(database, exc)) from exc
    ctx = Context(clock or SystemClock(), config.till.id, config.till.operator)
    return Services(database, config, ctx)
