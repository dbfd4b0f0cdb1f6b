"""The document journal: find documents by kind, date, customer, phone or SN; the sale a
scanned code opens; and a sale's warranty cards re-printed through the print queue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.commands import Item, RecordSale
from core.domain.errors import InputError
from core.services import document_search, selling
from devices.print.escpos_dump import decode
from tests.integration.conftest import Till
from tests.shop import Shop


def _numbers(shop: Shop, **typed: object) -> list[str]:
    flt = document_search.document_filter(**typed)  # type: ignore[arg-type]
    return [row.number for row in document_search.every(shop.uow, flt)]


def test_documents_are_found_by_kind_customer_phone_serial_and_dates(any_shop: Shop) -> None:
    """Each filter narrows the journal; the latest document comes first."""
    any_shop.receive("PHONE", "SN1", "SN2")
    any_shop.receive("CABLE", quantity=5, cost=8000)
    sale = RecordSale((Item("PHONE", "SN1"),), customer="Олена Коваль", phone="+380671112233")
    selling.sell(sale, any_shop.uow, any_shop.ctx)
    any_shop.sell("CABLE", quantity=2)
    assert _numbers(any_shop) == ["SL-000002", "SL-000001", "RC-000002", "RC-000001"]
    assert _numbers(any_shop, kind="sale") == ["SL-000002", "SL-000001"]
    assert _numbers(any_shop, customer="коваль") == ["SL-000001"]
    assert _numbers(any_shop, phone="+380671112233") == ["SL-000001"]
    assert _numbers(any_shop, serial="sn1") == ["SL-000001", "RC-000001"]
    assert _numbers(any_shop, date_from=date(2026, 3, 3)) == []
    assert len(_numbers(any_shop, date_to=date(2026, 3, 2), till="till-1")) == 4


def test_a_journal_page_continues_after_its_last_row(any_shop: Shop) -> None:
    """Pages of two, by keyset, cover every document once."""
    any_shop.receive("CABLE", quantity=5, cost=8000)
    for _ in range(4):
        any_shop.sell("CABLE")
    flt = document_search.document_filter()
    first = document_search.page(any_shop.uow, flt, None, 2)
    second = document_search.page(any_shop.uow, flt, first.next_cursor, 2)
    third = document_search.page(any_shop.uow, flt, second.next_cursor, 2)
    numbers = [r.number for p in (first, second, third) for r in p.rows]
    assert numbers == ["SL-000004", "SL-000003", "SL-000002", "SL-000001", "RC-000001"]
    assert third.next_cursor is None


def test_an_unknown_kind_is_refused_naming_the_known_ones(shop: Shop) -> None:
    """A typo in --kind is one clear line."""
    with pytest.raises(InputError, match="use one of receipt, sale"):
        document_search.document_filter(kind="sales")


def test_a_scanned_receipt_number_or_serial_opens_its_sale(any_shop: Shop) -> None:
    """The receipt's barcode (its number) opens it; an SN opens its latest sale."""
    any_shop.receive("PHONE", "SN1")
    sale = any_shop.sell("PHONE", "SN1")
    assert document_search.sale_for_scan(any_shop.uow, sale.number.lower()) == sale.number
    assert document_search.sale_for_scan(any_shop.uow, "sn1") == sale.number
    assert document_search.sale_for_scan(any_shop.uow, "NOPE") is None


@pytest.fixture
def demo_till(till: Till, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Till:
    """`till` on the demo shop, in English, cards never printed after a sale."""
    config = tmp_path / "till.toml"
    config.write_text('[printer]\nprofile = "TM-T20II"\nconfirm = false\n', encoding="utf-8")
    monkeypatch.setenv("TILL_CONFIG", str(config))
    assert till("demo", "--no-app")[0] == 0
    return till


def test_a_sale_found_by_its_serial_has_its_card_reprinted(demo_till: Till, tmp_path: Path) -> None:
    """`till documents --serial SN` finds the sale; `till print cards DOC` prints its card."""
    assert demo_till("sell", "GAL-A15:350000000001020", "--customer", "Олена")[0] == 0
    code, out, _err = demo_till("documents", "--serial", "350000000001020", "--kind", "sale")
    found = json.loads(demo_till("documents", "--serial", "350000000001020", "--json")[1])
    sale = next(row for row in found if row["kind"] == "sale")
    assert code == 0 and sale["number"] in out and sale["party"] == "Олена"
    printed = tmp_path / "printer.bin"
    code, _out, err = demo_till("print", "cards", sale["number"], "--printer", f"file://{printed}")
    assert (code, err) == (0, "")
    dump = decode(printed.read_bytes())
    assert "350000000001020" in "\n".join(dump.lines())
    assert "350000000001020" in dump.barcodes()
    assert json.loads(demo_till("print", "jobs", "--json")[1]) == []
