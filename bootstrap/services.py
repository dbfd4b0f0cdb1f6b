"""Composition root: configuration, database and context for the CLI, the app and tests."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from core.config import Config, default_database_path, load_config
from core.ports import Clock, Context, SystemClock

if TYPE_CHECKING:
    from peewee import Database

    from bootstrap.back_office import BackOffice
    from bootstrap.open_sale import OpenSaleFile
    from bootstrap.service_desk import ServiceDesk
    from core.persistence.unit_of_work import UnitOfWork
    from core.views import ShopSettings


@dataclass
class Services:
    """What every front end needs: the database, the configuration and who is working."""

    db: Database
    config: Config
    ctx: Context

    def uow(self) -> UnitOfWork:
        """A new unit of work on the till's database."""
        from core.persistence.unit_of_work import UnitOfWork

        return UnitOfWork(self.db)

    def settings(self) -> ShopSettings:
        """The shop settings in force (saved in the database, else from the config)."""
        from core.services import shop_settings

        return shop_settings.load(self.uow(), self.config.sale)

    def rehearsal(self) -> UnitOfWork:
        """A unit of work that checks a document without writing or locking anything.

        Services post into it unchanged and return the document as it would be posted, with
        its warnings, or refuse it; it reads one snapshot and never waits for another till's
        write, so a scan is checked at once however busy the shared database is."""
        from core.persistence.unit_of_work import UnitOfWork

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

    @cached_property
    def open_sale(self) -> OpenSaleFile:
        """Where this till's open sale is kept between scans, to survive a crash."""
        from bootstrap.open_sale import OpenSaleFile, open_sale_path

        return OpenSaleFile(open_sale_path(self.database_name, self.ctx.till))

    @cached_property
    def desk(self) -> ServiceDesk:
        """The service desk for the app's screens (loaded on first use)."""
        from bootstrap.service_desk import ServiceDesk

        return ServiceDesk(self)

    @property
    def database_name(self) -> str:
        """The database as the status bar shows it."""
        from core.persistence.db import describe

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
    database = _opened(
        database_url(db, config), check_schema=check_schema, group=config.files.group_id()
    )
    ctx = Context(
        clock or SystemClock(), config.till.id, config.till.operator, config.sale.hold_minutes
    )
    return Services(database, config, ctx)


def build_later(db: str | None, config: Config, clock: Clock | None = None) -> Services:
    """Services whose database opens on first use: the app paints its first screen, then
    opens the database (and imports peewee and the persistence layer) in a worker."""
    from core.persistence.location import POSTGRES_SCHEMES, sqlite_path

    url = database_url(db, config)
    if not url.startswith(POSTGRES_SCHEMES):
        sqlite_path(url)  # a folder that does not exist is said before the app opens
    ctx = Context(
        clock or SystemClock(), config.till.id, config.till.operator, config.sale.hold_minutes
    )
    return OpeningServices(url, config, ctx)


def _opened(url: str, *, check_schema: bool = True, group: int | None = None) -> Database:
    """The database at ``url``, its schema created or checked, its files shared with the
    configured group (owner-only when there is none)."""
    from peewee import DatabaseError

    from core.persistence.db import open_database
    from core.persistence.file_access import share_database
    from core.persistence.schema import ensure_schema
    from core.persistence.unit_of_work import DatabaseUnavailable, unreachable

    database = open_database(url)
    try:
        if check_schema:
            ensure_schema(database)
    except DatabaseError as exc:  # also a file that is no database, or a damaged one
        raise DatabaseUnavailable(unreachable(database, exc)) from exc
    share_database(database, group)
    return database


class OpeningServices(Services):
    """Services that open their database the first time something needs it (thread-safe).

    The status bar's database name comes from the URL, so nothing is opened to draw it."""

    def __init__(self, url: str, config: Config, ctx: Context) -> None:
        self.url = url
        self.config = config
        self.ctx = ctx
        self._database: Database | None = None
        self._opening = threading.Lock()

    @property
    def db(self) -> Database:
        """The database, opened (and its schema checked) on first use."""
        if self._database is None:
            with self._opening:
                if self._database is None:
                    self._database = _opened(self.url, group=self.config.files.group_id())
        return self._database

    @db.setter
    def db(self, database: Database) -> None:
        self._database = database

    @property
    def database_name(self) -> str:
        """The database as the status bar shows it, without opening it."""
        from core.persistence.location import POSTGRES_SCHEMES, sqlite_path

        if self.url.startswith(POSTGRES_SCHEMES):
            from urllib.parse import urlsplit

            parts = urlsplit(self.url)
            return f"postgresql://{parts.hostname}:{parts.port or 5432}{parts.path}"
        return sqlite_path(self.url)
