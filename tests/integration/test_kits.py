"""Kits sold as one item: every component leaves stock by its own SN, in one sale document."""

from __future__ import annotations

import json

import pytest

from bootstrap.services import Services
from core.commands import (
    AssembleKit,
    DismantleKit,
    Item,
    RecordSale,
    ReturnKit,
    ReturnQuantity,
)
from core.config import Config
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.counting import ScanKind
from core.domain.errors import DomainError, InputError, SerialRuleError
from core.domain.kits import apportion
from core.domain.warranty import WarrantyPeriod
from core.drafts.customer_return import Preview, ReturnDraft
from core.drafts.entry import Scan
from core.drafts.kit_sale import AskKit, KitSerial
from core.drafts.sale import Added, SaleDraft
from core.drafts.steps import EndedSerials, Refused
from core.printing import JobKind, PrintMode
from core.repair_views import ServiceSettings
from core.services import (
    assembly,
    catalogue,
    count_sheets,
    counting,
    kit_returns,
    kits,
    print_jobs,
    printouts,
    queries,
    rebuild,
    repair_intake,
    returns,
    selling,
)
from core.services.catalogue import NewProduct
from core.views import CountScope
from devices.print.escpos_dump import decode
from devices.print.escpos_render import render_escpos
from devices.print.settings import PrinterSettings
from devices.print.templates import render_template
from tests.integration.conftest import Till
from tests.shop import Shop

DRILL_COST, BATTERY_COST, CABLE_COST = 300000, 80000, 5000


def tools(shop: Shop) -> None:
    """A strict drill (24 months) and battery (6 months), and a kit of both with a cable."""
    catalogue.set_type(
        shop.uow,
        TypeSettings("Tools", tracking=TrackingMode.STRICT, warranty=WarrantyPeriod(months=24)),
    )
    catalogue.add_products(
        shop.uow,
        [
            NewProduct("DRILL", "Дриль Б-18", "Tools", 400000),
            NewProduct("BATT", "Акумулятор 18В", "Tools", 100000, warranty=WarrantyPeriod(6)),
        ],
    )
    kits.add_kit(
        shop.uow,
        kits.NewKit(
            "SET",
            "Набір: дриль + акумулятор + кабель",
            450000,
            (("DRILL", 1), ("BATT", 1), ("CABLE", 1)),
            barcodes=("4820000000123",),
        ),
    )


@pytest.fixture
def stocked(any_shop: Shop) -> Shop:
    """Drills D1, D2, batteries A1, A2 and ten cables in stock."""
    tools(any_shop)
    any_shop.receive("DRILL", "D1", "D2", cost=DRILL_COST)
    any_shop.receive("BATT", "A1", "A2", cost=BATTERY_COST)
    any_shop.receive("CABLE", quantity=10, cost=CABLE_COST)
    return any_shop


@pytest.fixture
def ledger_any(stocked: Shop) -> Services:
    """The stocked shop as the drafts reach it, on either engine."""
    return Services(stocked.uow.db, Config(), stocked.ctx)


def sell_kit(shop: Shop, serials: str, code: str = "SET"):  # type: ignore[no-untyped-def]
    return selling.sell(RecordSale((Item(code, serials),)), shop.uow, shop.ctx)


def state(shop: Shop, serial: str) -> str:
    [unit] = queries.find_units(shop.uow, serial)
    return unit.state.value


def documents(shop: Shop) -> int:
    return int(shop.uow.sql.scalar("SELECT COUNT(*) FROM document"))


def test_a_kit_sale_writes_off_every_component_at_its_own_cost(stocked: Shop) -> None:
    """Two strict SNs in any order and one untracked cable: one line, cost = the parts' costs."""
    posted = sell_kit(stocked, "a1, d2")
    [line] = posted.lines
    assert (line.sku, line.quantity, line.unit_amount) == ("SET", 1, 450000)
    assert sorted(line.serials) == ["A1", "D2"]
    assert posted.total == 450000
    assert state(stocked, "D2") == "sold" and state(stocked, "A1") == "sold"
    assert state(stocked, "D1") == "in_stock" and state(stocked, "A2") == "in_stock"
    view = queries.document(stocked.uow, posted.number)
    [(row, _serials)] = view.lines
    assert row.cost == DRILL_COST + BATTERY_COST + CABLE_COST
    cable = stocked.uow.catalogue.product_by_code("CABLE")
    assert cable is not None and stocked.uow.stock.on_hand(cable.id) == 9


