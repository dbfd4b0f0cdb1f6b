"""The print queue: jobs survive restarts until printed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.persistence.db import Sql, as_datetime
from core.printing import JobKind, JobStatus, PrintJob

_COLUMNS = "id, created_at, kind, document, serial, product_id, status, attempts, last_error"


def _job(row: Sequence) -> PrintJob:
    created = as_datetime(row[1])
    assert created is not None
    return PrintJob(
        id=row[0],
        created_at=created,
        kind=JobKind(row[2]),
        document=row[3],
        serial=row[4],
        product_id=row[5],
        status=JobStatus(row[6]),
        attempts=row[7],
        last_error=row[8],
    )


class PrintJobRepository:
    """Adds, lists and updates print jobs."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql

    def add(self, job: PrintJob) -> int:
        """Queue a job; its id."""
        return self.sql.insert(
            "INSERT INTO print_job (created_at, kind, document, serial, product_id, status, "
            "attempts) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
            (
                job.created_at,
                job.kind.value,
                job.document,
                job.serial,
                job.product_id,
                job.status.value,
            ),
        )

    def get(self, job_id: int) -> PrintJob | None:
        """One job."""
        row = self.sql.row(f"SELECT {_COLUMNS} FROM print_job WHERE id = ?", (job_id,))
        return None if row is None else _job(row)

    def waiting(self, statuses: Sequence[JobStatus]) -> list[PrintJob]:
        """Jobs in these states, oldest first."""
        marks = ", ".join("?" for _ in statuses)
        rows = self.sql.rows(
            f"SELECT {_COLUMNS} FROM print_job WHERE status IN ({marks}) ORDER BY id",
            [s.value for s in statuses],
        )
        return [_job(row) for row in rows]

    def for_document(self, number: str) -> list[PrintJob]:
        """The jobs queued for one document."""
        rows = self.sql.rows(
            f"SELECT {_COLUMNS} FROM print_job WHERE document = ? ORDER BY id", (number,)
        )
        return [_job(row) for row in rows]

    def mark(self, job_id: int, status: JobStatus, error: str | None, at: datetime) -> None:
        """Record the outcome of one attempt (or a cashier's decision)."""
        printed = at if status is JobStatus.PRINTED else None
        attempted = 1 if status in (JobStatus.PRINTED, JobStatus.FAILED) else 0
        self.sql.run(
            "UPDATE print_job SET status = ?, last_error = ?, printed_at = ?, "
            "attempts = attempts + ? WHERE id = ?",
            (status.value, error, printed, attempted, job_id),
        )
