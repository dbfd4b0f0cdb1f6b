"""A till keeps the products it read across documents only while the catalogue version has
not moved: a change made by another till, or by hand in SQL, is seen by the next document;
a change rolled back leaves nothing behind (both engines)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from peewee import Database

from core.commands import ChangeProduct
from core.domain.errors import InputError
from core.persistence.db import Sql, is_postgres, open_database
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.services import catalogue
from tests.fakes import FakeClock
from tests.shop import Shop


def _url(db: Database) -> str:
    if is_postgres(db):
        options = db.connect_params["options"].split("search_path=")[1]
        return f"postgresql://postgres@127.0.0.1:5432/{db.database}?search_path={options}"
    return str(db.database)


def test_a_price_changed_by_another_till_is_the_price_of_the_next_sale(
    any_db: Database,
) -> None:
    here = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-1", "olena"))
    here.receive("CABLE", quantity=10, cost=5000)
    assert here.sell("CABLE").lines[0].unit_amount == 19900
    other_db = open_database(_url(any_db))
    try:
        other = Shop(UnitOfWork(other_db), Context(FakeClock(), "till-2", "ivan"))
        catalogue.change_product(other.uow, other.ctx, ChangeProduct("CABLE", price=25000))
        assert here.sell("CABLE").lines[0].unit_amount == 25000
        Sql(other_db).run("UPDATE product SET price = 30000 WHERE sku = 'CABLE'")
        assert here.sell("CABLE").lines[0].unit_amount == 30000
    finally:
        other_db.close()


def test_a_catalogue_change_rolled_back_leaves_the_catalogue_as_it_was(
    any_db: Database,
) -> None:
    shop = Shop.with_catalogue(UnitOfWork(any_db), Context(FakeClock(), "till-1", "olena"))
    shop.receive("CABLE", quantity=10, cost=5000)
    assert shop.sell("CABLE").lines[0].unit_amount == 19900
    with pytest.raises(InputError), shop.uow:
        cable = shop.uow.catalogue.product_by_code("CABLE")
        assert cable is not None
        shop.uow.catalogue.update_product(replace(cable, price=1))
        changed = shop.uow.catalogue.product_by_code("CABLE")
        assert changed is not None and changed.price == 1
        raise InputError("the cashier cancelled")
    assert shop.sell("CABLE").lines[0].unit_amount == 19900
