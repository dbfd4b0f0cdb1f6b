"""Units with several identifiers (a phone's IMEI 1, IMEI 2 and serial): received, found by any
of them, checked across all of them, printed with all of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bootstrap.services import Services
from core.commands import ReturnUnit
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.counting import ScanKind
from core.domain.errors import InputError, SerialRuleError
from core.domain.serial_rules import luhn_valid
from core.drafts.entry import Scan
from core.drafts.sale import Added, SaleDraft
from core.persistence.db import open_database
from core.persistence.schema import SCHEMA_VERSION, create_schema, ensure_schema, schema_version
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services import catalogue, counting, printouts, queries, returns
from core.services.catalogue import NewProduct
from core.views import CountScope
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop


def imei(body: str) -> str:
    """A valid IMEI: 14 digits and their Luhn check digit."""
    assert len(body) == 14
    return next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))


A1, A2, B1, B2 = (imei(f"35{n:012d}") for n in (1, 2, 3, 4))


def dual_sim(shop: Shop, tracking: TrackingMode = TrackingMode.STRICT) -> None:
    """A type of phones carrying IMEI 1, IMEI 2 and a serial number, and one product of it."""
    catalogue.set_type(
        shop.uow,
        TypeSettings(
            path="Electronics/DualSim",
            tracking=tracking,
            identifiers=("imei", "imei", "serial"),
        ),
    )
    catalogue.add_product(shop.uow, NewProduct("DUO", "Телефон Дуо", "Electronics/DualSim", 500000))


@pytest.fixture
def duo(any_shop: Shop) -> Shop:
    """The dual-SIM phone with one unit in stock: IMEI A1, A2 and serial SN-A."""
    dual_sim(any_shop)
    any_shop.receive("DUO", f"{A1}|{A2}|sn-a")
    return any_shop


def test_a_unit_is_received_with_every_identifier_and_the_first_is_its_serial(duo: Shop) -> None:
    """The ledger knows the unit by IMEI 1; all three identifiers are kept in order."""
    [history] = queries.serial_history(duo.uow, A1, duo.ctx.clock.today())
    assert history.serial == A1
    assert history.identifiers == (("IMEI 1", A1), ("IMEI 2", A2), ("SN", "SN-A"))
    assert [e.kind for e in history.events] == ["received"]


def test_any_identifier_finds_the_unit_and_its_history(duo: Shop) -> None:
    """IMEI 2 and the serial number find the same unit, with its whole life."""
    for code in (A2, "sn-a"):
        [unit] = queries.find_units(duo.uow, code)
        assert unit.serial == A1
        [history] = queries.serial_history(duo.uow, code, duo.ctx.clock.today())
        assert history.serial == A1 and len(history.events) == 1


def test_a_sale_by_the_second_imei_sells_the_unit_by_its_serial(duo: Shop) -> None:
    """The sale names the unit by IMEI 2; the ledger writes it off as IMEI 1."""
    posted = duo.sell("DUO", A2)
    assert posted.lines[0].serials == (A1,)
    [unit] = queries.find_units(duo.uow, "SN-A")
    assert unit.state.value == "sold"


def test_a_return_by_the_serial_number_takes_the_unit_back(duo: Shop) -> None:
    """Returns find the unit by any identifier too."""
    duo.sell("DUO", A1)
    returns.return_unit(ReturnUnit("sn-a"), duo.uow, duo.ctx)
    [unit] = queries.find_units(duo.uow, A2)
    assert unit.state.value == "in_stock"


def test_an_imei_2_that_is_another_phones_imei_1_in_stock_is_refused_at_receipt(duo: Shop) -> None:
    """Strict: the receipt is refused naming the identifier and the unit that has it."""
    with pytest.raises(SerialRuleError) as refused:
        duo.receive("DUO", f"{B1}|{A1}|SN-B")
    message = refused.value.message
    assert "IMEI 2" in message and A1 in message and "DUO" in message
    assert queries.find_units(duo.uow, B1) == []


def test_the_first_imei_of_a_new_phone_may_not_be_an_in_stock_phones_imei_2(duo: Shop) -> None:
    """Every identifier is checked against every identifier of the units in stock."""
    with pytest.raises(SerialRuleError, match="IMEI 1"):
        duo.receive("DUO", f"{A2}|{B2}|SN-B")


def test_a_sold_phones_identifiers_do_not_block_another_receipt(duo: Shop) -> None:
    """Only units in stock hold their identifiers against a receipt."""
    duo.sell("DUO", A1)
    duo.receive("DUO", f"{B1}|{B2}|SN-B")
    assert [u.serial for u in queries.find_units(duo.uow, B2)] == [B1]


def test_each_identifier_follows_its_own_rule(duo: Shop) -> None:
    """An IMEI 2 with a wrong check digit is refused; the serial number has no IMEI rule."""
    bad = A2[:-1] + str((int(A2[-1]) + 1) % 10)
    with pytest.raises(SerialRuleError, match="IMEI 2"):
        duo.receive("DUO", f"{B1}|{bad}|SN-B")
    duo.receive("DUO", f"{B1}|{B2}|ANY-TEXT-1")


def test_one_identifier_twice_in_an_invoice_is_refused(any_shop: Shop) -> None:
    """Two units of one invoice cannot share an identifier."""
    dual_sim(any_shop)
    with pytest.raises(SerialRuleError, match="already in this document"):
        any_shop.receive("DUO", f"{A1}|{A2}", f"{B1}|{A2}")


def test_later_identifiers_may_be_left_out_but_not_the_first(any_shop: Shop) -> None:
    """A single-SIM unit gives IMEI 1 only; a unit without its first identifier is refused."""
    dual_sim(any_shop)
    any_shop.receive("DUO", A1)
    with pytest.raises(InputError, match="lacks the first identifier"):
        any_shop.receive("DUO", f"|{B2}|SN-B")
    with pytest.raises(InputError, match="declares 3"):
        any_shop.receive("DUO", f"{B1}|{B2}|SN|EXTRA")


def test_soft_tracking_warns_about_an_identifier_in_stock_and_receives(any_shop: Shop) -> None:
    """Soft: the conflict is a warning kept with the receipt."""
    dual_sim(any_shop, TrackingMode.SOFT)
    any_shop.receive("DUO", f"{A1}|{A2}")
    posted = any_shop.receive("DUO", f"{B1}|{A2}")
    assert [w.rule for w in posted.warnings] == ["identifier_in_stock"]


def test_products_without_identifiers_keep_a_bar_in_their_serial(shop: Shop) -> None:
    """Without declared identifiers nothing changes: the SN is taken as given."""
    posted = shop.receive("PHONE", "SN|1")
    assert posted.lines[0].serials == ("SN|1",)


def test_the_sale_screen_finds_a_phone_by_its_second_imei(shop: Shop, ledger: Services) -> None:
    """Scanned alone, or after the product, IMEI 2 puts the unit in the cart by IMEI 1."""
    dual_sim(shop)
    shop.receive("DUO", f"{A1}|{A2}|SN-A", f"{B1}|{B2}|SN-B")
    draft = SaleDraft(ledger)
    added = draft.take(Scan.typed(A2))
    assert isinstance(added, Added) and added.line.serial == A1
    draft.take(Scan.typed("DUO"))
    added = draft.take(Scan.typed(B2))
    assert isinstance(added, Added) and added.line.serial == B1
    assert draft.post().lines[0].serials == (A1, B1)


def test_a_count_finds_a_unit_by_its_second_imei(shop: Shop) -> None:
    """Scanning IMEI 2 counts the unit as present."""
    dual_sim(shop)
    shop.receive("DUO", f"{A1}|{A2}|SN-A")
    opened = counting.open_sheet(shop.uow, shop.ctx, CountScope(type_path="Electronics"))
    [result] = counting.scan(shop.uow, shop.ctx, opened.number, [A2])
    assert result.kind is ScanKind.EXPECTED and result.serial == A1


def test_the_warranty_card_and_the_label_print_every_identifier(duo: Shop) -> None:
    """Both contexts list IMEI 1, IMEI 2 and SN, found by any of them."""
    duo.sell("DUO", A1)
    card, _variant = printouts.warranty_context(duo.uow, A2, printouts.Shop("Крамниця"))
    expected = [
        {"name": "IMEI 1", "code": A1},
        {"name": "IMEI 2", "code": A2},
        {"name": "SN", "code": "SN-A"},
    ]
    assert card["identifiers"] == expected and card["serial"] == A1
    assert printouts.label_context(duo.uow, "SN-A")["identifiers"] == expected


def test_the_command_line_receives_by_bars_and_finds_by_any_identifier(till: Till) -> None:
    """`till type add --identifiers`, `till receive CODE:QTY:COST:I1|I2|SN`, `till serial`."""
    assert (
        till("type", "add", "Phones", "--tracking", "strict", "--identifiers", "imei,imei,serial")[
            0
        ]
        == 0
    )
    assert (
        till("product", "add", "DUO", "--name", "Дуо", "--type", "Phones", "--price", "5000")[0]
        == 0
    )
    code, out, err = till(
        "receive", "--supplier", "Постач", "--line", f"DUO:2:3000:{A1}|{A2}|SN-A,{B1}|{B2}"
    )
    assert code == 0, err
    code, out, _err = till("serial", B2, "--json")
    assert code == 0
    found = json.loads(out)
    assert found["serial"] == B1
    assert [i["code"] for i in found["identifiers"]] == [B1, B2]
    code, _out, err = till(
        "receive", "--supplier", "Постач", "--line", f"DUO:1:3000:{imei('35999999999999')}|{A1}"
    )
    assert code == 1 and "IMEI 2" in err and A1 in err


def test_an_unknown_identifier_kind_is_refused(till: Till) -> None:
    """The known kinds are imei and serial."""
    code, _out, err = till("type", "add", "Phones", "--identifiers", "imei,mac")
    assert code == 2 and "mac" in err


def test_a_schema_6_database_with_stock_gains_the_identifier_tables(tmp_path: Path) -> None:
    """Migrating keeps the stock and lets a type declare identifiers afterwards."""
    db = open_database(str(tmp_path / "old.sqlite3"))
    create_schema(db)
    uow = UnitOfWork(db)
    old = Shop.with_catalogue(uow, Context(FakeClock(), "till-1", "olena"))
    old.receive("PHONE", "SN1")
    for table in ("unit_identifier", "type_identifier", "kit_binding", "kit_component"):
        uow.sql.run(f"DROP TABLE {table}")
    uow.sql.run("DELETE FROM schema_version")
    uow.sql.run("INSERT INTO schema_version (version) VALUES (6)")
    ensure_schema(db)
    assert schema_version(db) == SCHEMA_VERSION
    shop = Shop(UnitOfWork(db), old.ctx)
    assert [u.serial for u in queries.find_units(shop.uow, "SN1")] == ["SN1"]
    dual_sim(shop)
    shop.receive("DUO", f"{A1}|{A2}")
    assert [u.serial for u in queries.find_units(shop.uow, A2)] == [A1]
