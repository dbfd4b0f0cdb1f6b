"""Quantities that add up many lines hold past 32 bits on both engines."""

from __future__ import annotations

from core.persistence.db import Sql
from core.services import rebuild
from tests.shop import Shop


def test_stock_on_hand_passes_two_to_the_31_and_verifies(any_shop: Shop) -> None:
    """A stock level past 2,147,483,647 units is stored and read back whole (as it would be
    after 2,148 receipts of 1,000,000 units), and the ledger still verifies."""
    any_shop.receive("CABLE", quantity=1_000_000)
    sql = Sql(any_shop.uow.db)
    product_id = sql.scalar("SELECT product_id FROM stock_level")
    big = 3_000_000_000
    sql.run("UPDATE stock_level SET on_hand = ? WHERE product_id = ?", (big, product_id))
    assert int(sql.scalar("SELECT on_hand FROM stock_level")) == big
    result = rebuild.verify(any_shop.uow)
    assert not result.ok
    rebuild.rebuild(any_shop.uow)
    assert int(sql.scalar("SELECT on_hand FROM stock_level")) == 1_000_000
