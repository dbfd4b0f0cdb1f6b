"""Units in repair on a count sheet, and the schema upgrade that brings the repair tables."""

from __future__ import annotations

from pathlib import Path

from core.domain.counting import ScanKind
from core.persistence.db import open_database
from core.persistence.schema import SCHEMA_VERSION, create_schema, ensure_schema, schema_version
from core.persistence.tables import REPAIR_TABLES
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.repair_commands import AcceptRepair
from core.services import count_settlement, count_sheets, counting, repair_intake
from core.views import CountScope
from tests.fakes import FakeClock
from tests.shop import Shop


def test_a_unit_in_repair_is_listed_apart_on_a_count_sheet_not_as_stock(shop: Shop) -> None:
    """Present at the service desk: neither found stock nor surplus; posting leaves it be."""
    shop.run("receive PHONE SN1 SN2")
    shop.sell("PHONE", "SN2", customer="Олена")
    repair_intake.accept(AcceptRepair("SN2", "тріснув екран"), shop.uow, shop.ctx)
    sheet = counting.open_sheet(shop.uow, shop.ctx, CountScope(type_path="Electronics")).number
    results = counting.scan(shop.uow, shop.ctx, sheet, ["SN1", "SN2"])
    assert [r.kind for r in results] == [ScanKind.EXPECTED, ScanKind.IN_REPAIR]
    view = count_sheets.view(shop.uow, sheet)
    assert view.in_repair == ("SN2",)
    assert view.total_surplus == 0 and view.total_shortage == 0
    count_settlement.post(shop.uow, shop.ctx, sheet)
    assert shop.uow.units.by_serial(["SN2"])[0].state.value == "in_repair"


def test_a_version_6_database_gains_the_repair_tables_and_keeps_its_data(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The upgrade adds the tables; the ledger stays and a repair can be taken at once."""
    db = open_database(str(tmp_path / "old.sqlite3"))
    create_schema(db)
    uow = UnitOfWork(db)
    shop = Shop.with_catalogue(uow, Context(clock, "till-1", "olena"))
    shop.run("receive PHONE SN1")
    shop.sell("PHONE", "SN1", customer="Олена")
    for table in reversed(REPAIR_TABLES):
        uow.sql.run(f"DROP TABLE {table._meta.table_name}")
    uow.sql.run("DELETE FROM schema_version")
    uow.sql.run("INSERT INTO schema_version (version) VALUES (6)")
    ensure_schema(db)
    assert schema_version(db) == SCHEMA_VERSION
    assert {t._meta.table_name for t in REPAIR_TABLES} <= set(db.get_tables())
    assert uow.units.by_serial(["SN1"])[0].state.value == "sold"
    done = repair_intake.accept(AcceptRepair("SN1", "не вмикається"), uow, shop.ctx)
    assert done.order == "RP-000001" and done.warranty
