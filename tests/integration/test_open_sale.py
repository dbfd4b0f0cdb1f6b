"""The open sale's file and its resumption: atomic and owner-only, a damaged file set aside,
and every line checked again against the ledger as it is when the sale comes back."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bootstrap.open_sale import OpenSaleFile, open_sale_path
from bootstrap.services import Services
from core.drafts.cart import Cart, CartLine
from core.drafts.entry import Scan
from core.drafts.sale import SaleDraft
from core.drafts.saved_sale import UnreadableSale
from tests.fakes import FakeClock
from tests.shop import Shop

NOW = datetime(2026, 12, 2, 9, 41, tzinfo=UTC)


def _store(tmp_path: Path) -> OpenSaleFile:
    return OpenSaleFile(open_sale_path("/srv/till.sqlite3", "till-1", tmp_path / "state"))


def test_the_saved_sale_is_the_owners_alone_and_reads_back(tmp_path: Path) -> None:
    store = _store(tmp_path)
    cart = Cart(lines=(CartLine("CABLE", "Кабель", 19900, quantity=2),), customer="Іван")
    store.keep(cart, NOW)
    store.flush()
    saved = store.read()
    assert saved is not None and saved.cart == cart and saved.saved_at == NOW
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]


def test_an_emptied_or_posted_sale_leaves_no_file(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.keep(Cart(lines=(CartLine("CABLE", "Кабель", 19900),)), NOW)
    store.flush()
    store.keep(Cart(), NOW)
    store.flush()
    assert store.read() is None and not store.path.exists()
    store.keep(Cart(lines=(CartLine("CABLE", "Кабель", 19900),)), NOW)
    store.flush()
    store.clear()
    assert store.read() is None


def test_each_database_and_till_has_its_own_file(tmp_path: Path) -> None:
    paths = {
        open_sale_path(db, till, tmp_path)
        for db in ("/a.sqlite3", "/b.sqlite3")
        for till in ("till-1", "till-2")
    }
    assert len(paths) == 4


def test_a_damaged_file_is_unreadable_then_set_aside(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b'{"format": 1, "lines": [')
    with pytest.raises(UnreadableSale):
        store.read()
    aside = store.set_aside()
    assert aside is not None and aside.exists() and aside != store.path
    assert store.read() is None


def test_a_resumed_sale_drops_a_unit_sold_meanwhile_naming_its_sn(
    shop: Shop, ledger: Services
) -> None:
    """Two phones and cables were open; one phone was sold elsewhere before the restart."""
    shop.receive("PHONE", "SN-0001", "SN-0002")
    shop.receive("CABLE", quantity=10)
    draft = SaleDraft(ledger)
    for code in ("PHONE", "SN-0001", "SN-0002", "", "CABLE", "CABLE"):
        draft.take(Scan.typed(code))
    saved = draft.cart
    clock = ledger.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(minutes=ledger.ctx.hold_minutes + 1)  # the dead till's holds run out
    shop.sell("PHONE", "SN-0002")
    resumed = SaleDraft(ledger).resume(saved)
    assert [(line.sku, line.serial, line.quantity) for line in resumed.cart.lines] == [
        ("PHONE", "SN-0001", 1),
        ("CABLE", None, 2),
    ]
    assert len(resumed.dropped) == 1 and "SN-0002" in resumed.dropped[0]
    assert "left out of the restored sale" in resumed.dropped[0]
    assert resumed.cart.request == saved.request


def test_a_resumed_sale_takes_the_current_price_unless_the_cashier_set_one(
    shop: Shop, ledger: Services
) -> None:
    shop.receive("CABLE", quantity=10)
    saved = Cart(
        lines=(
            CartLine("CABLE", "old name", 100, quantity=1),
            CartLine("CABLE", "old name", 15000, quantity=1, price_override=True),
        )
    )
    resumed = SaleDraft(ledger).resume(saved)
    assert [(line.name, line.unit_price) for line in resumed.cart.lines] == [
        ("Кабель USB-C", 19900),
        ("Кабель USB-C", 15000),
    ]
    assert resumed.dropped == ()
