"""The kit prompt on the sale screen at 80×24: component SNs asked in turn, in any order."""

from __future__ import annotations

from textual.widgets import Static

from bootstrap.services import Services
from core.commands import Item, RecordSale
from core.domain.kits import apportion
from core.services import kits, queries, selling
from tests.shop import Shop
from tests.tui.pilot import press, scan, top
from tests.tui.test_sale import SIZE, error_text, lines, sale
from tui.app import TillApp, make_app
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.kit_prompt import KitPrompt
from tui.i18n import money


def pack(services: Services) -> None:
    """A kit of a strict phone, a soft bike and a cable."""
    new = kits.NewKit(
        "PACK",
        "Набір мандрівника",
        2100000,
        (("PHONE", 1), ("BIKE", 1), ("CABLE", 1)),
        barcodes=("4820000000789",),
    )
    kits.add_kit(services.uow(), new)


def asking(app: TillApp) -> str:
    """What the kit prompt asks for."""
    assert isinstance(app.screen, KitPrompt)
    return str(app.screen.query_one("#state", Static).render())


async def test_a_kit_asks_each_component_and_goes_in_as_one_line(services: Services) -> None:
    """Phone first; the bike's SN scanned first lands on the bike; a sold phone is refused."""
    pack(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "4820000000789")
        assert top(app) == "KitPrompt" and "Смартфон" in asking(app)
        await scan(pilot, "B-1")
        assert "Смартфон" in asking(app)
        await scan(pilot, "SN-0005")
        assert top(app) == "ErrorDialog" and "SN-0005" in error_text(app)
        await press(pilot, "enter")
        assert top(app) == "KitPrompt"
        await scan(pilot, "SN-0001")
        assert lines(app) == [("PACK", "SN-0001,B-1", 1)]
        assert top(app) == "KitPrompt" and "added: 1" in asking(app)
        await press(pilot, "escape")
        assert top(app) == "SaleScreen"
        assert sale(app).cart.total == 2100000


async def test_an_sn_fitting_no_component_is_refused_naming_it(services: Services) -> None:
    """The refusal names the SN; the kit keeps what it had."""
    pack(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "PACK", "SN-0002", "NOPE-1")
        assert top(app) == "ErrorDialog" and "NOPE-1 fits no component" in error_text(app)
        await press(pilot, "enter")
        await scan(pilot, "")
        assert lines(app) == [("PACK", "SN-0002", 1)]


async def test_a_kit_comes_back_whole_from_its_sale_or_one_part_by_its_sn(
    services: Services,
) -> None:
    """F10 on the kit's line of the sale takes the whole kit back; the phone's SN alone
    refunds the phone's share, shown before confirming."""
    pack(services)
    shop = Shop(services.uow(), services.ctx)
    first = selling.sell(RecordSale((Item("PACK", "SN-0001,B-1"),)), shop.uow, shop.ctx)
    selling.sell(RecordSale((Item("PACK", "SN-0002,B-2"),)), shop.uow, shop.ctx)
    share = apportion(2100000, [899900, 1250000, 19900])[0]
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        await scan(pilot, first.number)
        await press(pilot, "f10")
        assert isinstance(app.screen, ConfirmDialog)
        assert dict(app.screen.facts)["Refund"] == money(2100000)
        await press(pilot, "enter")
        assert top(app) == "ReturnScreen"
        await scan(pilot, "SN-0002")
        assert isinstance(app.screen, ConfirmDialog)
        assert dict(app.screen.facts)["Refund"] == money(share)
        await press(pilot, "enter")
    units = {
        s: queries.find_units(services.uow(), s)[0].state.value
        for s in ("SN-0001", "B-1", "SN-0002", "B-2")
    }
    assert units == {"SN-0001": "in_stock", "B-1": "in_stock", "SN-0002": "in_stock", "B-2": "sold"}
