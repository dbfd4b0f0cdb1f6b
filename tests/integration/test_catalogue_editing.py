"""Changing the catalogue: product fields, price history, barcodes, the active flag, the
tracking-mode guard and the CSV update, through the services and the `till` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.commands import ChangeProduct, ReceiptLine, ReceiveStock
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.errors import DomainError, InputError
from core.domain.warranty import WarrantyPeriod
from core.persistence.db import Sql
from core.persistence.schema import SCHEMA_VERSION, migrate
from core.services import catalogue, queries, receiving
from tests.integration.conftest import Till
from tests.shop import Shop


def test_a_price_change_leaves_past_sales_at_their_price_and_keeps_the_old_price(
    any_shop: Shop,
) -> None:
    """The sale's line and the unit keep 8999.00; the history shows 8999.00 → 7999.00."""
    any_shop.receive("PHONE", "SN1", "SN2")
    sale = any_shop.sell("PHONE", "SN1")
    done = catalogue.change_product(
        any_shop.uow, any_shop.ctx, ChangeProduct("PHONE", price=799900)
    )
    assert [(c.field, c.old, c.new) for c in done.changes] == [("price", "8999.00", "7999.00")]
    view = queries.document(any_shop.uow, sale.number)
    assert [line.unit_amount for line, _serials in view.lines] == [899900]
    assert any_shop.sell("PHONE", "SN2").total == 799900
    product, history = catalogue.price_history(any_shop.uow, "PHONE")
    assert product.price == 799900
    assert [(h.old_price, h.price, h.operator) for h in history] == [(899900, 799900, "olena")]


def test_name_warranty_and_barcodes_change_and_an_unchanged_value_reports_nothing(
    shop: Shop,
) -> None:
    """Each changed field is one change; the same value again is no change."""
    done = catalogue.change_product(
        shop.uow,
        shop.ctx,
        ChangeProduct(
            "CABLE",
            name="Кабель USB-C 2 м",
            warranty=WarrantyPeriod(days=14),
            add_barcodes=("4820000000024",),
        ),
    )
    assert [c.field for c in done.changes] == ["name", "warranty", "barcode"]
    product = catalogue.find_product(shop.uow, "4820000000024")
    assert product is not None and product.sku == "CABLE" and product.warranty.days == 14
    again = catalogue.change_product(
        shop.uow, shop.ctx, ChangeProduct("CABLE", name="Кабель USB-C 2 м")
    )
    assert again.changes == ()
    catalogue.change_product(
        shop.uow, shop.ctx, ChangeProduct("CABLE", remove_barcodes=("4820000000024",))
    )
    assert catalogue.find_product(shop.uow, "4820000000024") is None


def test_a_barcode_of_another_product_is_refused(shop: Shop) -> None:
    """The phone's box barcode cannot be given to the cable."""
    with pytest.raises(InputError, match="already belongs to"):
        catalogue.change_product(
            shop.uow, shop.ctx, ChangeProduct("CABLE", add_barcodes=("4820000000017",))
        )


def test_a_tracking_change_is_refused_while_strict_units_are_in_stock(any_shop: Shop) -> None:
    """Strict phones moved to an untracked type: refused, naming the two units in stock."""
    any_shop.receive("PHONE", "SN1", "SN2")
    with pytest.raises(DomainError, match=r"strict to none tracking: 2 units") as refused:
        catalogue.change_product(
            any_shop.uow, any_shop.ctx, ChangeProduct("PHONE", type_path="Accessories")
        )
    assert refused.value.rule == "tracking_would_strand_units"
    assert catalogue.find_product(any_shop.uow, "PHONE").type_path == "Electronics/Phones"  # type: ignore[union-attr]


def test_a_tracking_change_is_allowed_once_nothing_is_in_stock(shop: Shop) -> None:
    """With every phone sold the type may change."""
    shop.receive("PHONE", "SN1")
    shop.sell("PHONE", "SN1")
    catalogue.change_product(shop.uow, shop.ctx, ChangeProduct("PHONE", type_path="Accessories"))
    assert catalogue.find_product(shop.uow, "PHONE").tracking is TrackingMode.NONE  # type: ignore[union-attr]


def test_making_untracked_goods_in_stock_strict_is_refused(shop: Shop) -> None:
    """Ten cables in stock have no SN to be sold by: the type's change is refused too."""
    shop.receive("CABLE", quantity=10, cost=8000)
    with pytest.raises(DomainError, match="10 units in stock have no SN"):
        catalogue.set_type(shop.uow, TypeSettings(path="Accessories", tracking=TrackingMode.STRICT))
    assert catalogue.find_product(shop.uow, "CABLE").tracking is TrackingMode.NONE  # type: ignore[union-attr]


