"""Random histories of receipts, sales, returns and corrections keep the ledger consistent.

A hypothesis state machine drives the real services on a SQLite file and a plain-Python model
(``ledger_model``) side by side, in all three tracking modes, and checks the tracking
invariants (no unit in two places, strict refusals write nothing) after every step."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from peewee import Database, DatabaseError

from core.commands import (
    CorrectReceiptSerials,
    Item,
    ReceiptLine,
    ReceiveStock,
    RecordSale,
    ReturnQuantity,
    ReturnToSupplier,
    ReturnUnit,
    WriteOff,
)
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.errors import InputError, TillError
from core.domain.movements import DocumentKind, Location
from core.domain.warranty import WarrantyPeriod
from core.persistence.db import Sql, open_database
from core.persistence.projections_repo import ProjectionRepository
from core.persistence.schema import create_schema
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services import corrections, rebuild, receiving, returns, selling, stock_out
from tests.fakes import FakeClock
from tests.integration.ledger_model import (
    SOFT,
    STRICT,
    UNTRACKED,
    Model,
    Prediction,
    Refused,
)
from tests.shop import Shop

Rows = list[tuple[Any, ...]]
Dump = dict[str, Rows]
Action = Callable[[UnitOfWork], Posted]
Simulation = Callable[[], tuple[Model, Prediction]]

TAKE_OUT = {
    DocumentKind.SALE.value,
    DocumentKind.WRITE_OFF.value,
    DocumentKind.SUPPLIER_RETURN.value,
}
SKUS = (STRICT, SOFT, UNTRACKED)
GARBAGE = ("", "   ", "\x01", "X" * 65, "4820000000017", "4006381333931", "SN 1")
"""Empty, blank, a control character, too long, the phone's box barcode, an EAN-13, a space."""
SPELLINGS = 8
"""As stored (5 in 8), lower case, padded with spaces, with a control character: one unit."""

Pick = tuple[str, int, int]
"""Where to take a serial number from (resolved against the model), an index and a spelling."""


def picks(*sources: str) -> st.SearchStrategy[Pick]:
    """A serial number drawn from one of these sources when the rule runs."""
    return st.tuples(st.sampled_from(sources), st.integers(0, 12), st.integers(0, SPELLINGS - 1))


def few(strategy: st.SearchStrategy[Any], most: int = 3) -> st.SearchStrategy[list[Any]]:
    """Lists of one element mostly, up to ``most``."""
    return st.sampled_from((1, 1, 1, 2, most)).flatmap(
        lambda size: st.lists(strategy, min_size=size, max_size=size)
    )


fresh = picks("new", "new", "new", "known", "garbage")
"""Mostly new serial numbers for receipts, sometimes known ones (duplicates) or garbage."""
held = picks("held", "held", "held", "known", "other", "new", "garbage")
"""Mostly units in stock, sometimes sold, unknown, another product's, or garbage."""
costs = st.sampled_from((0, 150, 990, 12345))

ReceiptSpec = tuple[str, int, int, tuple[Pick, ...]]
ItemSpec = tuple[str, Pick | None, int]


@st.composite
def receipt_lines(draw: st.DrawFn) -> ReceiptSpec:
    """A receipt line: tracked by serial numbers (one more, one fewer or exact), or by quantity."""
    sku = draw(st.sampled_from(SKUS))
    if sku == UNTRACKED:
        given = draw(st.sampled_from(((),) * 9 + ((("new", 0, 0),),)))
        return sku, draw(st.integers(1, 4)), draw(costs), given
    given = tuple(draw(few(fresh)))
    quantity = max(1, len(given) + draw(st.sampled_from((0,) * 8 + (1, -1))))
    return sku, quantity, draw(costs), given


