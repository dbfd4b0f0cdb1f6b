"""Composition root: configuration, database and context for the CLI, the app and tests."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from core.config import Config, default_database_path, load_config
from core.domain.sites import MAIN_SITE
from core.ports import Clock, Context, SystemClock

if TYPE_CHECKING:
    from peewee import Database

    from bootstrap.back_office import BackOffice
    from bootstrap.open_sale import OpenSaleFile
    from bootstrap.service_desk import ServiceDesk
    from bootstrap.transfers import TransferDesk
    from core.domain.permissions import Approval, Right
    from core.persistence.unit_of_work import UnitOfWork
    from core.services.users import Lockout
    from core.views import ShopSettings, UserRow


@dataclass
class Services:
    """What every front end needs: the database, the configuration and who is working."""

    db: Database
    config: Config
    ctx: Context
    signed_in: bool = True
    """False while the shop has till users and nobody is signed in at this till."""
    identified: bool = False
    """True once ``identify`` has worked out who is working (the app does it after it
    opens the database; the command line when it builds the services)."""

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

    @cached_property
    def transfers(self) -> TransferDesk:
        """Transfers between the shop's locations for the app's screens (loaded on first use)."""
        from bootstrap.transfers import TransferDesk

        return TransferDesk(self)

    @property
    def lockout(self) -> Lockout:
        """How many wrong PINs lock a user, and for how long."""
        from core.services.users import Lockout

        return Lockout(self.config.security.pin_tries, self.config.security.lock_minutes)

    def users_in_use(self) -> bool:
        """True once the shop has till users: sign-in and roles apply."""
        with self.rehearsal() as uow:
            return uow.users.any()

    def sign_in(self, name: str, pin: str) -> UserRow:
        """Sign a user in at this till (a wrong PIN counts towards a lockout)."""
        from core.services.users import sign_in

        user = sign_in(self.uow(), self.ctx, name, pin, self.lockout)
        self.act_as(user)
        return user

    def act_as(self, user: UserRow) -> None:
        """Work as this user from now on: their name on documents, their role's rights."""
        self.ctx = replace(self.ctx, operator=user.name, role=user.role, approval=None)
        self.signed_in = True

    def sign_out(self) -> None:
        """Sign the user out (by hand or after idle time); the till waits for a sign-in."""
        from core.services.journal import record

        if self.signed_in and self.ctx.role is not None:
            record(self.uow(), self.ctx, "sign_out")
            self.signed_in = False

    def approve(self, name: str, pin: str, right: Right | None = None) -> Approval:
        """A manager's PIN on the spot: the next managed action is allowed, recorded with
        both names."""
        from core.services.users import approve

        approval = approve(self.uow(), self.ctx, name, pin, self.lockout, right)
        self.ctx = replace(self.ctx, approval=approval)
        return approval

    def card_key_path(self) -> Path:
        """The file of the shop's warranty-card key (``[security] card_key``, else the default)."""
        from core.persistence.card_key import default_path

        named = self.config.security.card_key
        return Path(named).expanduser() if named else default_path(self.db)

    def card_key(self, *, create: bool = True) -> bytes:
        """The shop's warranty-card key, created on first need (to sign a card); to check a
        card, a till without the key says so rather than make a key of its own."""
        from core.persistence.card_key import ensure_key, existing_key

        path = self.card_key_path()
        return ensure_key(path) if create else existing_key(path)

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
    services = Services(database, config, _context(config, clock))
    if check_schema:
        identify(services)
    return services


def build_later(db: str | None, config: Config, clock: Clock | None = None) -> Services:
    """Services whose database opens on first use: the app paints its first screen, then
    opens the database (and imports peewee and the persistence layer) in a worker."""
    from core.persistence.location import POSTGRES_SCHEMES, sqlite_path

    url = database_url(db, config)
    if not url.startswith(POSTGRES_SCHEMES):
        sqlite_path(url)  # a folder that does not exist is said before the app opens
    return OpeningServices(url, config, _context(config, clock))


def _context(config: Config, clock: Clock | None) -> Context:
    """Who works at this till, as the configuration says (sign-in may change it)."""
    return Context(
        clock or SystemClock(),
        config.till.id,
        config.till.operator,
        config.sale.hold_minutes,
        price_limit=config.security.price_limit,
        site=config.till.location.strip().lower(),
    )


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


def identify(services: Services, login: str | None = None) -> None:
    """Who is working: nobody in particular while the shop has no till users (everything
    allowed, as before); else the till user the system user maps to (``[security.users]``),
    or, unmapped, a cashier under the system user's name who must sign in at the app."""
    services.identified = True
    if services.ctx.site != MAIN_SITE:
        from core.services.sites import check_till_site

        check_till_site(services.uow(), services.ctx.site)
    if not services.users_in_use():
        return
    from core.services.users import find_user

    login = login or system_login()
    mapped = services.config.security.users.get(login)
    user = find_user(services.rehearsal(), mapped) if mapped else None
    if user is not None and user.active:
        services.act_as(user)
        return
    from core.domain.permissions import Role

    services.ctx = replace(services.ctx, operator=login[:80], role=Role.CASHIER.value)
    services.signed_in = False


def system_login() -> str:
    """The system user running the till (over SSH, the one who logged in)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