def test_an_inactive_product_is_hidden_from_search_and_refused_in_a_receipt(any_shop: Shop) -> None:
    """Out of the range: not found by search unless asked for, not taken in."""
    catalogue.change_product(any_shop.uow, any_shop.ctx, ChangeProduct("CABLE", active=False))
    assert [p.sku for p in catalogue.search_products(any_shop.uow, "каб")] == []
    assert [p.sku for p in catalogue.search_products(any_shop.uow, "каб", inactive=True)] == [
        "CABLE"
    ]
    line = ReceiptLine("CABLE", 5, 8000)
    with pytest.raises(DomainError, match="inactive"):
        receiving.receive(ReceiveStock("ТОВ", (line,)), any_shop.uow, any_shop.ctx)


@pytest.fixture
def catalogue_till(till: Till) -> Till:
    """Phones strict with two in stock, cables untracked."""
    for args in (
        ("type", "add", "Phones", "--tracking", "strict"),
        ("type", "add", "Cables", "--tracking", "none"),
        ("product", "add", "A15", "--name", "Galaxy A15", "--type", "Phones", "--price", "6999"),
        ("product", "add", "USB", "--name", "Кабель", "--type", "Cables", "--price", "199"),
        ("receive", "--supplier", "ТОВ", "--line", "A15:2:5200:SN1,SN2"),
    ):
        assert till(*args)[0] == 0, args
    return till


def test_product_set_prints_each_change_and_prices_shows_the_history(
    catalogue_till: Till,
) -> None:
    """`till product set` then `till product prices`."""
    code, out, _err = catalogue_till(
        "product", "set", "A15", "--price", "6499", "--name", "Galaxy A15 4/128", "--inactive"
    )
    assert code == 0
    assert out.splitlines() == [
        "A15: name Galaxy A15 → Galaxy A15 4/128",
        "A15: price 6999.00 → 6499.00",
        "A15: active yes → no",
    ]
    code, out, _err = catalogue_till("product", "prices", "A15", "--json")
    history = json.loads(out)
    assert (code, history["price"]) == (0, "6499.00")
    assert [(c["old_price"], c["price"]) for c in history["changes"]] == [("6999.00", "6499.00")]


def test_product_set_of_a_tracking_mode_stranding_units_exits_1_naming_them(
    catalogue_till: Till,
) -> None:
    """One line on stderr with the rule and the count; nothing changed."""
    code, _out, err = catalogue_till("product", "set", "A15", "--type", "Cables")
    assert code == 1
    assert "tracking_would_strand_units" in err and "2 units in stock" in err
    assert "Phones" in catalogue_till("product", "list", "A15")[1]


def test_import_update_changes_adds_and_reports_each(catalogue_till: Till, tmp_path: Path) -> None:
    """A changed price, an unchanged row and a new product."""
    csv = tmp_path / "products.csv"
    csv.write_text(
        "sku;name;type;price;barcodes\n"
        "A15;Galaxy A15;Phones;6799;\n"
        "USB;Кабель;Cables;199;\n"
        "HDMI;Кабель HDMI;Cables;299;4820000000031\n",
        encoding="utf-8",
    )
    code, out, err = catalogue_till("import", "products", str(csv), "--update")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["A15: price 6999.00 → 6799.00", "USB: unchanged", "HDMI: added"]


def test_import_update_with_one_bad_row_changes_nothing(
    catalogue_till: Till, tmp_path: Path
) -> None:
    """A bad price on line 3 refuses the file whole: the first row's change is not kept."""
    csv = tmp_path / "products.csv"
    csv.write_text(
        "sku,name,type,price\nA15,Galaxy A15,Phones,5999\nUSB,Кабель,Cables,дорого\n",
        encoding="utf-8",
    )
    code, _out, err = catalogue_till("import", "products", str(csv), "--update")
    assert code == 2
    assert "line 3" in err and "nothing was imported" in err
    listed = json.loads(catalogue_till("product", "list", "A15", "--json")[1])
    assert listed[0]["price"] == "6999.00"
    assert json.loads(catalogue_till("product", "prices", "A15", "--json")[1])["changes"] == []


def test_a_version_6_file_with_goods_is_upgraded_keeping_its_products_active(
    shop: Shop,
) -> None:
    """The shop's day tables, the active column and the journal's indexes are added;
    products, stock and sales stay as they were."""
    shop.receive("PHONE", "SN1", "SN2")
    shop.sell("PHONE", "SN1")
    db = shop.uow.db
    sql = Sql(db)
    for table in ("product_price", "cash_entry", "day_close"):
        sql.run(f"DROP TABLE {table}")
    sql.run("DROP INDEX document_phone")
    sql.run("DROP INDEX document_till_date")
    sql.run("ALTER TABLE product DROP COLUMN active")
    sql.run("UPDATE schema_version SET version = 6")
    assert migrate(db, backup=False) == SCHEMA_VERSION
    assert {"product_price", "cash_entry", "day_close"} <= set(db.get_tables())
    indexes = {i.name for i in db.get_indexes("document")}
    assert {"document_phone", "document_till_date"} <= indexes
    assert [p.active for p in catalogue.search_products(shop.uow, "")] == [True, True, True]
    assert shop.sell("PHONE", "SN2").total == 899900