def test_each_component_carries_its_share_of_the_price_and_its_own_warranty(
    stocked: Shop,
) -> None:
    """Shares by list price add up to the kit's price; each unit keeps its warranty end."""
    sell_kit(stocked, "D1,A1")
    [drill] = queries.find_units(stocked.uow, "D1")
    [battery] = queries.find_units(stocked.uow, "A1")
    shares = apportion(450000, [400000, 100000, 19900])
    assert (drill.price, battery.price) == (shares[0], shares[1])
    assert sum(shares) == 450000
    today = stocked.ctx.clock.today()
    assert drill.warranty_end == WarrantyPeriod(months=24).end(today)
    assert battery.warranty_end == WarrantyPeriod(months=6).end(today)


def test_a_component_sn_not_in_stock_refuses_the_whole_kit(stocked: Shop) -> None:
    """A sold drill cannot go in a kit: nothing is written, the battery stays in stock."""
    stocked.sell("DRILL", "D1")
    before = documents(stocked)
    with pytest.raises(SerialRuleError, match="D1"):
        sell_kit(stocked, "D1,A1")
    assert documents(stocked) == before and state(stocked, "A1") == "in_stock"


def test_an_sn_that_fits_no_component_is_refused_naming_it(stocked: Shop) -> None:
    """An SN no component product ever had."""
    before = documents(stocked)
    with pytest.raises(DomainError, match="ZZ-9 fits no component") as refused:
        sell_kit(stocked, "D1,ZZ-9")
    assert refused.value.rule == "kit_serial_fits_none"
    assert documents(stocked) == before and state(stocked, "D1") == "in_stock"


def test_an_sn_that_fits_two_components_is_refused_naming_both(stocked: Shop) -> None:
    """The same SN in stock as a drill and as a battery cannot be placed."""
    stocked.receive("DRILL", "X1")
    stocked.receive("BATT", "X1")
    with pytest.raises(DomainError, match="X1 fits more than one") as refused:
        sell_kit(stocked, "X1,A1")
    assert refused.value.rule == "kit_serial_fits_two"
    assert "DRILL" in refused.value.message and "BATT" in refused.value.message
    assert state(stocked, "A1") == "in_stock"


def test_one_sn_given_for_two_components_is_refused(stocked: Shop) -> None:
    """The same SN twice, or two SNs for a component the kit holds once."""
    with pytest.raises(DomainError, match="given twice") as refused:
        sell_kit(stocked, "D1,D1")
    assert refused.value.rule == "kit_serial_repeated"
    with pytest.raises(DomainError, match="one too many") as refused:
        sell_kit(stocked, "D1,D2,A1")
    assert refused.value.rule == "kit_too_many_serials"


def test_a_strict_component_without_its_sn_is_refused(stocked: Shop) -> None:
    """The battery's SN is required."""
    with pytest.raises(SerialRuleError, match="needs a serial number"):
        sell_kit(stocked, "D1")
    assert state(stocked, "D1") == "in_stock"


def test_a_soft_component_warns_and_sells(any_shop: Shop) -> None:
    """A kit with a softly tracked bike: no SN for it is a warning, and the kit is sold."""
    any_shop.receive("PHONE", "P1")
    any_shop.receive("BIKE", "B1")
    kits.add_kit(
        any_shop.uow,
        kits.NewKit("DUO", "Телефон і велосипед", 2000000, (("PHONE", 1), ("BIKE", 1))),
    )
    posted = sell_kit(any_shop, "P1", "DUO")
    assert [w.rule for w in posted.warnings] == ["serial_required"]
    assert state(any_shop, "P1") == "sold"
    any_shop.receive("PHONE", "P2")
    any_shop.sell("BIKE", "B1")
    posted = sell_kit(any_shop, "B1,P2", "DUO")
    assert [w.rule for w in posted.warnings] == ["not_in_stock"]
    assert state(any_shop, "P2") == "sold"


