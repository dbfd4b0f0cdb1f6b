"""The ledger at the edges of what it accepts: quantities up to 1,000,000 a line, amounts up to
10^10 minor units, documents dated on the first and the last day the till takes.

A hypothesis state machine drives receipts, sales, customer returns and counts through the
services with such values; after every step the projections equal the fold of the ledger
(`verify`), a refused step writes nothing, and projections damaged by hand (an UPDATE of the
stock rows) are restored by `rebuild`."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.commands import Item, ReceiptLine, ReceiveStock, RecordSale, ReturnUnit
from core.domain.errors import TillError
from core.domain.limits import FIRST_DAY, LAST_DAY, MAX_AMOUNT, MAX_QUANTITY
from core.persistence.db import Sql, open_database
from core.persistence.schema import create_schema
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services import count_settlement, counting, rebuild, receiving, returns, selling
from core.views import CountScope
from tests.fakes import FakeClock
from tests.integration.ledger_counts import table_counts
from tests.shop import Shop

quantities = st.one_of(
    st.sampled_from((1, 2, MAX_QUANTITY - 1, MAX_QUANTITY)), st.integers(1, MAX_QUANTITY)
)
amounts = st.one_of(st.sampled_from((0, 1, MAX_AMOUNT - 1, MAX_AMOUNT)), st.integers(0, MAX_AMOUNT))
days = st.one_of(
    st.sampled_from(
        (FIRST_DAY, FIRST_DAY + timedelta(days=1), LAST_DAY - timedelta(days=1), LAST_DAY)
    ),
    st.dates(FIRST_DAY, LAST_DAY),
)
damages = st.sampled_from(
    (
        "UPDATE stock_level SET on_hand = on_hand + 1",
        "UPDATE stock_level SET on_hand = -on_hand - 7",
        "UPDATE stock_level SET on_hand = 9223372036854775000",  # what SQLite can hold
        "UPDATE cost_layer SET remaining = remaining + 1000000",
        "UPDATE cost_layer SET remaining = 0",
        "DELETE FROM stock_level",
        "UPDATE serial_unit SET location = 'sold'",
    )
)


class ExtremeLedger(RuleBasedStateMachine):
    """Receipts, sales, returns and counts with extreme but valid values, on a fresh file."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="till-extremes-"))
        self.db = open_database(str(self.folder / "till.sqlite3"))
        create_schema(self.db)
        self.ctx = Context(FakeClock(), "till-1", "olena")
        Shop.with_catalogue(UnitOfWork(self.db), self.ctx)
        self.serial = 0
        self.held: list[str] = []
        self.sold: list[str] = []

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _post(self, action: object) -> bool:
        """Run ``action``; True when it posted, False when it was refused and wrote nothing."""
        before = table_counts(UnitOfWork(self.db))
        try:
            action()  # type: ignore[operator]
        except TillError:
            assert table_counts(UnitOfWork(self.db)) == before, "a refusal wrote something"
            return False
        return True

    @rule(quantity=quantities, cost=amounts, on=days)
    def receive_cables(self, quantity: int, cost: int, on: date) -> None:
        line = ReceiptLine("CABLE", quantity, cost)
        command = ReceiveStock("ТОВ Постач", (line,), on=on)
        self._post(lambda: receiving.receive(command, UnitOfWork(self.db), self.ctx))

    @rule(code=st.sampled_from(("PHONE", "BIKE")), cost=amounts, on=days, count=st.integers(1, 3))
    def receive_units(self, code: str, cost: int, on: date, count: int) -> None:
        serials = tuple(f"SN{self.serial + n:06d}" for n in range(count))
        line = ReceiptLine(code, count, cost, serials)
        command = ReceiveStock("ТОВ Постач", (line,), on=on)
        if self._post(lambda: receiving.receive(command, UnitOfWork(self.db), self.ctx)):
            self.serial += count
            self.held += [f"{code}:{s}" for s in serials]

    @rule(quantity=quantities, price=amounts, on=days)
    def sell_cables(self, quantity: int, price: int, on: date) -> None:
        command = RecordSale((Item("CABLE", quantity=quantity, price=price),), on=on)
        self._post(lambda: selling.sell(command, UnitOfWork(self.db), self.ctx))

    @rule(pick=st.integers(0, 50), price=amounts, on=days)
    def sell_unit(self, pick: int, price: int, on: date) -> None:
        if not self.held:
            return
        held = self.held[pick % len(self.held)]
        code, serial = held.split(":")
        command = RecordSale((Item(code, serial=serial, price=price),), on=on)
        if self._post(lambda: selling.sell(command, UnitOfWork(self.db), self.ctx)):
            self.held.remove(held)
            self.sold.append(held)

    @rule(pick=st.integers(0, 50), on=days)
    def customer_returns_a_unit(self, pick: int, on: date) -> None:
        if not self.sold:
            return
        sold = self.sold[pick % len(self.sold)]
        code, serial = sold.split(":")
        command = ReturnUnit(serial, code=code, reason="не підійшов", on=on)
        if self._post(lambda: returns.return_unit(command, UnitOfWork(self.db), self.ctx)):
            self.sold.remove(sold)
            self.held.append(sold)

    @rule(found=quantities, cost=amounts)
    def count_cables(self, found: int, cost: int) -> None:
        def count() -> None:
            opened = counting.open_sheet(
                UnitOfWork(self.db), self.ctx, CountScope(product_codes=("CABLE",))
            )
            counting.scan(UnitOfWork(self.db), self.ctx, opened.number, [f"CABLE*{found}"])
            count_settlement.post(UnitOfWork(self.db), self.ctx, opened.number, {"CABLE": cost})

        self._post(count)

    @rule(statement=damages)
    def damage_the_projections_then_rebuild(self, statement: str) -> None:
        with UnitOfWork(self.db) as uow:
            Sql(uow.db).run(statement)
        rebuild.rebuild(UnitOfWork(self.db))
        check = rebuild.verify(UnitOfWork(self.db))
        assert check.ok, f"after {statement}: {check.differences}"

    @invariant()
    def projections_equal_the_fold_of_the_ledger(self) -> None:
        check = rebuild.verify(UnitOfWork(self.db))
        assert check.ok, check.differences


