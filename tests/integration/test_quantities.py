"""The quantity report: every product in stock by quantity and value, per type and in all."""

from __future__ import annotations

import json

from core.domain.catalogue import TrackingMode, TypeSettings
from core.persistence.db import Sql
from core.services import catalogue, reports
from core.services.catalogue import NewProduct
from tests.integration.conftest import Till
from tests.shop import Shop


def _on_hand_by_the_ledger(shop: Shop) -> dict[str, int]:
    """Quantity per SKU folded from the movements alone."""
    rows = Sql(shop.uow.db).rows(
        "SELECT p.sku, SUM(CASE WHEN m.to_location = 'store' THEN m.quantity ELSE 0 END) "
        "- SUM(CASE WHEN m.from_location = 'store' THEN m.quantity ELSE 0 END) "
        "FROM movement m JOIN product p ON p.id = m.product_id GROUP BY p.sku"
    )
    return {sku: int(quantity) for sku, quantity in rows}


def _stock_a_cable_a_soft_drill_and_a_strict_phone(shop: Shop) -> None:
    catalogue.set_type(shop.uow, TypeSettings(path="Tools", tracking=TrackingMode.SOFT))
    catalogue.add_product(shop.uow, NewProduct("DRILL", "Дриль Бош", "Tools", 250000))
    shop.receive("CABLE", quantity=10, cost=8000)
    shop.receive("CABLE", quantity=5, cost=9000)
    shop.sell("CABLE", quantity=12)
    shop.receive("DRILL", "D1", "D2", "D3", cost=150000)
    shop.sell("DRILL", "D1")
    shop.receive("PHONE", "SN1", cost=500000)
    shop.receive("PHONE", "SN2", cost=520000)
    shop.sell("PHONE", "SN1")


def test_quantities_of_a_cable_a_soft_drill_and_a_strict_phone_match_the_ledger(
    any_shop: Shop,
) -> None:
    """3 cables at the later layer's cost, 2 drills by FIFO, 1 phone at its own cost."""
    _stock_a_cable_a_soft_drill_and_a_strict_phone(any_shop)
    found = reports.quantities(any_shop.uow)
    rows = {r.sku: (r.tracking, r.quantity, r.cost_value, r.price_value) for r in found.rows}
    assert rows == {
        "CABLE": ("none", 3, 27000, 59700),
        "DRILL": ("soft", 2, 300000, 500000),
        "PHONE": ("strict", 1, 520000, 899900),
    }
    ledger = _on_hand_by_the_ledger(any_shop)
    assert {sku: quantity for sku, (_t, quantity, _c, _p) in rows.items()} == {
        sku: ledger[sku] for sku in rows
    }
    assert (found.total.quantity, found.total.cost_value, found.total.price_value) == (
        6,
        847000,
        1459600,
    )
    by_type = {t.type_path: (t.products, t.quantity) for t in found.types}
    assert by_type["Electronics"] == by_type["Electronics/Phones"] == (1, 1)


def test_quantities_filter_by_type_and_product(shop: Shop) -> None:
    """A type keeps its sub-types' goods; a product code (or barcode) keeps one product."""
    _stock_a_cable_a_soft_drill_and_a_strict_phone(shop)
    assert [r.sku for r in reports.quantities(shop.uow, "Electronics").rows] == ["PHONE"]
    assert [r.sku for r in reports.quantities(shop.uow, None, "4820000000017").rows] == ["PHONE"]


def test_report_quantities_shows_untracked_cables_where_the_sn_report_shows_none(
    till: Till,
) -> None:
    """`till report quantities --product USB` says 7 where `report stock` lists no unit."""
    for args in (
        ("type", "add", "Cables", "--tracking", "none"),
        ("product", "add", "USB", "--name", "Кабель", "--type", "Cables", "--price", "199"),
        ("receive", "--supplier", "ТОВ", "--line", "USB:10:80"),
        ("sell", "USB*3"),
    ):
        assert till(*args)[0] == 0, args
    code, out, _err = till("report", "quantities", "--product", "USB", "--json")
    found = json.loads(out)
    assert code == 0
    assert found["products"] == [
        {
            "sku": "USB",
            "name": "Кабель",
            "type": "Cables",
            "tracking": "none",
            "quantity": 7,
            "value_at_cost": "560.00",
            "price": "199.00",
            "value_at_price": "1393.00",
        }
    ]
    assert found["total"] == {
        "products": 1,
        "quantity": 7,
        "value_at_cost": "560.00",
        "value_at_price": "1393.00",
    }
    code, out, _err = till("report", "quantities", "--format", "csv")
    assert out.splitlines()[1].startswith("product,USB,Кабель,Cables,none,7,560.00")
    assert out.splitlines()[-1].startswith("total,,,all goods,,7,560.00,,1393.00")
    assert till("report", "stock", "--product", "USB", "--json")[1].strip() == "[]"
