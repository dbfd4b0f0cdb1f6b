"""The sale screen at 80×24: scans, serial numbers (strict, soft, loop), edits and payment."""

from __future__ import annotations

import pytest
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from core.drafts.entry import Scan, ScanSource
from core.drafts.sale import SaleDraft, SaleStep
from core.services import queries
from tests.fakes import FakeClock
from tests.shop import PHONE_BARCODE, Shop
from tests.tui.pilot import Bells, burst, press, scan, settle, top, type_in
from tui.app import TillApp, make_app
from tui.dialogs.error import ErrorDialog
from tui.dialogs.serial_prompt import SerialPrompt
from tui.scanning import ScanReceived
from tui.screens.sale import SaleScreen
from tui.widgets.notice import Notice

SIZE = (80, 24)


def sale(app: TillApp) -> SaleScreen:
    """The sale screen under whatever dialog is open."""
    screen = app.screen_stack[0]
    assert isinstance(screen, SaleScreen)
    return screen


def lines(app: TillApp) -> list[tuple[str, str | None, int]]:
    """The cart as (sku, serial, quantity) triples."""
    return [(line.sku, line.serial, line.quantity) for line in sale(app).cart.lines]


def error_text(app: TillApp) -> str:
    """Title and message of the error dialog on top."""
    assert isinstance(app.screen, ErrorDialog)
    return f"{app.screen.heading}: {app.screen.message}"


async def test_untracked_product_is_added_at_once_and_again_raises_quantity(
    services: Services,
) -> None:
    """A cable needs no serial number: each scan adds one at once."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        assert lines(app) == [("CABLE", None, 1)]
        await scan(pilot, "CABLE")
        assert lines(app) == [("CABLE", None, 2)]
        assert top(app) == "SaleScreen"


async def test_strict_product_asks_for_the_serial_and_adds_the_line_only_after_the_check(
    services: Services,
) -> None:
    """Scanning a phone opens the SN prompt; the line appears once the SN passes."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, PHONE_BARCODE)
        assert top(app) == "SerialPrompt"
        assert lines(app) == []
        await scan(pilot, "sn-0001")
        assert lines(app) == [("PHONE", "SN-0001", 1)]


async def test_loop_mode_keeps_asking_until_an_empty_enter(services: Services) -> None:
    """In loop mode the prompt stays for the next SN; Enter on an empty field ends it."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", "SN-0002", "SN-0003")
        assert top(app) == "SerialPrompt"
        assert isinstance(app.screen, SerialPrompt)
        assert "added: 3" in str(app.screen.query_one("#state", Static).render())
        await press(pilot, "enter")
        assert top(app) == "SaleScreen"
        assert [serial for _, serial, _ in lines(app)] == ["SN-0001", "SN-0002", "SN-0003"]


async def test_another_product_scanned_in_the_loop_ends_it_and_goes_in(
    services: Services,
) -> None:
    """After a phone's SN, a bike's code ends the phone loop and asks for the bike's SN."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", "BIKE")
        assert isinstance(app.screen, SerialPrompt)
        assert app.screen.cart.pending is not None and app.screen.cart.pending.sku == "BIKE"
        await scan(pilot, "B-1", "")
        assert lines(app) == [("PHONE", "SN-0001", 1), ("BIKE", "B-1", 1)]


async def test_the_same_products_barcode_in_the_loop_is_still_refused(
    services: Services,
) -> None:
    """The phone's own box barcode in its loop is an SN mistake, refused by the core."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", PHONE_BARCODE)
        assert "looks like a product barcode" in error_text(app)


async def test_f10_in_the_serial_prompt_goes_straight_to_payment(services: Services) -> None:
    """F10 ends the loop and opens the payment."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001")
        await press(pilot, "f10")
        assert top(app) == "PaymentDialog"
        assert sale(app).cart.pending is None


async def test_escape_ends_the_loop_and_keeps_the_units(services: Services) -> None:
    """Esc in the prompt ends serial entry; the units already in stay."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001")
        await press(pilot, "escape")
        assert top(app) == "SaleScreen"
        assert lines(app) == [("PHONE", "SN-0001", 1)]


async def test_loop_off_asks_for_one_serial_and_f7_switches_it_back_on(tmp_path: object) -> None:
    """With loop scanning off the prompt closes after one unit; F7 turns the loop on."""
    from pathlib import Path

    from tests.tui.conftest import make_services, stock

    services = make_services(Path(str(tmp_path)), loop=False)
    stock(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001")
        assert top(app) == "SaleScreen"
        await press(pilot, "f7")
        assert sale(app).cart.loop
        await scan(pilot, "PHONE", "SN-0002", "SN-0003")
        assert top(app) == "SerialPrompt"
        assert len(lines(app)) == 3


async def test_scans_faster_than_the_checks_are_taken_in_order(services: Services) -> None:
    """A burst of scans is checked one by one, each against the sale the last one left."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "PHONE", "SN-0001", "SN-0002", "", "CABLE")
        assert lines(app) == [("PHONE", "SN-0001", 1), ("PHONE", "SN-0002", 1), ("CABLE", None, 1)]


