"""One database transaction with the repositories that work inside it."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

from peewee import Database, DatabaseError, OperationalError

from core.domain.errors import ConflictError, TillError
from core.i18n import _
from core.persistence.catalogue_repo import CatalogueRepository
from core.persistence.chain_repo import Chain
from core.persistence.db import Sql, describe
from core.persistence.documents_repo import DocumentRepository
from core.persistence.movements_repo import MovementRepository
from core.persistence.settings_repo import SettingRepository
from core.persistence.stock_repo import StockRepository
from core.persistence.units_repo import UnitRepository
from core.persistence.write_queue import WriteQueue

if TYPE_CHECKING:
    from core.persistence.counts_repo import CountRepository
    from core.persistence.day_repo import DayRepository
    from core.persistence.document_search_repo import DocumentSearchRepository
    from core.persistence.holds_repo import HoldRepository
    from core.persistence.identifiers_repo import IdentifierRepository
    from core.persistence.journal_repo import JournalRepository
    from core.persistence.kits_repo import KitRepository
    from core.persistence.print_jobs_repo import PrintJobRepository
    from core.persistence.repairs_repo import RepairRepository
    from core.persistence.reports_repo import ReportRepository
    from core.persistence.sites_repo import SiteRepository
    from core.persistence.users_repo import UserRepository


class DatabaseUnavailable(TillError):
    """The database cannot be reached or is locked for too long."""

    @classmethod
    def default_title(cls) -> str:
        """The dialog heading."""
        return _("Database unavailable")


WRITE_LOCK = 7_303_011
"""The PostgreSQL advisory lock every write transaction takes first, keyed by this class and
the shop's schema (``write_lock``), so shops kept in separate schemas of one database never
wait for one another. Most writes take it
exclusively: they queue one behind another, as BEGIN IMMEDIATE makes them on SQLite, so their
row locks can never be taken in opposite orders (no deadlocks). Documents that lock the goods
they take in one fixed order first (sales, write-offs, supplier returns: see ``alongside``)
take it shared, so tills selling at once do not queue behind one another; a migration, or any
exclusive write, still waits for them and holds them off."""


def write_lock(function: str = "pg_advisory_xact_lock") -> str:
    """The query taking the write lock with one of PostgreSQL's advisory lock ``function``s
    (exclusive, ``_shared``, ``pg_try_``...): the lock of the schema the connection uses."""
    return f"SELECT {function}({WRITE_LOCK}, hashtext(current_schema()))"


SNAPSHOT = "REPEATABLE READ, READ ONLY"
"""How a check's PostgreSQL transaction begins: one snapshot for every read, no writes."""


class CheckOver(Exception):
    """Handed to the transaction at the end of a check so it rolls back; never raised."""


