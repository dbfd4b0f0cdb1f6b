"""The sale draft driven headless on SQLite: what each scan means, as the sale screen shows it."""

from __future__ import annotations

from bootstrap.services import Services
from core.commands import Payment
from core.drafts.entry import Scan, ScanSource
from core.drafts.sale import Added, AskSerial, Changed, SaleDraft
from core.drafts.steps import Choose, EndedSerials, Refused
from core.services import queries
from devices.scan.base import ScanEvent
from tests.shop import PHONE_BARCODE, Shop


def typed(*codes: str) -> list[Scan]:
    """Codes as typed into the scan field."""
    return [Scan.typed(code) for code in codes]


def sold_lines(draft: SaleDraft) -> list[tuple[str, str | None, int]]:
    """The cart as (sku, serial, quantity) triples."""
    return [(line.sku, line.serial, line.quantity) for line in draft.cart.lines]


def test_scanning_a_strict_product_asks_for_its_serial_and_adds_the_unit_once_checked(
    shop: Shop, ledger: Services
) -> None:
    """The phone's barcode asks for an SN; the SN goes in normalised, after the check."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    asked = draft.take(Scan.read(PHONE_BARCODE, "hid:/dev/input/event3"))
    assert isinstance(asked, AskSerial) and asked.product.sku == "PHONE"
    assert draft.cart.pending is not None and draft.cart.lines == ()
    added = draft.take(Scan.read("sn-0001", "serial:/dev/ttyACM0"))
    assert isinstance(added, Added) and added.line.serial == "SN-0001"
    assert sold_lines(draft) == [("PHONE", "SN-0001", 1)]


def test_loop_mode_keeps_asking_until_an_empty_scan_ends_it(shop: Shop, ledger: Services) -> None:
    """In loop mode each SN adds a unit of the same product; an empty scan ends the loop."""
    shop.receive("PHONE", "SN-0001", "SN-0002")
    draft = SaleDraft(ledger, loop=True)
    for scan in typed("PHONE", "SN-0001", "SN-0002"):
        draft.take(scan)
    assert draft.cart.pending is not None and draft.cart.pending.added == 2
    assert isinstance(draft.take(Scan.typed("")), EndedSerials)
    assert draft.cart.pending is None
    assert [serial for _, serial, _ in sold_lines(draft)] == ["SN-0001", "SN-0002"]


def test_loop_off_ends_serial_entry_after_one_unit(shop: Shop, ledger: Services) -> None:
    """With the loop off the draft stops asking after one serial number."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger, loop=False)
    for scan in typed("PHONE", "SN-0001"):
        draft.take(scan)
    assert draft.cart.pending is None and len(draft.cart.lines) == 1


def test_a_strict_refusal_names_the_rule_and_leaves_the_draft_unchanged(
    shop: Shop, ledger: Services
) -> None:
    """An SN never received is refused with its rule; the cart and the prompt stay as they were."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    draft.take(Scan.typed("PHONE"))
    before = draft.cart
    refused = draft.take(Scan.typed("SN-9999"))
    assert isinstance(refused, Refused)
    assert (refused.rule, refused.about) == ("not_in_stock", "serial")
    assert "never received" in refused.message
    assert draft.cart == before


def test_a_box_barcode_in_the_serial_loop_is_refused_as_a_serial(
    shop: Shop, ledger: Services
) -> None:
    """The phone's own barcode scanned while its SNs are asked for is an SN mistake."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    for scan in typed("PHONE", "SN-0001"):
        draft.take(scan)
    refused = draft.take(Scan.typed(PHONE_BARCODE))
    assert isinstance(refused, Refused) and refused.rule == "barcode_as_serial"
    assert len(draft.cart.lines) == 1


def test_another_products_code_ends_the_loop_and_is_taken_as_that_product(
    shop: Shop, ledger: Services
) -> None:
    """After a phone's SN, a bike's code asks for the bike's SN instead."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    for scan in typed("PHONE", "SN-0001"):
        draft.take(scan)
    asked = draft.take(Scan.typed("BIKE"))
    assert isinstance(asked, AskSerial)
    assert draft.cart.pending is not None and draft.cart.pending.sku == "BIKE"


def test_a_serial_scanned_alone_finds_its_unit(shop: Shop, ledger: Services) -> None:
    """An SN without its product first adds the one unit in stock with it."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    added = draft.take(Scan.read("SN-0001", "wedge"))
    assert isinstance(added, Added)
    assert sold_lines(draft) == [("PHONE", "SN-0001", 1)]