def test_a_kit_shows_its_components_and_refuses_a_kit_inside(stocked: Shop) -> None:
    """The kit by its barcode; a kit cannot be a component; a component must exist."""
    kit = kits.find_kit(stocked.uow, "4820000000123")
    assert [(c.product.sku, c.quantity, c.tracked) for c in kit.components] == [
        ("DRILL", 1, True),
        ("BATT", 1, True),
        ("CABLE", 1, False),
    ]
    with pytest.raises(InputError, match="cannot hold a kit"):
        kits.add_kit(stocked.uow, kits.NewKit("BIG", "Великий", 1, (("SET", 1),)))
    with pytest.raises(InputError, match="NOPE"):
        kits.add_kit(stocked.uow, kits.NewKit("BAD", "Поганий", 1, (("NOPE", 1),)))
    changed = kits.set_components(stocked.uow, "SET", [("DRILL", 1), ("BATT", 2)])
    assert [c.quantity for c in changed.components] == [1, 2]


def test_apportioning_keeps_every_kopeck() -> None:
    """Largest remainders; nil weights share equally."""
    assert apportion(100, [1, 1, 1]) == [34, 33, 33]
    assert apportion(10, [0, 0]) == [5, 5]
    assert sum(apportion(99999, [7, 13, 17])) == 99999


def test_two_kits_in_one_sale_are_two_lines_each_with_its_own_components(stocked: Shop) -> None:
    """Each kit keeps its own SNs on the receipt, on its card and in the document."""
    posted = selling.sell(
        RecordSale((Item("SET", "D1,A1"), Item("SET", "A2,D2"))), stocked.uow, stocked.ctx
    )
    assert [sorted(line.serials) for line in posted.lines] == [["A1", "D1"], ["A2", "D2"]]
    assert posted.total == 900000
    parts = kits.line_parts(stocked.uow, posted.number)
    view = queries.document(stocked.uow, posted.number)
    first = parts[view.lines[0][0].id]
    assert [(p.sku, p.quantity, p.serials) for p in first] == [
        ("DRILL", 1, ("D1",)),
        ("BATT", 1, ("A1",)),
        ("CABLE", 1, ()),
    ]


def test_the_receipt_shows_the_kit_as_one_line_with_component_sns_beneath(stocked: Shop) -> None:
    """The printed receipt: the kit's name and price, then each component with its SN."""
    posted = sell_kit(stocked, "D1,A1")
    context = printouts.receipt_context(stocked.uow, posted.number, printouts.Shop("Крамниця"))
    [line] = context["lines"]
    assert line["name"].startswith("Набір") and line["serials"] == []
    assert [(c["sku"], c["serial"]) for c in line["components"]] == [
        ("DRILL", "D1"),
        ("BATT", "A1"),
        ("CABLE", None),
    ]
    text = repr(render_template("sale_receipt.j2", context))
    assert "D1" in text and "A1" in text and "Кабель USB-C" in text


def test_one_warranty_card_lists_every_component_with_its_sn_and_end(stocked: Shop) -> None:
    """One card is queued for the kit; decoded from the printer's bytes it names each part."""
    posted = sell_kit(stocked, "D1,A1")
    jobs = print_jobs.queue_after_sale(
        stocked.uow, stocked.ctx, posted, PrintMode.AUTO, PrintMode.AUTO
    )
    cards = [job for job in jobs if job.kind is JobKind.WARRANTY_CARD]
    assert len(cards) == 1
    card, _variant = printouts.warranty_context(
        stocked.uow, cards[0].serial or "", printouts.Shop("Крамниця"), cards[0].product_id
    )
    today = stocked.ctx.clock.today()
    drill_end = printouts.date_text(WarrantyPeriod(months=24).end(today))
    battery_end = printouts.date_text(WarrantyPeriod(months=6).end(today))
    assert [(c["sku"], c["serial"], c["warranty_end"]) for c in card["components"]] == [
        ("DRILL", "D1", drill_end),
        ("BATT", "A1", battery_end),
        ("CABLE", None, None),
    ]
    settings = PrinterSettings(profile="TM-T20II", paper_mm=80)
    printed = "\n".join(
        decode(render_escpos(render_template("warranty_card.j2", card), settings)).lines()
    )
    for text in ("D1", "A1", drill_end, battery_end, "Дриль"):
        assert text in printed


