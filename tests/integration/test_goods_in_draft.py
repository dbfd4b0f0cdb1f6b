"""The goods-in draft driven headless on SQLite: products found, a line's SNs collected, posted."""

from __future__ import annotations

from bootstrap.services import Services
from core.drafts.entry import Scan
from core.drafts.goods_in import Accepted, Found, GoodsInDraft, LineFull
from core.drafts.steps import EndedSerials, Refused
from core.services import queries
from tests.shop import PHONE_BARCODE, Shop


def phone_line(ledger: Services, quantity: int) -> GoodsInDraft:
    """A draft invoice from a supplier with one line of phones found by their barcode."""
    draft = GoodsInDraft(ledger)
    draft.receipt = draft.receipt.with_header("ТОВ Постач", "INV-7")
    found = draft.find(Scan.read(PHONE_BARCODE, "wedge"))
    assert isinstance(found, Found)
    draft.add(found.product, quantity, 400000)
    return draft


def test_a_scanned_code_finds_its_product_and_an_unknown_one_is_refused(
    ledger: Services,
) -> None:
    """The barcode names the phone; a code no product has is refused by name."""
    draft = GoodsInDraft(ledger)
    found = draft.find(Scan.typed(PHONE_BARCODE))
    assert isinstance(found, Found) and found.product.sku == "PHONE"
    refused = draft.find(Scan.typed("NOPE"))
    assert isinstance(refused, Refused) and "NOPE" in refused.message


def test_a_tracked_line_collects_its_serials_until_the_count_matches(ledger: Services) -> None:
    """Two phones take two SNs, normalised; a third is refused as one too many."""
    draft = phone_line(ledger, 2)
    entry = draft.serials(0)
    assert isinstance(entry.take(Scan.typed("n-1")), Accepted)
    assert isinstance(entry.take(Scan.read("N-2", "hid:/dev/input/event3")), Accepted)
    full = entry.take(Scan.typed("N-3"))
    assert isinstance(full, LineFull) and "2" in full.message
    assert entry.serials == ["N-1", "N-2"]
    assert isinstance(entry.take(Scan.typed("")), EndedSerials)


def test_a_serial_twice_in_the_invoice_is_refused_and_not_added(ledger: Services) -> None:
    """The same SN scanned twice is refused on the spot; the line keeps one."""
    entry = phone_line(ledger, 3).serials(0)
    entry.take(Scan.typed("N-1"))
    refused = entry.take(Scan.typed("N-1"))
    assert isinstance(refused, Refused) and refused.rule == "duplicate_in_document"
    assert entry.serials == ["N-1"]


def test_a_serial_already_in_stock_is_refused(shop: Shop, ledger: Services) -> None:
    """An SN that is on the shelf cannot come in again."""
    shop.receive("PHONE", "SN-0001")
    refused = phone_line(ledger, 1).serials(0).take(Scan.typed("SN-0001"))
    assert isinstance(refused, Refused) and refused.rule == "duplicate_receipt"


def test_posting_the_invoice_takes_its_units_in(ledger: Services) -> None:
    """The collected SNs go on the line and the receipt posts them into stock."""
    draft = phone_line(ledger, 2)
    entry = draft.serials(0)
    for code in ("N-1", "N-2"):
        entry.take(Scan.typed(code))
    draft.receipt = draft.receipt.with_serials(0, entry.serials)
    posted = draft.post()
    assert posted.lines[0].serials == ("N-1", "N-2")
    assert len(queries.find_units(ledger.uow(), "N-2")) == 1