async def test_strict_refusal_rings_shows_what_to_do_and_leaves_the_sale_untouched(
    services: Services,
) -> None:
    """A sold SN is refused in a dialog with a bell; the sale and the prompt stay as they were."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        bells = Bells(app)
        await scan(pilot, "PHONE", "SN-0001")
        before = sale(app).cart
        await scan(pilot, "SN-0005")
        assert top(app) == "ErrorDialog"
        assert "SN-0005" in error_text(app) and "already sold" in error_text(app)
        assert isinstance(app.screen, ErrorDialog)
        assert "scan it again" in app.screen.hint
        assert bells.count == 1
        assert sale(app).cart == before
        await press(pilot, "enter")
        assert top(app) == "SerialPrompt"
        await scan(pilot, "SN-0002")
        assert len(lines(app)) == 2


async def test_the_same_serial_twice_in_one_sale_is_refused(services: Services) -> None:
    """A unit already in the sale cannot go in again."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", "SN-0001")
        assert "already in this document" in error_text(app)
        assert len(lines(app)) == 1


async def test_the_box_barcode_in_the_serial_field_is_refused(services: Services) -> None:
    """Scanning the product barcode when the SN is asked is refused, saying what to scan."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", PHONE_BARCODE)
        assert "looks like a product barcode" in error_text(app)
        assert lines(app) == []


async def test_strict_product_without_a_serial_is_refused(services: Services) -> None:
    """Enter without an SN for a strictly tracked phone is refused."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE")
        await press(pilot, "enter")
        assert "needs a serial number" in error_text(app)
        assert lines(app) == []


async def test_soft_warning_shows_and_lets_the_line_in(services: Services) -> None:
    """A bike SN never received is let in with a warning and a marked line."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "BIKE", "B-99")
        assert lines(app) == [("BIKE", "B-99", 1)]
        assert sale(app).cart.lines[0].warnings
        assert isinstance(app.screen, SerialPrompt)
        said = app.screen.query_one(Notice)
        assert said.has_class("-warning") and "never received" in str(said.render())
        await press(pilot, "enter")
        assert sale(app).query_one(Notice).has_class("-warning")


async def test_soft_product_goes_in_without_a_serial_on_enter(services: Services) -> None:
    """Soft tracking: Enter without an SN sells the bike with a warning."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "BIKE")
        await press(pilot, "enter")
        assert lines(app) == [("BIKE", None, 1)]
        assert sale(app).cart.lines[0].warnings[0].rule == "serial_required"


async def test_serial_scanned_alone_finds_its_in_stock_unit(services: Services) -> None:
    """An SN scanned with no product pending adds its unit."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "SN-0003")
        assert lines(app) == [("PHONE", "SN-0003", 1)]
        assert top(app) == "SaleScreen"


async def test_serial_scanned_alone_that_is_not_in_stock_is_refused(services: Services) -> None:
    """A sold SN scanned alone is refused: only units on the shelf can be added."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "SN-0005")
        assert "not in stock" in error_text(app)
        assert lines(app) == []


async def test_serial_of_several_products_lets_the_cashier_choose(
    services: Services, shop: Shop
) -> None:
    """Two products with the same SN in stock: a list to pick from, then the line."""
    shop.receive("BIKE", "X-1")
    shop.receive("PHONE", "X-1")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "X-1")
        assert top(app) == "ChooseUnit"
        await press(pilot, "down", "enter")
        assert top(app) == "SaleScreen"
        assert len(lines(app)) == 1 and lines(app)[0][1] == "X-1"


async def test_unknown_code_is_refused(services: Services) -> None:
    """A code that is neither a product nor a known SN is refused by name."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "NOPE-42")
        assert "NOPE-42" in error_text(app)


async def test_quantity_price_and_removal_keys_change_the_line_under_the_cursor(
    services: Services,
) -> None:
    """F4 sets the quantity, F5 overrides the price, F8 removes the line."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE", "SN-0001")
        await press(pilot, "up", "f4")
        await type_in(pilot, "\b3", "enter")
        await press(pilot, "f5")
        await type_in(pilot, "150", "enter")
        line = sale(app).cart.lines[0]
        assert (line.quantity, line.unit_price, line.price_override) == (3, 15000, True)
        await press(pilot, "down", "f8")
        assert lines(app) == [("CABLE", None, 3)]