@st.composite
def items(draw: st.DrawFn) -> ItemSpec:
    """An item to take out: a unit by serial number, one without, or untracked goods."""
    sku = draw(st.sampled_from(SKUS))
    if sku == UNTRACKED:
        serial = draw(st.sampled_from((None,) * 9 + (("new", 0, 0),)))
        return sku, serial, draw(st.integers(1, 3))
    serial = draw(st.sampled_from((None,) + (True,) * 7))
    quantity = draw(st.sampled_from((1,) * 7 + (2,)))
    return sku, draw(held) if serial else None, quantity


def spell(serial: str, spelling: int) -> str:
    """One of the ways a cashier may type or scan the same serial number."""
    return {5: serial.lower(), 6: f" {serial} ", 7: f"{serial}\x01"}.get(spelling, serial)


class _Rollback(Exception):
    """Raised to roll back the rehearsal of the strict twin."""


def dump(db: Database) -> Dump:
    """Every row of every table, in primary-key order: what a refused operation must not touch."""
    return {table: Sql(db).rows(f"SELECT * FROM {table} ORDER BY 1") for table in db.get_tables()}


class LedgerMachine(RuleBasedStateMachine):
    """The services and the model, step by step, on one fresh SQLite file per example."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="till-props-"))
        self.db = open_database(str(self.folder / "till.sqlite3"))
        create_schema(self.db)
        self.sql = Sql(self.db)
        self.ctx = Context(FakeClock(), "till-1", "olena")
        Shop.with_catalogue(UnitOfWork(self.db), self.ctx)
        self.ids = {sku: int(pid) for pid, sku in self.sql.rows("SELECT id, sku FROM product")}
        self.skus = {pid: sku for sku, pid in self.ids.items()}
        self.model = Model()
        self.movements: Rows = []

    def teardown(self) -> None:
        """Projections equal the fold of the ledger, and rebuilding them changes nothing."""
        try:
            check = rebuild.verify(UnitOfWork(self.db))
            assert check.ok, check.differences
            with UnitOfWork(self.db) as uow:
                before = ProjectionRepository(uow.sql).read().normalised()
            rebuilt = rebuild.rebuild(UnitOfWork(self.db))
            assert rebuilt.ok, rebuilt.differences
            with UnitOfWork(self.db) as uow:
                after = ProjectionRepository(uow.sql).read().normalised()
            assert after == before
            assert rebuild.verify(UnitOfWork(self.db)).ok
        finally:
            self.db.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- driving one operation ------------------------------------------------------------

    def _step(self, action: Action, simulate: Simulation) -> None:
        before = dump(self.db)
        twin_refused = self._strict_twin_refuses(action)
        assert dump(self.db) == before, "rehearsing the strict twin wrote something"
        try:
            model, prediction = simulate()
            refusal: Refused | None = None
        except Refused as verdict:
            refusal = verdict
        try:
            posted: Posted | None = action(UnitOfWork(self.db))
            error: TillError | None = None
        except TillError as exc:
            posted, error = None, exc
        note(f"model: {refusal or prediction}; till: {error!r} / {posted and posted.number}")
        if refusal is not None:
            assert error is not None, f"the till posted what the model refuses: {refusal}"
            assert type(error) is refusal.error, f"expected {refusal}, got {error!r}"
            assert dump(self.db) == before, "a refused operation changed a table"
            assert twin_refused, "refused with soft tracking but not with strict"
            return
        assert error is None, f"the till refused what the model posts: {error!r}"
        assert posted is not None
        assert posted.number == prediction.number
        assert len(posted.warnings) == len(prediction.warnings), posted.warnings
        assert bool(posted.warnings) == twin_refused, "soft must warn exactly where strict refuses"
        self._check_document(posted.number, prediction)
        after = dump(self.db)
        assert after["movement"][: len(before["movement"])] == before["movement"]
        self.model = model

    def _strict_twin_refuses(self, action: Action) -> bool:
        """Whether the same operation, in the same state, is refused with the soft type strict."""
        refused = False
        try:
            with self.db.atomic("IMMEDIATE"):
                settings_ = TypeSettings(
                    path="Bikes", tracking=TrackingMode.STRICT, warranty=WarrantyPeriod(months=24)
                )
                # Straight to the repository: the service refuses a tracking change while
                # units are in stock, and this twin only rehearses (it is rolled back).
                UnitOfWork(self.db).catalogue.save_type(settings_, "Bikes", None)
                try:
                    action(UnitOfWork(self.db))
                except TillError:
                    refused = True
                raise _Rollback
        except _Rollback:
            pass
        return refused

    def _check_document(self, number: str, prediction: Prediction) -> None:
        """Line costs as the model predicts; strict units written off at their receipt cost."""
        document_id, kind = self.sql.rows(
            "SELECT id, kind FROM document WHERE number = ?", (number,)
        )[0]
        lines = [
            (self.skus[pid], quantity, cost)
            for pid, quantity, cost in self.sql.rows(
                "SELECT product_id, quantity, cost FROM document_line WHERE document_id = ? "
                "ORDER BY position",
                (document_id,),
            )
        ]
        assert lines == prediction.lines
        if kind not in TAKE_OUT:
            return
        for pid, serial, unit_cost in self.sql.rows(
            "SELECT product_id, serial, unit_cost FROM movement WHERE document_id = ?",
            (document_id,),
        ):
            if self.skus[pid] == STRICT:
                assert unit_cost == prediction.strict_costs[serial], "not the unit's own cost"
        strict_lines = sum(cost for sku, _, cost in lines if sku == STRICT)
        assert strict_lines == sum(prediction.strict_costs.values())

    # -- rules ----------------------------------------------------------------------------

    def _serial(self, pick: Pick, sku: str) -> str:
        """Resolve a pick against the model: a unit in stock, sold, another product's, …"""
        source, index, spelling = pick
        if source == "garbage":
            return GARBAGE[index % len(GARBAGE)]
        units = self.model.units
        known = sorted({sn for _, sn in units})
        pool = {
            "held": self.model.in_store(sku),
            "other": [
                sn for other in (STRICT, SOFT) if other != sku for sn in self.model.in_store(other)
            ],
            "known": known,
            "sold": sorted(sn for (_, sn), u in units.items() if u.location is Location.CUSTOMER),
            "new": [],
        }[source]
        if not pool:
            number = next(n for n in itertools.count(index) if (sku, f"N{n}") not in units)
            return spell(f"N{number}", spelling)
        return spell(pool[index % len(pool)], spelling)

    def _items(self, chosen: list[ItemSpec]) -> list[tuple[str, str | None, int]]:
        return [(sku, pick and self._serial(pick, sku), qty) for sku, pick, qty in chosen]

    @rule(specs=few(receipt_lines()))
    def receive(self, specs: list[ReceiptSpec]) -> None:
        """A supplier's invoice with serial numbers, duplicates, garbage or quantities."""
        lines = [
            (sku, qty, cost, tuple(self._serial(pick, sku) for pick in picked))
            for sku, qty, cost, picked in specs
        ]
        command = ReceiveStock(
            "ТОВ Постач", tuple(ReceiptLine(sku, qty, cost, sns) for sku, qty, cost, sns in lines)
        )
        self._step(
            lambda uow: receiving.receive(command, uow, self.ctx),
            lambda: self.model.receive(lines),
        )

    @rule(specs=few(items()))
    def sell(self, specs: list[ItemSpec]) -> None:
        """A sale of in-stock, sold, unknown or other-product units, or untracked quantities."""
        chosen = self._items(specs)
        command = RecordSale(tuple(Item(sku, sn, qty) for sku, sn, qty in chosen))
        self._step(
            lambda uow: selling.sell(command, uow, self.ctx),
            lambda: self.model.take_out("sell", chosen),
        )

    @rule(specs=few(items(), 2))
    def write_off(self, specs: list[ItemSpec]) -> None:
        """A write-off, under the same checks as a sale."""
        chosen = self._items(specs)
        command = WriteOff("пошкоджено", tuple(Item(sku, sn, qty) for sku, sn, qty in chosen))
        self._step(
            lambda uow: stock_out.write_off(command, uow, self.ctx),
            lambda: self.model.take_out("write_off", chosen),
        )

    @rule(specs=few(items(), 2))
    def return_to_supplier(self, specs: list[ItemSpec]) -> None:
        """A supplier return, under the same checks as a sale."""
        chosen = self._items(specs)
        command = ReturnToSupplier(
            "ТОВ Постач", tuple(Item(sku, sn, qty) for sku, sn, qty in chosen)
        )
        self._step(
            lambda uow: stock_out.return_to_supplier(command, uow, self.ctx),
            lambda: self.model.take_out("supplier_return", chosen),
        )

    @precondition(lambda self: bool(self.model.units))
    @rule(
        pick=picks("sold", "sold", "sold", "held", "known", "new", "garbage"),
        code=st.sampled_from((None, None, None, STRICT, SOFT)),
    )
    def return_unit(self, pick: Pick, code: str | None) -> None:
        """A customer return by serial number: sold, in stock, unknown, or ambiguous."""
        serial = self._serial(pick, code or STRICT)
        command = ReturnUnit(serial, code=code)
        self._step(
            lambda uow: returns.return_unit(command, uow, self.ctx),
            lambda: self.model.return_unit(serial, code),
        )

    @precondition(lambda self: bool(self.model.sales))
    @rule(pick=st.integers(0, 50), sku=st.sampled_from(SKUS), quantity=st.integers(1, 3))
    def return_quantity(self, pick: int, sku: str, quantity: int) -> None:
        """A customer return of goods sold without serial numbers, against their sale."""
        sales = sorted(self.model.sales)
        with_quantities = [n for n in sales if self.model.sales[n]]
        number = "SL-999999"
        if with_quantities and pick < 35:
            number = with_quantities[pick % len(with_quantities)]
            sku = next(iter(self.model.sales[number])) if pick % 4 else sku
        elif sales and pick < 48:
            number = sales[pick % len(sales)]
        command = ReturnQuantity(number, sku, quantity)
        self._step(
            lambda uow: returns.return_quantity(command, uow, self.ctx),
            lambda: self.model.return_quantity(number, sku, quantity),
        )

    @precondition(lambda self: bool(self.model.receipts))
    @rule(
        pick=st.integers(0, 50),
        olds=few(st.integers(0, 9) | st.integers(0, 9) | fresh, 2),
        news=st.lists(fresh, min_size=2, max_size=2),
    )
    def correct_receipt(self, pick: int, olds: list[int | Pick], news: list[Pick]) -> None:
        """Replace serial numbers of a posted receipt by others, right or wrong."""
        receipts = sorted(self.model.receipts)
        with_serials = [n for n in receipts if self.model.receipts[n].lines]
        number = "RC-999999"
        if with_serials and pick < 40:
            number = with_serials[pick % len(with_serials)]
        elif pick < 48:
            number = receipts[pick % len(receipts)]
        record = self.model.receipts.get(number)
        lines = record.current() if record else []
        pairs = []
        for old, new in zip(olds, news, strict=False):
            if isinstance(old, int) and lines:
                sku, on_line = lines[old % len(lines)]
                wrong = on_line[old % len(on_line)]
            else:
                sku = SOFT
                wrong = self._serial(old if isinstance(old, tuple) else ("known", old, 0), sku)
            pairs.append((wrong, self._serial(new, sku)))
        command = CorrectReceiptSerials(number, tuple(pairs))
        self._step(
            lambda uow: corrections.correct_receipt_serials(command, uow, self.ctx),
            lambda: self.model.correct(number, pairs),
        )

    @precondition(lambda self: bool(self.movements))
    @rule(
        statement=st.sampled_from(
            (
                "UPDATE movement SET quantity = quantity + 1",
                "UPDATE movement SET unit_cost = 0 WHERE id = (SELECT MAX(id) FROM movement)",
                "DELETE FROM movement WHERE id = (SELECT MIN(id) FROM movement)",
                "DELETE FROM movement",
            )
        )
    )
    def tamper_with_the_ledger(self, statement: str) -> None:
        """Changing or deleting movements directly is refused by the database itself."""
        before = dump(self.db)
        with pytest.raises(DatabaseError, match="append-only"):
            self.sql.run(statement)
        assert dump(self.db) == before

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def movements_never_change(self) -> None:
        """Every movement row seen before is still there, byte for byte."""
        rows = self.sql.rows("SELECT * FROM movement ORDER BY id")
        assert rows[: len(self.movements)] == self.movements
        self.movements = rows

    @invariant()
    def every_unit_is_where_the_model_says(self) -> None:
        """One row per (product, SN), in the place, at the cost, from the documents modelled."""
        rows = list(
            self.sql.rows(
                "SELECT product_id, serial, location, cost, received_doc, sale_doc "
                "FROM serial_unit ORDER BY id"
            )
        )
        units = {
            (self.skus[pid], sn): (Location(loc), c, rc, sl) for pid, sn, loc, c, rc, sl in rows
        }
        assert len(units) == len(rows), "a unit has two rows"
        expected = {
            key: (u.location, u.cost, u.received_doc, u.sale_doc)
            for key, u in self.model.units.items()
        }
        assert units == expected

    @invariant()
    def quantities_and_layers_are_as_modelled(self) -> None:
        """On-hand quantities and FIFO layers; a strict product has exactly its units in stock."""
        with UnitOfWork(self.db) as uow:
            on_hand = {sku: uow.stock.on_hand(pid) for sku, pid in self.ids.items()}
        assert on_hand == {sku: self.model.on_hand[sku] for sku in SKUS}
        assert on_hand[STRICT] == len(self.model.in_store(STRICT))
        in_stock = self.sql.scalar(
            "SELECT COUNT(*) FROM serial_unit WHERE product_id = ? AND location = ?",
            (self.ids[STRICT], Location.STORE.value),
        )
        assert on_hand[STRICT] == in_stock
        layers: dict[str, list[tuple[int, int]]] = {}
        for pid, cost, remaining in self.sql.rows(
            "SELECT product_id, unit_cost, remaining FROM cost_layer ORDER BY line_id"
        ):
            layers.setdefault(self.skus[pid], []).append((cost, remaining))
        expected = {
            sku: [(layer.cost, layer.remaining) for layer in found]
            for sku, found in self.model.layers.items()
            if found
        }
        assert layers == expected
        assert STRICT not in layers

    @invariant()
    def a_strict_unit_leaves_only_from_where_it_is(self) -> None:
        """Along each strict SN's movements no sale, return or write-off starts elsewhere."""
        where: dict[str, Location] = {}
        for serial, kind, source, target in self.sql.rows(
            "SELECT serial, kind, from_location, to_location FROM movement "
            "WHERE product_id = ? ORDER BY id",
            (self.ids[STRICT],),
        ):
            assert serial is not None, "a strict movement without a serial number"
            was = where.get(serial)
            enters = kind == DocumentKind.RECEIPT.value or source == Location.VOID.value
            if enters:
                assert was is not Location.STORE, f"{serial} received while in stock"
            else:
                assert was is Location(source), f"{serial} left {source} but was at {was}"
            where[serial] = Location(target)

    @invariant()
    def strict_units_are_costed_by_specific_identification(self) -> None:
        """Each strict unit leaves, and comes back, at the very cost it was received at."""
        received_at: dict[str, int] = {}
        sold_lines: dict[int, int] = {}
        for serial, kind, line, source, target, cost in self.sql.rows(
            "SELECT serial, kind, line_id, from_location, to_location, unit_cost FROM movement "
            "WHERE product_id = ? ORDER BY id",
            (self.ids[STRICT],),
        ):
            if kind == DocumentKind.RECEIPT.value or source == Location.VOID.value:
                received_at[serial] = cost
                continue
            assert cost == received_at[serial], f"{serial} moved at {cost}, not its own cost"
            if kind == DocumentKind.SALE.value and target == Location.CUSTOMER.value:
                sold_lines[line] = sold_lines.get(line, 0) + received_at[serial]
        for line, cost in self.sql.rows(
            "SELECT l.id, l.cost FROM document_line l JOIN document d ON d.id = l.document_id "
            "WHERE d.kind = ? AND l.product_id = ?",
            (DocumentKind.SALE.value, self.ids[STRICT]),
        ):
            assert cost == sold_lines[line], "cost of goods sold is not the units' receipt costs"

    @invariant()
    def projections_equal_the_fold_of_the_ledger(self) -> None:
        """serial_unit, stock_level and cost_layer are exactly what the movements give."""
        check = rebuild.verify(UnitOfWork(self.db))
        assert check.ok, check.differences


