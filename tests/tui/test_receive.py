"""The goods-in screen at 80×24: invoice lines, the serial-number window, posting, corrections."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from bootstrap.services import Services
from core.drafts.goods_in import DraftLine
from core.services import queries
from tests.tui.pilot import Bells, press, scan, top, type_in
from tui.app import TillApp, make_app
from tui.dialogs.error import ErrorDialog
from tui.dialogs.serial_entry import SerialEntry
from tui.screens.receive import ReceiveScreen
from tui.widgets.notice import Kind, Notice

SIZE = (80, 24)


def receive(app: TillApp) -> ReceiveScreen:
    """The goods-in screen under whatever dialog is open."""
    screen = app.screen_stack[0]
    assert isinstance(screen, ReceiveScreen)
    return screen


def count(app: TillApp) -> str:
    """The live count of the serial-number window."""
    assert isinstance(app.screen, SerialEntry)
    return str(app.screen.query_one("#count", Static).render())


def said(app: TillApp) -> str:
    """The feedback line of the dialog on top."""
    return str(app.screen.query_one(Notice).render())


async def start_line(pilot: Pilot[Any], code: str, quantity: int, cost: str = "5000") -> None:
    """Open goods-in (if needed), name the supplier, and add one line."""
    app = pilot.app
    assert isinstance(app, TillApp)
    if app.current_mode != "receive":
        await press(pilot, "f2")
        await scan(pilot, "ТОВ Постач", "INV-7")  # a scan fills the field in use, then Enter
    await scan(pilot, code)
    await type_in(pilot, str(quantity), "enter")
    await type_in(pilot, cost, "enter")


async def test_tracked_line_collects_exactly_its_quantity_of_serials_with_a_live_count(
    services: Services,
) -> None:
    """Three phones: the window counts 1 of 3 ... 3 of 3, then Enter puts them on the line."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 3)
        assert top(app) == "SerialEntry"
        assert count(app).startswith("0 of 3")
        await scan(pilot, "n-1", "N-2")
        assert count(app).startswith("2 of 3")
        await scan(pilot, "N-3")
        assert "3 of 3" in count(app) and "complete" in count(app)
        await scan(pilot, "N-4")
        assert "raise the quantity" in said(app)
        await press(pilot, "enter")
        assert top(app) == "ReceiveScreen"
        assert receive(app).draft.lines[0].serials == ("N-1", "N-2", "N-3")


async def test_serial_window_refuses_duplicates_and_units_in_stock_as_they_come(
    services: Services,
) -> None:
    """A repeat in the invoice and an SN already in stock are refused at once, with a bell."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        bells = Bells(app)
        await start_line(pilot, "PHONE", 5)
        await scan(pilot, "N-1", "N-1")
        assert "already in this document" in said(app)
        await scan(pilot, "SN-0002")
        assert "already in stock" in said(app)
        assert count(app).startswith("1 of 5")
        assert bells.count == 2
        await scan(pilot, "N-2")
        assert count(app).startswith("2 of 5")


async def test_a_serial_on_another_line_of_the_same_product_is_refused(
    services: Services,
) -> None:
    """Two phone lines on one invoice cannot share an SN."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 1)
        await scan(pilot, "N-1")
        await press(pilot, "enter")
        await start_line(pilot, "PHONE", 1, "5100")
        await scan(pilot, "N-1")
        assert "already in this document" in said(app)


async def test_posting_is_refused_while_a_strict_line_lacks_serials(services: Services) -> None:
    """Two of three SNs: posting is refused with a message; nothing is written."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 3)
        await scan(pilot, "N-1", "N-2")
        await press(pilot, "escape")
        await press(pilot, "f10")
        assert isinstance(app.screen, ErrorDialog)
        assert "3 units but 2 serial numbers" in app.screen.message
        assert "F5" in app.screen.hint
        assert receive(app).posted is None
        assert queries.find_units(services.uow(), "N-1") == []


async def test_a_full_invoice_posts_and_its_serials_stay_one_key_away(
    services: Services,
) -> None:
    """Phones by SN and cables by quantity post as one receipt; F5 shows its SNs afterwards."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 2)
        await scan(pilot, "N-1", "N-2")
        await press(pilot, "enter")
        await start_line(pilot, "CABLE", 10, "50")
        await press(pilot, "f10")
        posted = receive(app).posted
        assert posted is not None and posted.party == "ТОВ Постач"
        assert [line.quantity for line in posted.lines] == [2, 10]
        assert "Receipt" in str(receive(app).query_one(Notice).render())
        await press(pilot, "up", "f5")
        assert top(app) == "ReceiptSerials"
        table = app.screen.query_one("#serials")
        assert table.row_count == 2  # type: ignore[attr-defined]


async def test_a_posted_serial_is_corrected_while_in_stock(services: Services) -> None:
    """Enter on a posted SN replaces it by a correction; the receipt shows the new one."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 1)
        await scan(pilot, "N-WRONG")
        await press(pilot, "enter", "f10")
        number = receive(app).posted.number  # type: ignore[union-attr]
        await press(pilot, "f5", "enter")
        assert top(app) == "EntryDialog"
        await type_in(pilot, "N-RIGHT", "enter")
        assert "Corrected by" in said(app)
        view = queries.document(services.uow(), number)
        assert view.lines[0][1] == ("N-RIGHT",)


async def test_correcting_to_a_serial_already_in_stock_is_refused(services: Services) -> None:
    """The correction is checked like a receipt: an SN in stock cannot come in twice."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "PHONE", 1)
        await scan(pilot, "N-1")
        await press(pilot, "enter", "f10", "f5", "enter")
        await type_in(pilot, "SN-0001", "enter")
        assert "already in stock" in said(app)


async def test_a_thousand_unit_invoice_posts_in_the_background(services: Services) -> None:
    """Posting 1,000 SNs runs in a worker with progress shown; the result comes back whole."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f2")
        await scan(pilot, "ТОВ Постач")
        screen = receive(app)
        serials = tuple(f"K-{n:04d}" for n in range(1000))
        screen.draft = screen.draft.add(
            DraftLine("PHONE", "Phone", "strict", 1000, 400000, serials)
        )
        screen.show_draft()
        shown: list[str] = []
        notice = screen.query_one(Notice)
        original = notice.say

        def spy(text: str, kind: Kind = "info") -> None:
            shown.append(text)
            original(text, kind)

        notice.say = spy  # type: ignore[method-assign]
        await press(pilot, "f10")
        assert shown[0].startswith("Posting 1000 units")
        assert screen.posted is not None and screen.posted.lines[0].quantity == 1000
        assert len(queries.find_units(services.uow(), "K-0999")) == 1


async def test_removing_a_line_and_starting_a_new_invoice(services: Services) -> None:
    """F8 takes a line off; after posting, F9 starts an empty invoice."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_line(pilot, "CABLE", 2, "50")
        await start_line(pilot, "CABLE", 3, "60")
        await press(pilot, "f8")
        assert [line.quantity for line in receive(app).draft.lines] == [2]
        await press(pilot, "f10", "f9")
        assert receive(app).draft.lines == () and receive(app).posted is None