class UnitOfWork:
    """``with uow:`` opens a write transaction that commits whole or rolls back whole.

    On SQLite the transaction starts with ``BEGIN IMMEDIATE``, so the checks made inside it
    see the state no other till can change before the commit; on PostgreSQL the rows read
    for a check are locked (``FOR UPDATE``) and every write is conditional.

    A checking unit of work only reads, in one snapshot, and never waits for a writer:
    SQLite's deferred ``BEGIN`` with ``query_only`` on (in WAL mode readers never wait for
    writers), PostgreSQL's ``REPEATABLE READ READ ONLY`` without the write lock or row
    locks. Services run in it unchanged; ``Posting`` then builds the document in memory."""

    def __init__(self, db: Database, *, checking: bool = False) -> None:
        self.db = db
        self.checking = checking
        """Check a document without writing it: how screens test each scan early."""
        self.sql = Sql(db, read_only=checking)
        self.chain = Chain(self.sql)
        """The rows this transaction adds to chained tables, linked when it commits."""
        self.catalogue = CatalogueRepository(self.sql)
        self.documents = DocumentRepository(self.sql, self.chain)
        self.movements = MovementRepository(self.sql, self.chain)
        self.units = UnitRepository(self.sql)
        self.stock = StockRepository(self.sql)
        self.settings = SettingRepository(self.sql)
        self._transaction: Any = None
        self._open: Any = None
        self._depth = 0
        self._queue: WriteQueue | None = None
        self._alongside = False
        self.holds_absent = False
        """True when the write lock's round trip found no cart hold at all (PostgreSQL): a
        document need not look for holds on the units it names."""

    def alongside(self) -> UnitOfWork:
        """This unit of work, to be entered by a document that may post while other such
        documents post: on PostgreSQL it takes the write lock shared instead of exclusive.

        Only for a document whose contended rows are locked in one fixed order before it
        reads them (``outgoing.group_items``), whose number comes from a sequence, and whose
        every write is conditional or guarded by a unique constraint. SQLite is unchanged:
        its writers queue whatever the document."""
        if not self._depth:
            self._alongside = True
        return self

    @cached_property
    def sites(self) -> SiteRepository:
        """The shop's locations (loaded on first use)."""
        from core.persistence.sites_repo import SiteRepository

        return SiteRepository(self.sql)

    @cached_property
    def journal(self) -> JournalRepository:
        """The action journal (loaded on first use)."""
        from core.persistence.journal_repo import JournalRepository

        return JournalRepository(self.sql, self.chain)

    @cached_property
    def users(self) -> UserRepository:
        """Till users (loaded on first use)."""
        from core.persistence.users_repo import UserRepository

        return UserRepository(self.sql)

    @cached_property
    def reports(self) -> ReportRepository:
        """Report pages (loaded on first use: the sale screen never needs it)."""
        from core.persistence.reports_repo import ReportRepository

        return ReportRepository(self.sql)

    @cached_property
    def counts(self) -> CountRepository:
        """Count sheets (loaded on first use)."""
        from core.persistence.counts_repo import CountRepository

        return CountRepository(self.sql)

    @cached_property
    def day(self) -> DayRepository:
        """A till's day: its totals, cash paid in and out, its close (loaded on first use)."""
        from core.persistence.day_repo import DayRepository

        return DayRepository(self.sql)

    @cached_property
    def document_search(self) -> DocumentSearchRepository:
        """The document journal (loaded on first use)."""
        from core.persistence.document_search_repo import DocumentSearchRepository

        return DocumentSearchRepository(self.sql)

    @cached_property
    def holds(self) -> HoldRepository:
        """Cart holds: units in tills' open sales (loaded on first use)."""
        from core.persistence.holds_repo import HoldRepository

        return HoldRepository(self.sql)

    @cached_property
    def identifiers(self) -> IdentifierRepository:
        """The identifiers of units (loaded on first use)."""
        from core.persistence.identifiers_repo import IdentifierRepository

        return IdentifierRepository(self.sql)

    @cached_property
    def kits(self) -> KitRepository:
        """Kit products' component lists (loaded on first use)."""
        from core.persistence.kits_repo import KitRepository

        return KitRepository(self.sql, self.catalogue)

    @cached_property
    def print_jobs(self) -> PrintJobRepository:
        """The print queue (loaded on first use)."""
        from core.persistence.print_jobs_repo import PrintJobRepository

        return PrintJobRepository(self.sql)

    @cached_property
    def repairs(self) -> RepairRepository:
        """Repair orders and RMAs (loaded on first use)."""
        from core.persistence.repairs_repo import RepairRepository

        return RepairRepository(self.sql)

    def __enter__(self) -> UnitOfWork:
        self._depth += 1
        if self._depth > 1:
            return self
        self.catalogue.forget()
        if self.sql.postgres:
            _forget_a_lost_connection(self.db)
        elif not self.checking:
            self._queue = WriteQueue.join(self.db)
        self.chain.forget()
        self.holds_absent = False
        self._transaction = self.db.atomic(*self._begin_arguments())
        try:
            self._open = self._transaction.__enter__()
            if self.checking and not self.sql.postgres:
                self.sql.run("PRAGMA query_only = ON")
            elif self.sql.postgres and not self.checking:
                lock = (
                    "pg_advisory_xact_lock_shared" if self._alongside else "pg_advisory_xact_lock"
                )
                # in the same round trip: the catalogue's version (products read by earlier
                # documents are kept while it has not moved) and whether any unit is held
                (_locked, version, held), *_ = self.sql.rows(
                    f"{write_lock(lock)}, (SELECT version FROM catalogue_version), "
                    "EXISTS (SELECT 1 FROM cart_hold)"
                )
                if version is not None:
                    self.catalogue.at_version(int(version))
                self.holds_absent = not held
        except OperationalError as exc:
            self._abandon(exc)
            raise DatabaseUnavailable(unreachable(self.db, exc)) from exc
        return self

    def _begin_arguments(self) -> tuple[str, ...]:
        """What ``atomic`` passes to BEGIN: a snapshot to check, the write lock to post."""
        if self.sql.postgres:
            return (SNAPSHOT,) if self.checking else ()
        return () if self.checking else ("IMMEDIATE",)

    def _abandon(self, exc: BaseException) -> None:
        """Close a transaction that failed while opening."""
        self._depth = 0
        self._alongside = False
        self._leave_queue()
        if self._open is not None:
            try:
                self._transaction.__exit__(type(exc), exc, None)
            except OperationalError:
                pass
        self._transaction = self._open = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth:
            return
        if exc is None and not self.checking:
            self._seal()
        try:
            if self.checking:
                self._end_check()
            else:
                self._transaction.__exit__(exc_type, exc, traceback)
        except DatabaseError as error:  # the commit, or a write sent with it, failed
            if exc is None:
                raise ConflictError(
                    _(
                        "The database could not save the document: {error}. Nothing was saved."
                    ).format(error=error),
                    rule="commit_failed",
                ) from error
        finally:
            self._transaction = self._open = None
            self._alongside = False
            self._leave_queue()
            self.chain.forget()
        if isinstance(exc, OperationalError) and _is_contention(exc):
            raise ConflictError(
                _("Another till was changing the same goods: nothing was saved, try again."),
                rule="concurrent_change",
            ) from exc
        if isinstance(exc, OperationalError):
            raise DatabaseUnavailable(unreachable(self.db, exc)) from exc

    def _leave_queue(self) -> None:
        if self._queue is not None:
            self._queue.leave()
            self._queue = None

    def _seal(self) -> None:
        """Link the rows written into the chain before the commit; if that fails, the whole
        transaction rolls back and the error is raised."""
        try:
            self.chain.seal()
        except BaseException as error:
            self._depth += 1
            self.__exit__(type(error), error, error.__traceback__)
            raise

    def _end_check(self) -> None:
        """Roll a check back (it wrote nothing) and give the connection its writes back."""
        try:
            self._transaction.__exit__(CheckOver, CheckOver(), None)
        finally:
            if not self.sql.postgres:
                self.sql.run("PRAGMA query_only = OFF")


def _forget_a_lost_connection(db: Database) -> None:
    """Drop this thread's PostgreSQL connection if the server or the network closed it, so
    the next transaction connects afresh: a till whose cable was pulled mid-sale posts the
    sale once the network is back, without being restarted."""
    state = db._state  # type: ignore[attr-defined]  # peewee's per-thread connection state
    if state.conn is not None and state.conn.closed and not state.transactions:
        state.reset()


def _is_contention(exc: BaseException) -> bool:
    """A deadlock or serialization failure: the transaction lost a race and can be retried."""
    text = str(exc).lower()
    return "deadlock" in text or "could not serialize" in text


def unreachable(db: Database, exc: BaseException) -> str:
    """A cashier-readable message for a database that cannot be used right now."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "not a database" in text or "malformed" in text:
        return _(
            "The file {db} is not a till database or is damaged ({problem}): check the path, "
            "or restore the database from a backup."
        ).format(db=describe(db), problem=text)
    if "locked" in text:
        return _("The database {db} is busy with another till: try again in a moment.").format(
            db=describe(db)
        )
    return _("The database {db} cannot be used: {problem}. Check that it is reachable.").format(
        db=describe(db), problem=text
    )