def test_the_command_line_adds_shows_and_sells_a_kit(till: Till) -> None:
    """`till kit add`, `till kit show --json`, `till sell KIT:SN,SN`, `till document --json`."""
    for args in (
        ("type", "add", "Tools", "--tracking", "strict", "--warranty-months", "24"),
        ("type", "add", "Cables", "--tracking", "none"),
        ("product", "add", "DRILL", "--name", "Дриль", "--type", "Tools", "--price", "4000"),
        ("product", "add", "BATT", "--name", "Акумулятор", "--type", "Tools", "--price", "1000"),
        ("product", "add", "CABLE", "--name", "Кабель", "--type", "Cables", "--price", "100"),
        ("receive", "--supplier", "Постач", "--line", "DRILL:1:3000:D1", "--line", "BATT:1:800:A1"),
        ("receive", "--supplier", "Постач", "--line", "CABLE:5:50"),
    ):
        code, _out, err = till(*args)
        assert code == 0, (args, err)
    code, out, err = till(
        "kit", "add", "SET", "--name", "Набір", "--price", "4500", "--barcode", "4820000000123",
        "--warranty-months", "12", "--component", "DRILL:1", "--component", "BATT",
        "--component", "CABLE:2", "--json",
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(till("kit", "show", "4820000000123", "--json")[1])
    assert shown["price"] == "4500.00" and shown["warranty"] == json.loads(out)["warranty"]
    assert [(c["sku"], c["quantity"]) for c in shown["components"]] == [
        ("DRILL", 1),
        ("BATT", 1),
        ("CABLE", 2),
    ]
    code, out, err = till("sell", "SET:ZZ,D1")
    assert code == 1 and "ZZ fits no component" in err
    code, out, err = till("sell", "SET:a1,d1")
    assert code == 0, err
    document = json.loads(till("document", out.strip(), "--json")[1])
    [line] = document["lines"]
    assert line["sku"] == "SET" and line["cost"] == "3900.00"
    assert [(c["sku"], c["quantity"], c["serials"]) for c in line["components"]] == [
        ("DRILL", 1, ["D1"]),
        ("BATT", 1, ["A1"]),
        ("CABLE", 2, []),
    ]
    code, _out, err = till("kit", "add", "BAD", "--name", "Х", "--price", "1", "--component", "X:0")
    assert code == 2
    code, out, err = till("return", "A1", "--kit", "--json")
    assert code == 0, err
    assert json.loads(out)["total"] == "4500.00"
    assert json.loads(till("serial", "D1", "--json")[1])["state"] == "in_stock"


def test_the_sale_screen_asks_each_component_sn_in_turn_in_any_order(
    shop: Shop, ledger: Services
) -> None:
    """The kit's barcode asks for the drill; the battery's SN first is placed on the battery;
    a wrong SN is refused naming it; the last SN puts the kit in; the loop asks again."""
    tools(shop)
    shop.receive("DRILL", "D1", cost=DRILL_COST)
    shop.receive("BATT", "A1", cost=BATTERY_COST)
    shop.receive("CABLE", quantity=1, cost=CABLE_COST)
    draft = SaleDraft(ledger, loop=True)
    asked = draft.take(Scan.typed("4820000000123"))
    assert isinstance(asked, AskKit) and asked.kit.asking is not None
    assert asked.kit.asking.sku == "DRILL"
    placed = draft.take(Scan.typed("a1"))
    assert isinstance(placed, KitSerial) and placed.component == "Акумулятор 18В"
    assert placed.kit.asking is not None and placed.kit.asking.sku == "DRILL"
    refused = draft.take(Scan.typed("ZZ-1"))
    assert isinstance(refused, Refused) and "ZZ-1" in refused.message
    added = draft.take(Scan.typed("D1"))
    assert isinstance(added, Added) and added.line.serial == "D1,A1"
    assert draft.kit is not None and draft.kit.added == 1 and not draft.kit.started
    assert isinstance(draft.take(Scan.typed("")), EndedSerials) and draft.kit is None
    posted = draft.post()
    assert sorted(posted.lines[0].serials) == ["A1", "D1"]


def test_a_kit_cannot_be_finished_without_a_strict_components_sn(
    shop: Shop, ledger: Services
) -> None:
    """Enter on empty after one SN is refused naming the component still missing."""
    tools(shop)
    shop.receive("DRILL", "D1")
    draft = SaleDraft(ledger, loop=False)
    draft.take(Scan.typed("SET"))
    draft.take(Scan.typed("D1"))
    refused = draft.take(Scan.typed(""))
    assert isinstance(refused, Refused) and "Акумулятор" in refused.message
    assert draft.cart.lines == ()


def test_a_whole_kit_comes_back_by_any_component_sn(stocked: Shop) -> None:
    """Every part returns to stock, tied to the sale, refunding the kit's price; not twice."""
    sale = sell_kit(stocked, "D1,A1")
    posted = kit_returns.return_kit(ReturnKit("a1"), stocked.uow, stocked.ctx)
    assert posted.ref_number == sale.number and posted.total == 450000
    assert state(stocked, "D1") == "in_stock" and state(stocked, "A1") == "in_stock"
    cable = stocked.uow.catalogue.product_by_code("CABLE")
    assert cable is not None and stocked.uow.stock.on_hand(cable.id) == 10
    with pytest.raises(DomainError, match="back already"):
        kit_returns.return_kit(ReturnKit("D1"), stocked.uow, stocked.ctx)
    assert rebuild.verify(stocked.uow).ok


def test_one_component_comes_back_by_its_sn_with_its_share_of_the_price(
    stocked: Shop, ledger_any: Services
) -> None:
    """The refund is the battery's share by list prices, shown in the preview first."""
    sell_kit(stocked, "D1,A1")
    share = apportion(450000, [400000, 100000, 19900])[1]
    preview = ReturnDraft(ledger_any).take(Scan.typed("A1"))
    assert isinstance(preview, Preview) and preview.refund == share
    posted = stocked.return_serial("A1")
    assert posted.total == share
    assert state(stocked, "A1") == "in_stock" and state(stocked, "D1") == "sold"
    rest = kit_returns.return_kit(ReturnKit("D1"), stocked.uow, stocked.ctx)
    assert rest.total == 450000 - share


def test_an_untracked_part_of_a_kit_is_not_returned_alone(stocked: Shop) -> None:
    """A cable sold only in a kit comes back with the kit, not by quantity against the sale."""
    sale = sell_kit(stocked, "D1,A1")
    with pytest.raises(DomainError, match="part of a kit"):
        returns.return_quantity(ReturnQuantity(sale.number, "CABLE", 1), stocked.uow, stocked.ctx)


def events(shop: Shop, serial: str) -> list[str]:
    [history] = queries.serial_history(shop.uow, serial, shop.ctx.clock.today())
    return [e.kind for e in history.events]


def test_an_assembled_kit_is_sold_by_its_own_sn(stocked: Shop) -> None:
    """Assembly binds the parts to a generated SN; the sale takes only that SN."""
    done = assembly.assemble(AssembleKit("SET", ("a1", "D1")), stocked.uow, stocked.ctx)
    kit_sn = done.lines[0].serials[-1]
    assert kit_sn == "KIT-000001" and done.total == DRILL_COST + BATTERY_COST + CABLE_COST
    assert state(stocked, "D1") == "in_kit" and state(stocked, kit_sn) == "in_stock"
    with pytest.raises(SerialRuleError, match="D1"):
        stocked.sell("DRILL", "D1")
    with pytest.raises(InputError, match="assembled in stock"):
        kits.set_components(stocked.uow, "SET", [("DRILL", 1)])
    posted = sell_kit(stocked, kit_sn)
    [line] = posted.lines
    assert line.sku == "SET" and set(line.serials) == {kit_sn, "D1", "A1"}
    view = queries.document(stocked.uow, posted.number)
    assert view.lines[0][0].cost == DRILL_COST + BATTERY_COST + CABLE_COST
    assert state(stocked, "D1") == "sold" and state(stocked, "A1") == "sold"
    [battery] = queries.find_units(stocked.uow, "A1")
    assert battery.price == apportion(450000, [400000, 100000, 19900])[1]
    assert events(stocked, "D1") == ["received", "assembled", "sold"]
    assert rebuild.verify(stocked.uow).ok


def test_dismantling_puts_the_parts_back_and_both_show_in_their_history(stocked: Shop) -> None:
    """A typed kit SN; dismantled, the drill can be sold alone; the cable is back on the shelf."""
    assembly.assemble(AssembleKit("SET", ("D2", "A2"), serial="set-77"), stocked.uow, stocked.ctx)
    cable = stocked.uow.catalogue.product_by_code("CABLE")
    assert cable is not None and stocked.uow.stock.on_hand(cable.id) == 9
    with pytest.raises(SerialRuleError, match="already in stock"):
        assembly.assemble(
            AssembleKit("SET", ("D1", "A1"), serial="SET-77"), stocked.uow, stocked.ctx
        )
    assembly.dismantle(DismantleKit("SET-77"), stocked.uow, stocked.ctx)
    assert state(stocked, "D2") == "in_stock" and state(stocked, "SET-77") == "dismantled"
    assert stocked.uow.stock.on_hand(cable.id) == 10
    assert events(stocked, "D2") == ["received", "assembled", "dismantled"]
    assert events(stocked, "SET-77") == ["kit_assembled", "kit_dismantled"]
    stocked.sell("DRILL", "D2")
    assert rebuild.verify(stocked.uow).ok


def test_assembly_checks_parts_as_a_sale_does(stocked: Shop) -> None:
    """A sold drill, an SN fitting nothing, a missing battery: refused, nothing written."""
    stocked.sell("DRILL", "D1")
    before = documents(stocked)
    for parts, match in (
        (("D1", "A1"), "D1"),
        (("Q9", "A1"), "fits no component"),
        (("D2",), "needs a serial"),
    ):
        with pytest.raises(DomainError, match=match):
            assembly.assemble(AssembleKit("SET", parts), stocked.uow, stocked.ctx)
    assert documents(stocked) == before


def test_the_command_line_assembles_sells_and_dismantles(till: Till) -> None:
    """`till kit assemble`, `till sell KIT:KITSN`, `till kit dismantle`."""
    for args in (
        ("type", "add", "Tools", "--tracking", "strict"),
        ("product", "add", "DRILL", "--name", "Дриль", "--type", "Tools", "--price", "4000"),
        ("product", "add", "BATT", "--name", "Акумулятор", "--type", "Tools", "--price", "1000"),
        ("receive", "--supplier", "П", "--line", "DRILL:2:3000:D1,D2", "--line",
         "BATT:2:800:A1,A2"),
        ("kit", "add", "SET", "--name", "Н", "--price", "4500", "--component", "DRILL",
         "--component", "BATT"),
    ):  # fmt: skip
        code, _out, err = till(*args)
        assert code == 0, (args, err)
    code, out, err = till("kit", "assemble", "SET", "--parts", "D1,A1", "--json")
    assert code == 0, err
    kit_sn = json.loads(out)["serial"]
    assert kit_sn == "KIT-000001" and json.loads(out)["cost"] == "3800.00"
    code, out, err = till("kit", "assemble", "SET", "--parts", "D2,A2", "--serial", "S-2")
    assert code == 0 and "S-2" in out
    code, out, err = till("sell", f"SET:{kit_sn}")
    assert code == 0, err
    assert json.loads(till("serial", "D1", "--json")[1])["state"] == "sold"
    code, out, err = till("kit", "dismantle", "S-2")
    assert code == 0, err
    assert json.loads(till("serial", "A2", "--json")[1])["state"] == "in_stock"
    code, _out, err = till("kit", "dismantle", "S-2")
    assert code == 1 and "S-2" in err


def test_the_sale_screen_sells_an_assembled_kit_by_its_sn(shop: Shop, ledger: Services) -> None:
    """After the kit's barcode, its own SN puts it in whole; scanned alone it does too."""
    tools(shop)
    shop.receive("DRILL", "D1", "D2")
    shop.receive("BATT", "A1", "A2")
    shop.receive("CABLE", quantity=2)
    assembly.assemble(AssembleKit("SET", ("D1", "A1"), serial="K1"), shop.uow, shop.ctx)
    assembly.assemble(AssembleKit("SET", ("D2", "A2"), serial="K2"), shop.uow, shop.ctx)
    draft = SaleDraft(ledger, loop=False)
    draft.take(Scan.typed("SET"))
    added = draft.take(Scan.typed("k1"))
    assert isinstance(added, Added) and added.line.serial == "K1"
    added = draft.take(Scan.typed("K2"))
    assert isinstance(added, Added) and added.line.serial == "K2"
    posted = draft.post()
    assert [line.sku for line in posted.lines] == ["SET", "SET"]
    assert state(shop, "A2") == "sold"


def test_counting_an_assembled_kit_counts_its_parts_as_present(stocked: Shop) -> None:
    """The parts are in the kit, not loose: the kit's SN or any part's label counts the kit,
    and no part is short."""
    assembly.assemble(AssembleKit("SET", ("D1", "A1"), serial="K1"), stocked.uow, stocked.ctx)
    assembly.assemble(AssembleKit("SET", ("D2", "A2"), serial="K2"), stocked.uow, stocked.ctx)
    opened = counting.open_sheet(stocked.uow, stocked.ctx, CountScope())
    results = counting.scan(stocked.uow, stocked.ctx, opened.number, ["K1", "a2", "D1"])
    assert [(r.kind, r.serial) for r in results] == [
        (ScanKind.EXPECTED, "K1"),
        (ScanKind.EXPECTED, "K2"),
        (ScanKind.DUPLICATE, "K1"),
    ]
    sheet = count_sheets.view(stocked.uow, opened.number)
    short = {serial for p in sheet.products for serial in p.balance.shortage}
    assert short == set()


def test_intake_of_a_component_names_the_kit_and_the_sale_it_left_in(stocked: Shop) -> None:
    """A drill sold in a kit by its components, and one sold in an assembled kit: the intake
    facts name the kit (with the assembled kit's own SN) and the sale; a unit sold alone
    names no kit."""
    by_parts = sell_kit(stocked, "a1, d2")
    done = assembly.assemble(AssembleKit("SET", ("A2", "D1")), stocked.uow, stocked.ctx)
    kit_sn = done.lines[0].serials[-1]
    assembled = sell_kit(stocked, kit_sn)
    today = stocked.ctx.clock.today()
    facts = repair_intake.intake_facts(stocked.uow, "d2", today, ServiceSettings())
    assert (facts.kit_sku, facts.kit_serial, facts.sale_doc) == ("SET", None, by_parts.number)
    assert facts.kit_name == "Набір: дриль + акумулятор + кабель"
    facts = repair_intake.intake_facts(stocked.uow, "A2", today, ServiceSettings())
    assert (facts.kit_sku, facts.kit_serial, facts.sale_doc) == ("SET", kit_sn, assembled.number)
    stocked.receive("DRILL", "D3", cost=DRILL_COST)
    stocked.sell("DRILL", "D3")
    alone = repair_intake.intake_facts(stocked.uow, "D3", today, ServiceSettings())
    assert alone.sold_by_us and alone.kit_sku is None