ExtremeLedger.TestCase.settings = settings(
    max_examples=10,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestExtremeValidHistoriesKeepTheLedgerConsistent = ExtremeLedger.TestCase


def test_the_largest_valid_documents_on_the_first_and_last_days_post_and_verify(
    any_shop: Shop,
) -> None:
    uow, ctx = any_shop.uow, any_shop.ctx
    biggest = ReceiptLine("CABLE", MAX_QUANTITY, MAX_AMOUNT)
    for on in (FIRST_DAY, LAST_DAY):
        receiving.receive(ReceiveStock("ТОВ Постач", (biggest,), on=on), uow, ctx)
    receiving.receive(
        ReceiveStock("ТОВ Постач", (ReceiptLine("PHONE", 1, MAX_AMOUNT, ("SN1",)),), on=FIRST_DAY),
        uow,
        ctx,
    )
    sale = RecordSale((Item("CABLE", quantity=MAX_QUANTITY, price=MAX_AMOUNT),), on=LAST_DAY)
    assert selling.sell(sale, uow, ctx).total == MAX_QUANTITY * MAX_AMOUNT
    selling.sell(
        RecordSale((Item("PHONE", serial="SN1", price=MAX_AMOUNT),), on=LAST_DAY), uow, ctx
    )
    returns.return_unit(ReturnUnit("SN1", code="PHONE", on=LAST_DAY), uow, ctx)
    opened = counting.open_sheet(uow, ctx, CountScope(product_codes=("CABLE",)))
    counting.scan(uow, ctx, opened.number, ["CABLE*1", f"CABLE*{MAX_QUANTITY}"])
    count_settlement.post(uow, ctx, opened.number, {"CABLE": MAX_AMOUNT})
    assert rebuild.verify(uow).ok
    assert uow.sql.scalar("SELECT on_hand FROM stock_level WHERE product_id = 3") == 1_000_001
    Sql(uow.db).run("UPDATE stock_level SET on_hand = 2000000000")
    rebuild.rebuild(uow)
    assert rebuild.verify(uow).ok