LedgerMachine.TestCase.settings = settings(
    max_examples=120,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestRandomHistoriesKeepTheLedgerConsistent = LedgerMachine.TestCase


# -- examples the machine steers around: known core bugs, pinned one by one --------------------

LEDGER_TABLES = (
    "counter",
    "document",
    "document_line",
    "movement",
    "serial_unit",
    "stock_level",
    "cost_layer",
    "tracking_warning",
)


def ledger_rows(db: Database) -> Dump:
    """Every row of the tables a document writes, on either engine."""
    return {table: Sql(db).rows(f"SELECT * FROM {table} ORDER BY 1") for table in LEDGER_TABLES}


def test_a_return_by_serial_leaves_the_units_sold_without_one_returnable(shop: Shop) -> None:
    """A bike sold by SN and one sold without: after the first comes back, the second can too."""
    shop.receive("BIKE", "B1", "B2")
    sale = selling.sell(RecordSale((Item(SOFT, "B1"), Item(SOFT))), shop.uow, shop.ctx)
    shop.return_serial("B1")
    back = returns.return_quantity(ReturnQuantity(sale.number, SOFT, 1), shop.uow, shop.ctx)
    assert back.lines[0].quantity == 1


def test_correcting_one_products_serial_leaves_another_products_alone(shop: Shop) -> None:
    """A receipt of a phone N1 and a bike N1: fixing the phone's N1 leaves the bike's N1 as is."""
    lines = (ReceiptLine(STRICT, 1, 100, ("N1",)), ReceiptLine(SOFT, 1, 200, ("N1",)))
    receipt = receiving.receive(ReceiveStock("ТОВ Постач", lines), shop.uow, shop.ctx).number
    command = CorrectReceiptSerials(receipt, (("N1", "N2"),))
    assert corrections.correct_receipt_serials(command, shop.uow, shop.ctx).lines[0].sku == STRICT
    with shop.uow as uow:
        found = uow.documents.get(receipt)
        assert found is not None
        assert sorted(corrections.receipt_serials(uow, found.ref).values()) == [["N1"], ["N2"]]
    command = CorrectReceiptSerials(receipt, (("N1", "N3"),))
    assert corrections.correct_receipt_serials(command, shop.uow, shop.ctx).lines[0].sku == SOFT


@pytest.mark.parametrize(
    "engine",
    [
        "sqlite",
        pytest.param(
            "postgres",
            marks=[pytest.mark.postgres],
        ),
    ],
)
def test_a_serial_longer_than_64_characters_is_refused_cleanly_even_under_soft_tracking(
    engine: str, request: pytest.FixtureRequest, clock: FakeClock
) -> None:
    """An over-long SN is a garbled scan: refused in every mode, nothing written."""
    db: Database = request.getfixturevalue(f"{engine}_db")
    shop = Shop.with_catalogue(UnitOfWork(db), Context(clock, "till-1", "olena"))
    before = ledger_rows(db)
    with pytest.raises(InputError, match="longer than 64"):
        shop.receive(SOFT, "X" * 65)
    assert ledger_rows(db) == before
