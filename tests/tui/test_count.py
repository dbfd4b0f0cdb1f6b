"""The count screen at 80×24: every kind of scan, quantities, a file, replacing an SN, posting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from bootstrap.services import Services
from core.services import count_sheets, queries
from tests.shop import PHONE_BARCODE
from tests.tui.pilot import press, scan, top, type_in
from tui.app import TillApp, make_app
from tui.dialogs.post_count import PostCountDialog
from tui.dialogs.replace_serial import ReplaceSerialDialog
from tui.screens.count import CountScreen
from tui.widgets.count_lines import counts
from tui.widgets.notice import Notice
from tui.widgets.scan_log import ScanLog

SIZE = (80, 24)
SCOPES = {"all": 0, "type": 1, "products": 2, "resume": 3}


async def open_count(pilot: Pilot[Any], kind: str, text: str = "") -> CountScreen:
    """Go to the count screen and open a sheet of that kind."""
    await press(pilot, "f11", "f6", "f8")
    await press(pilot, *(["down"] * SCOPES[kind]), "enter")
    if text:
        await scan(pilot, text)
    screen = pilot.app.screen
    assert isinstance(screen, CountScreen) and screen.sheet is not None
    return screen


def said(screen: CountScreen) -> list[tuple[str, str]]:
    """The scan log's lines and colours."""
    return screen.query_one(ScanLog).said


def footer(app: TillApp) -> set[str]:
    """The keys the footer shows."""
    return {key.key_display for key in app.screen.query(FooterKey)}


def notice(screen: CountScreen) -> str:
    """The feedback line's text."""
    return str(screen.query_one(Notice).render())


async def test_each_kind_of_scan_is_classified_at_once(services: Services) -> None:
    """Expected, repeated, unknown, another product's, sold (with its sale), box barcode."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "type", "Electronics")
        await scan(pilot, "SN-0001", "sn-0001", "XXX")
        assert [kind for _text, kind in said(screen)] == ["done", "info", "error"]
        assert "found, as expected (PHONE)" in said(screen)[0][0]
        assert "scanned before" in said(screen)[1][0]
        assert "unknown" in said(screen)[2][0]
        await scan(pilot, "B-1", "SN-0005", PHONE_BARCODE)
        texts = [text for text, _kind in said(screen)]
        assert "B-1: belongs to BIKE, which this count does not cover" in texts
        assert "SN-0005: recorded as sold on SL-000001 - surplus (PHONE)" in texts
        assert f"{PHONE_BARCODE}: the box barcode of PHONE" in texts[-1]
        assert screen.sheet is not None
        (phone,) = screen.sheet.products
        assert phone.surplus == ("SN-0005",) and phone.shortage == ("SN-0002", "SN-0003", "SN-0004")
        assert counts(phone) == (4, 2, 1, 3)
        totals = " ".join(str(part.render()) for part in screen.query(".count-totals Static"))
        assert "Surplus 1  Short 3" in totals and "unknown 1 · other 1 · box 1" in totals


async def test_goods_without_serials_are_counted_by_quantity(services: Services) -> None:
    """CODE*QTY and the plain barcode both count cables; the shortage is the difference."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "products", "CABLE")
        await scan(pilot, "CABLE*15", "CABLE")
        assert said(screen)[-1][0] == "CABLE: counted by quantity (CABLE)"
        assert screen.sheet is not None
        assert counts(screen.sheet.products[0]) == (20, 16, 0, 4)


async def test_scans_from_a_handheld_scanners_file(services: Services, tmp_path: Path) -> None:
    """Ctrl+O reads the file (a CSV with a header), records every code and tallies them."""
    exported = tmp_path / "scanner.csv"
    exported.write_text("serial;time\nSN-0001;10:00\nSN-0002;10:01\nSN-0001;10:02\nNOPE;10:03\n")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "type", "Electronics/Phones")
        await press(pilot, "ctrl+o")
        await scan(pilot, str(exported))
        assert notice(screen) == "4 scans recorded: expected 2, repeated 1, unknown 1."
        assert screen.sheet is not None
        assert screen.sheet.products[0].shortage == ("SN-0003", "SN-0004")


async def test_replacing_a_mixed_up_serial_corrects_the_sale(services: Services) -> None:
    """The sold SN is on the shelf, another is missing: F9 makes the sale name the missing one."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "type", "Electronics")
        assert "F9" not in footer(app)
        await scan(pilot, "SN-0001", "SN-0002", "SN-0003", "SN-0005")
        assert "F9" in footer(app)
        await press(pilot, "f9")
        assert isinstance(app.screen, ReplaceSerialDialog)
        assert app.screen.found == ("SN-0005",)
        await press(pilot, "enter", "enter")
        assert top(app) == "CountScreen"
        assert "Corrected by CO-000001" in notice(screen)
        assert "F9" not in footer(app)
        today = services.ctx.clock.today()
        (sold,) = queries.unit_summaries(services.uow(), "SN-0004", today)
        assert (sold.state, sold.sale_doc, sold.customer) == ("sold", "SL-000001", "Іван Петренко")
        (back,) = queries.serial_history(services.uow(), "SN-0005", today)
        assert back.state.value == "in_stock"
        assert back.events[-1].detail == "replaces SN-0004 on SL-000001"


async def test_posting_writes_off_the_missing_and_takes_in_at_the_confirmed_cost(
    services: Services,
) -> None:
    """The confirmation lists what goes and comes, asks the cables' unit cost; then read only."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "products", "PHONE CABLE")
        await scan(pilot, "SN-0001", "SN-0002", "SN-0003", "CABLE*22")
        await press(pilot, "f10")
        dialog = app.screen
        assert isinstance(dialog, PostCountDialog)
        assert [(sn, n) for _line, sn, n in dialog.settlement.write_off] == [("SN-0004", 1)]
        assert [(sn, n) for _line, sn, n in dialog.settlement.take_in] == [(None, 2)]
        await press(pilot, "f10")
        assert "Type the unit cost of CABLE." in str(dialog.query_one(Notice).render())
        await type_in(pilot, "45", "enter")
        assert top(app) == "CountScreen"
        assert screen.sheet is not None and screen.sheet.status == "posted"
        assert "Count CT-000001 posted" in notice(screen)
        assert screen.query_one("#scan", Input).disabled
        assert not {"F9", "F10", "^o"} & footer(app)
        today = services.ctx.clock.today()
        (gone,) = queries.unit_summaries(services.uow(), "SN-0004", today)
        assert gone.state == "written_off"
        uow = services.uow()
        header = uow.documents.get("CT-000001")
        assert header is not None
        moves = uow.movements.for_document(header.ref.id)
        assert [(m.quantity, m.unit_cost) for m in moves if m.serial is None] == [(2, 4500)]
        assert count_sheets.view(services.uow(), "CT-000001").status == "posted"


async def test_an_open_count_can_be_taken_up_again(services: Services, tmp_path: Path) -> None:
    """Another till opened the sheet; this one goes on with it by number."""
    from core.services import counting
    from core.views import CountScope

    opened = counting.open_sheet(services.uow(), services.ctx, CountScope("Bikes"))
    counting.scan(services.uow(), services.ctx, opened.number, ["B-1"])
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_count(pilot, "resume", opened.number)
        assert screen.sheet is not None and screen.sheet.number == opened.number
        assert counts(screen.sheet.products[0]) == (2, 1, 0, 1)
