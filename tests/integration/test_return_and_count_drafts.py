"""The return and count drafts driven headless on SQLite: a unit by SN, a sale, a count's scans."""

from __future__ import annotations

from pathlib import Path

from bootstrap.services import Services
from core.commands import ReturnQuantity, ReturnUnit
from core.domain.counting import ScanKind
from core.drafts.count import CountDraft, Counted
from core.drafts.customer_return import Preview, ReturnDraft, SaleFound
from core.drafts.entry import Scan
from core.drafts.steps import Choose, Refused
from core.services import queries
from core.views import CountScope
from tests.shop import Shop


def test_a_return_by_serial_previews_the_refund_and_posts_the_unit_back(
    shop: Shop, ledger: Services
) -> None:
    """A sold SN is previewed with its sale price; posting puts the unit back in stock."""
    shop.run("receive PHONE SN-0001; sell PHONE SN-0001")
    draft = ReturnDraft(ledger)
    preview = draft.take(Scan.read("SN-0001", "serial:/dev/ttyACM0"))
    assert isinstance(preview, Preview) and preview.refund == 899900
    assert isinstance(preview.command, ReturnUnit) and preview.unit is not None
    draft.post(preview.command)
    units = queries.unit_summaries(ledger.uow(), "SN-0001", ledger.ctx.clock.today())
    assert [unit.state for unit in units] == ["in_stock"]


def test_a_unit_never_sold_is_refused_with_its_rule(shop: Shop, ledger: Services) -> None:
    """An SN on the shelf cannot come back: the refusal names the rule; nothing is held."""
    shop.receive("PHONE", "SN-0001")
    draft = ReturnDraft(ledger)
    refused = draft.take(Scan.typed("SN-0001"))
    assert isinstance(refused, Refused) and refused.rule == "return_in_stock"
    assert draft.sale is None


def test_a_serial_sold_as_two_products_asks_which_unit(shop: Shop, ledger: Services) -> None:
    """The same SN sold on a phone and a bike is a choice; the chosen one is previewed."""
    shop.run("receive PHONE DUP-1; receive BIKE DUP-1; sell PHONE DUP-1; sell BIKE DUP-1")
    draft = ReturnDraft(ledger)
    choice = draft.take(Scan.typed("DUP-1"))
    assert isinstance(choice, Choose) and len(choice.units) == 2
    bike = next(unit for unit in choice.units if unit.sku == "BIKE")
    preview = draft.pick(bike)
    assert isinstance(preview, Preview) and preview.refund == 1250000


def test_a_sale_number_holds_the_sale_and_a_quantity_comes_back_against_it(
    shop: Shop, ledger: Services
) -> None:
    """Typing the sale's number shows its lines; two of three cables are previewed back."""
    shop.receive("CABLE", quantity=5)
    sale = shop.sell("CABLE", quantity=3)
    draft = ReturnDraft(ledger)
    found = draft.take(Scan.typed(sale.number))
    assert isinstance(found, SaleFound) and draft.sale is found.view
    line, _serials = found.view.lines[0]
    preview = draft.quantity(found.view, line, 2)
    assert isinstance(preview, Preview) and preview.refund == 2 * 19900
    assert preview.command == ReturnQuantity(sale.number, "CABLE", 2)


def test_a_count_scan_is_classified_and_the_sheet_compared(shop: Shop, ledger: Services) -> None:
    """A scanned SN on an open sheet is found as expected; the other phone stays short."""
    shop.receive("PHONE", "SN-0001", "SN-0002")
    draft = CountDraft(ledger)
    draft.show(draft.open(CountScope(product_codes=("PHONE",))))
    counted = draft.take(Scan.read("SN-0001", "hid:/dev/input/event3"))
    assert isinstance(counted, Counted)
    assert [result.kind for result in counted.results] == [ScanKind.EXPECTED]
    assert draft.sheet is counted.sheet
    assert counted.sheet.products[0].shortage == ("SN-0002",)


def test_a_count_scan_without_a_sheet_is_refused(ledger: Services) -> None:
    """Scans need an open sheet first; nothing is recorded."""
    refused = CountDraft(ledger).take(Scan.typed("SN-0001"))
    assert isinstance(refused, Refused) and refused.rule == "input"


def test_a_handheld_file_is_recorded_in_batches_with_progress(
    shop: Shop, ledger: Services, tmp_path: Path
) -> None:
    """A scanner's CSV export is read, recorded, and its progress told."""
    shop.receive("PHONE", "SN-0001", "SN-0002")
    draft = CountDraft(ledger)
    draft.show(draft.open(CountScope()))
    export = tmp_path / "scans.csv"
    export.write_text("serial\nSN-0001\nSN-0002\n", encoding="utf-8")
    told: list[tuple[int, int]] = []
    counted = draft.apply(draft.import_file(str(export), lambda d, t: told.append((d, t))))
    assert isinstance(counted, Counted) and len(counted.results) == 2
    assert told == [(2, 2)]
