"""SQLite housekeeping kept off the sale path: planner statistics and WAL checkpoints."""

from __future__ import annotations

from peewee import Database

from core.persistence.db import Sql, is_postgres

STATISTICS_FROM_UNITS = 1000
"""Serial units a shop holds before its first ANALYZE: enough for the statistics to show
which columns are selective (a few states, many dates), which stays true as it grows."""


def ensure_statistics(db: Database) -> bool:
    """Run ANALYZE once on a SQLite ledger that has grown but has no statistics yet.

    Without sqlite_stat1 the planner reads a warranty filter through the
    (state, warranty_end) index and sorts every match: 100 ms at a million units instead
    of 3 ms. Statistics gathered at a thousand units already give the right plans, so this
    runs once per database (a few milliseconds then; about a second on a million units
    that never had them). PostgreSQL's autovacuum keeps its own statistics. True when it ran.
    """
    if is_postgres(db):
        return False
    sql = Sql(db)
    if sql.scalar("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"):
        if sql.scalar("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'serial_unit' LIMIT 1"):
            return False
    if (sql.scalar("SELECT MAX(id) FROM serial_unit") or 0) < STATISTICS_FROM_UNITS:
        return False
    sql.run("ANALYZE")
    return True


def checkpoint(db: Database) -> None:
    """Copy the SQLite WAL back into the database without waiting for anyone.

    Call it when the till is idle (after a sale is printed, or a few seconds without
    input): a sale then never pays for the checkpoint SQLite would otherwise run
    inside the commit that crosses ``wal_autocheckpoint`` pages (≈ 10 ms at p99)."""
    if not is_postgres(db):
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