def test_a_serial_two_products_have_in_stock_asks_which_unit(shop: Shop, ledger: Services) -> None:
    """The same SN on a phone and a bike is a choice; the chosen unit goes in."""
    shop.receive("PHONE", "DUP-1")
    shop.receive("BIKE", "DUP-1")
    draft = SaleDraft(ledger)
    choice = draft.take(Scan.typed("DUP-1"))
    assert isinstance(choice, Choose)
    assert sorted(unit.sku for unit in choice.units) == ["BIKE", "PHONE"]
    assert draft.cart.lines == ()
    bike = next(unit for unit in choice.units if unit.sku == "BIKE")
    draft.apply(draft.pick(bike))
    assert sold_lines(draft) == [("BIKE", "DUP-1", 1)]


def test_a_sold_serial_scanned_alone_is_refused_as_not_in_stock(
    shop: Shop, ledger: Services
) -> None:
    """A unit already sold cannot be rung up again; the refusal says where it is."""
    shop.run("receive PHONE SN-0001; sell PHONE SN-0001")
    refused = SaleDraft(ledger).take(Scan.typed("SN-0001"))
    assert isinstance(refused, Refused) and refused.rule == "not_in_stock"
    assert "sold" in refused.message


def test_an_unknown_code_is_refused_by_name(ledger: Services) -> None:
    """A code that is neither a product nor a known SN is refused as not found."""
    refused = SaleDraft(ledger).take(Scan.typed("NOPE-42"))
    assert isinstance(refused, Refused) and refused.rule == "not_found"
    assert "NOPE-42" in refused.message


def test_a_soft_product_without_stock_goes_in_with_a_warning(ledger: Services) -> None:
    """Soft tracking lets a bike with an unknown SN go in, carrying the warning."""
    draft = SaleDraft(ledger)
    draft.take(Scan.typed("BIKE"))
    added = draft.take(Scan.typed("B-1"))
    assert isinstance(added, Added)
    assert [w.rule for w in added.line.warnings] == ["not_in_stock"]


def test_untracked_scans_merge_and_a_quantity_edit_is_checked(shop: Shop, ledger: Services) -> None:
    """Cables need no SN: two scans make one line of two; an edit past the stock is refused."""
    shop.receive("CABLE", quantity=10)
    draft = SaleDraft(ledger)
    draft.take(Scan.typed("CABLE"))
    draft.take(Scan.typed("CABLE"))
    assert sold_lines(draft) == [("CABLE", None, 2)]
    changed = draft.apply(draft.edit(lambda cart: cart.with_quantity(0, 5)))
    assert isinstance(changed, Changed)
    assert sold_lines(draft) == [("CABLE", None, 5)]
    refused = draft.apply(draft.edit(lambda cart: cart.with_quantity(0, 11)))
    assert isinstance(refused, Refused) and refused.about == "edit"
    assert sold_lines(draft) == [("CABLE", None, 5)]


def test_posting_the_draft_records_the_sale_of_the_unit(shop: Shop, ledger: Services) -> None:
    """The draft posts its sale through the core; the unit is sold."""
    shop.receive("PHONE", "SN-0001")
    draft = SaleDraft(ledger)
    for scan in typed("PHONE", "SN-0001", ""):
        draft.take(scan)
    posted = draft.post(Payment.CARD)
    assert posted.total == 899900
    units = queries.unit_summaries(ledger.uow(), "SN-0001", ledger.ctx.clock.today())
    assert [unit.state for unit in units] == ["sold"]


def test_a_scan_keeps_the_kind_and_device_of_its_source() -> None:
    """A device's source name or event maps to the scan's source; unknown ones are the wedge."""
    assert Scan.read("X", "hid:/dev/input/event3") == Scan("X", ScanSource.HID, "/dev/input/event3")
    assert Scan.read("X", "serial:/dev/ttyACM0").source is ScanSource.SERIAL
    assert Scan.read("X", "fake").source is ScanSource.WEDGE
    assert Scan.typed(" X ").text == "X"
    assert ScanEvent("X", "serial:/dev/ttyACM0", 0.0).scan() == Scan.read(
        "X", "serial:/dev/ttyACM0"
    )