async def test_a_quantity_beyond_stock_is_refused_and_the_line_kept(services: Services) -> None:
    """Twenty cables in stock: asking for fifty is refused by the core."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await press(pilot, "f4", "backspace")
        await type_in(pilot, "50", "enter")
        assert top(app) == "ErrorDialog"
        assert lines(app) == [("CABLE", None, 1)]


async def test_keyboard_only_sale_with_loop_scans_and_cash_change(services: Services) -> None:
    """Two phones in loop mode and a cable, paid in cash: only scans, F10, the cash, Enter."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PHONE", "SN-0001", "SN-0002", "CABLE")
        assert top(app) == "SaleScreen"
        await press(pilot, "f10")
        assert top(app) == "PaymentDialog"
        await type_in(pilot, "18500", "enter")
        posted = app.last_sale
        assert posted is not None and posted.total == 2 * 899900 + 19900
        assert posted.change == 1850000 - posted.total
        assert sale(app).cart.lines == ()
        view = queries.document(services.uow(), posted.number)
        assert [s for _, serials in view.lines for s in serials] == ["SN-0001", "SN-0002"]
        states = queries.unit_summaries(services.uow(), "SN-0001", services.ctx.clock.today())
        assert states[0].state == "sold"


async def test_exact_cash_is_one_key_and_card_is_f5(services: Services) -> None:
    """Enter on an empty cash field takes the exact amount; F5 in the dialog takes a card."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await press(pilot, "f10", "enter")
        assert app.last_sale is not None and app.last_sale.payment == "cash"
        await scan(pilot, "CABLE")
        await press(pilot, "f10", "f5")
        assert app.last_sale.payment == "card"


async def test_customer_name_and_phone_go_on_the_sale(services: Services) -> None:
    """F6 names the customer; the posted sale carries name and phone."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "CABLE")
        await press(pilot, "f6")
        await type_in(pilot, "Olena", "enter")
        await type_in(pilot, "+380501234567", "enter")
        await press(pilot, "f10", "enter")
        assert app.last_sale is not None
        assert (app.last_sale.party, app.last_sale.phone) == ("Olena", "+380501234567")


async def test_a_sale_refused_at_posting_keeps_the_cart(services: Services, shop: Shop) -> None:
    """Another till sold the unit once its hold had expired: the refusal shows, the cart stays."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "SN-0001")
        clock = services.ctx.clock
        assert isinstance(clock, FakeClock)
        clock.advance(minutes=services.ctx.hold_minutes + 1)
        shop.sell("PHONE", "SN-0001")
        await press(pilot, "f10", "enter")
        assert "SN-0001" in error_text(app)
        assert lines(app) == [("PHONE", "SN-0001", 1)]
        assert app.last_sale is None


async def test_typed_codes_take_the_same_path_as_scans(services: Services) -> None:
    """Typing a code and Enter in the scan field works like a scan."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "PHONE", "enter")
        await type_in(pilot, "SN-0004", "enter")
        await settle(pilot)
        assert lines(app) == [("PHONE", "SN-0004", 1)]


async def test_a_device_scan_reaches_the_sale_draft_with_its_source_and_never_the_field(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HID and serial scans go to the draft as scans from those devices; no field is typed in."""
    seen: list[Message] = []
    taken: list[Scan | None] = []
    real = SaleDraft.decide

    def spy(draft: SaleDraft, scan: Scan | None) -> SaleStep:
        taken.append(scan)
        return real(draft, scan)

    monkeypatch.setattr(SaleDraft, "decide", spy)
    app = make_app(services)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        app.post_message(ScanReceived("PHONE", "hid:/dev/input/event3"))
        await settle(pilot)
        app.post_message(ScanReceived("SN-0001", "serial:/dev/ttyACM0"))
        await settle(pilot)
        assert lines(app) == [("PHONE", "SN-0001", 1)]
    assert taken == [
        Scan("PHONE", ScanSource.HID, "/dev/input/event3"),
        Scan("SN-0001", ScanSource.SERIAL, "/dev/ttyACM0"),
    ]
    typed = [m for m in seen if isinstance(m, Input.Changed | Input.Submitted) and m.value]
    assert typed == []
