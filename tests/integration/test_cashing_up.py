"""Cashing up: cash paid in and out, the day's summary by payment, price overrides with who
made them, and a closed day whose summary never changes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from core.commands import ChangeProduct, Item, MoveCash, Payment, RecordSale
from core.domain.day_summary import CashDirection
from core.domain.errors import DomainError, InputError
from core.services import cashing_up, catalogue, selling
from devices.print.escpos_dump import decode
from tests.integration.conftest import Till
from tests.shop import Shop

DAY = date(2026, 3, 2)


def _sell(shop: Shop, *items: Item, payment: Payment = Payment.CASH) -> None:
    selling.sell(RecordSale(items, payment=payment), shop.uow, shop.ctx)


def _pay(shop: Shop, direction: CashDirection, amount: int, reason: str) -> None:
    cashing_up.move_cash(MoveCash(direction, amount, reason), shop.uow, shop.ctx)


def _a_day_of_trade(shop: Shop) -> None:
    """Cash and card sales, a price override, a cash refund, cash paid in and out."""
    shop.receive("PHONE", "SN1", "SN2")
    shop.receive("CABLE", quantity=10, cost=8000)
    _pay(shop, CashDirection.IN, 50000, "розмінна монета")
    _sell(shop, Item("PHONE", "SN1"))
    _sell(shop, Item("PHONE", "SN2"), payment=Payment.CARD)
    _sell(shop, Item("CABLE", quantity=2, price=15000))
    shop.return_serial("SN1")
    _pay(shop, CashDirection.OUT, 20000, "кур'єр")


def test_the_cash_expected_is_cash_sales_less_cash_refunds_plus_paid_in_less_paid_out(
    any_shop: Shop,
) -> None:
    """8999 + 300 cash sold, 8999 refunded, 500 in, 200 out: 600 in the drawer."""
    _a_day_of_trade(any_shop)
    day = cashing_up.summary(any_shop.uow, DAY, "till-1")
    assert day.sales == {"cash": 899900 + 30000, "card": 899900}
    assert day.refunds == {"cash": 899900}
    assert (day.paid_in, day.paid_out) == (50000, 20000)
    assert day.cash_expected == 899900 + 30000 - 899900 + 50000 - 20000 == 60000
    assert day.documents == {"customer_return": 1, "receipt": 2, "sale": 3}


def test_a_price_override_is_listed_with_who_made_it_but_a_new_catalogue_price_is_not(
    shop: Shop,
) -> None:
    """The cable sold at 150 against 199 is an override; a phone sold after a price change
    at the new price is not."""
    _a_day_of_trade(shop)
    shop.receive("PHONE", "SN3")
    shop.ctx.clock.advance(minutes=30)  # type: ignore[attr-defined]
    catalogue.change_product(shop.uow, shop.ctx, ChangeProduct("PHONE", price=799900))
    _sell(shop, Item("PHONE", "SN3"))
    day = cashing_up.summary(shop.uow, DAY, "till-1")
    assert [(o.sku, o.quantity, o.list_price, o.sold_price, o.operator) for o in day.overrides] == [
        ("CABLE", 2, 19900, 15000, "olena")
    ]


def test_a_closed_day_keeps_its_summary_and_refuses_more_cash(any_shop: Shop) -> None:
    """A sale posted after the close leaves the stored Z as it was; paying in is refused."""
    _a_day_of_trade(any_shop)
    closed = cashing_up.close_day(any_shop.uow, any_shop.ctx)
    _sell(any_shop, Item("CABLE"))
    again = cashing_up.summary(any_shop.uow, DAY, "till-1")
    assert again == closed and again.closed_by == "olena"
    with pytest.raises(DomainError, match="is closed") as refused:
        _pay(any_shop, CashDirection.IN, 100, "ще")
    assert refused.value.rule == "day_closed"
    with pytest.raises(DomainError, match="is closed"):
        cashing_up.close_day(any_shop.uow, any_shop.ctx)


def test_paying_out_more_than_the_drawer_holds_is_refused(shop: Shop) -> None:
    """An empty drawer cannot pay out 1.00."""
    with pytest.raises(DomainError, match="should hold 0.00") as refused:
        _pay(shop, CashDirection.OUT, 100, "пробний")
    assert refused.value.rule == "not_enough_cash"


def test_an_amount_of_zero_or_a_blank_reason_is_refused() -> None:
    """Cash moves need an amount and a reason."""
    with pytest.raises(InputError, match="more than 0"):
        MoveCash(CashDirection.IN, 0, "float")
    with pytest.raises(InputError, match="Reason is empty"):
        MoveCash(CashDirection.IN, 100, "  ")


def test_the_shop_summary_adds_every_till_together(any_shop: Shop) -> None:
    """Two tills' cash sales add up in the any_shop's day."""
    any_shop.receive("CABLE", quantity=10, cost=8000)
    _sell(any_shop, Item("CABLE"))
    other = replace(any_shop, ctx=replace(any_shop.ctx, till="till-2", operator="taras"))
    _sell(other, Item("CABLE", quantity=2))
    _pay(other, CashDirection.IN, 1000, "розмін")
    day = cashing_up.summary(any_shop.uow, DAY, None)
    assert day.till == "" and day.sales == {"cash": 3 * 19900}
    assert day.cash_expected == 3 * 19900 + 1000


def test_day_commands_pay_in_summarise_close_and_print_the_z_report(
    till: Till, tmp_path: Path
) -> None:
    """`till day pay-in|pay-out|summary|close --print` from the command line."""
    for args in (
        ("type", "add", "Cables", "--tracking", "none"),
        ("product", "add", "USB", "--name", "Кабель", "--type", "Cables", "--price", "199"),
        ("receive", "--supplier", "ТОВ", "--line", "USB:10:80"),
        ("sell", "USB*2"),
        ("sell", "USB", "--payment", "card"),
    ):
        assert till(*args)[0] == 0, args
    assert till("day", "pay-in", "500", "--reason", "розмінна монета")[1].strip().endswith("898.00")
    assert till("day", "pay-out", "100", "--reason", "кур'єр")[0] == 0
    found = json.loads(till("day", "summary", "--json")[1])
    assert found["sales"] == {"card": "199.00", "cash": "398.00"}
    assert found["cash"][0]["amount"] == "500.00" and found["paid_out"] == "100.00"
    assert found["cash_expected"] == "798.00" and found["closed_at"] is None
    printed = tmp_path / "z.bin"
    code, out, err = till("day", "close", "--print", "--printer", f"file://{printed}")
    assert (code, err) == (0, "")
    assert "expected in the drawer" in out and "798.00" in out
    text = "\n".join(decode(printed.read_bytes()).lines())
    assert "Z-ЗВІТ" in text and "798,00" in text
    head = json.loads(till("journal", "verify", "--json")[1])["head"]
    assert f"Журнал: запис {head['seq']}" in text and head["hash"][:32] in text
    code, _out, err = till("day", "pay-in", "1", "--reason", "ще")
    assert code == 1 and "day_closed" in err
    csv_out = till("day", "summary", "--format", "csv")[1]
    assert "cash,expected in the drawer,798.00" in csv_out
