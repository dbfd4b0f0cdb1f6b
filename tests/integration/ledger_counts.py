"""Counting what is in the ledger, to prove a refused operation wrote nothing."""

from __future__ import annotations

from core.persistence.unit_of_work import UnitOfWork

TABLES = (
    "document",
    "document_line",
    "movement",
    "serial_unit",
    "stock_level",
    "cost_layer",
    "tracking_warning",
    "repair_order",
    "repair_status_change",
    "repair_line",
    "serial_link",
    "rma_unit",
)


def table_counts(uow: UnitOfWork) -> dict[str, int]:
    """Row counts of every ledger table, plus the sum of stock levels and layer remainders."""
    counts = {t: int(uow.sql.scalar(f"SELECT COUNT(*) FROM {t}")) for t in TABLES}
    counts["on_hand"] = int(uow.sql.scalar("SELECT COALESCE(SUM(on_hand), 0) FROM stock_level"))
    counts["remaining"] = int(uow.sql.scalar("SELECT COALESCE(SUM(remaining), 0) FROM cost_layer"))
    return counts
