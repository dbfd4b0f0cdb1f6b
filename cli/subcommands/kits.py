"""Kit commands: `till kit add`, `till kit show` (assembly and dismantling join them)."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.arguments import parse_quantity
from cli.i18n import _
from cli.output import print_json, table
from core.commands import AssembleKit, DismantleKit
from core.domain.errors import InputError
from core.domain.kits import Kit, split_serials
from core.domain.money import format_money, parse_money
from core.domain.warranty import WarrantyPeriod
from core.results import Posted
from core.services import assembly, kits


def parse_component(text: str) -> tuple[str, int]:
    """``CODE:QTY`` (or ``CODE`` for one) → (code, quantity)."""
    code, _colon, quantity = text.partition(":")
    if not code.strip():
        raise InputError(
            _("A component is CODE:QTY, like DRILL:1; got “{text}”.").format(text=text)
        )
    return code.strip(), parse_quantity(quantity or "1", text)


def _kit_json(kit: Kit) -> dict[str, object]:
    product = kit.product
    return {
        "sku": product.sku,
        "name": product.name,
        "price": format_money(product.price),
        "barcodes": list(product.barcodes),
        "warranty": product.warranty.describe(),
        "components": [
            {
                "sku": c.product.sku,
                "name": c.product.name,
                "quantity": c.quantity,
                "tracking": c.product.tracking.value,
                "price": format_money(c.product.price),
            }
            for c in kit.components
        ],
    }


def _print_kit(kit: Kit) -> None:
    product = kit.product
    print(f"{product.sku}: {product.name}, {format_money(product.price)}")
    table(
        (_("component"), _("name"), _("qty"), _("tracking"), _("price")),
        [
            (
                c.product.sku,
                c.product.name,
                c.quantity,
                c.product.tracking.value,
                format_money(c.product.price),
            )
            for c in kit.components
        ],
    )


def kit_add(args: argparse.Namespace, services: Services) -> int:
    """`till kit add KIT --name --price --component CODE:QTY ...`: a new kit product."""
    months = args.warranty_months
    if months is not None and months < 0:
        raise InputError(_("A warranty period cannot be negative."))
    new = kits.NewKit(
        sku=args.kit,
        name=args.name,
        price=parse_money(args.price),
        components=tuple(parse_component(text) for text in args.component),
        barcodes=tuple(args.barcode or ()),
        warranty=None if months is None else WarrantyPeriod(months=months),
        type_path=args.type or kits.KIT_TYPE,
    )
    kit = kits.add_kit(services.uow(), new)
    if args.json:
        print_json(_kit_json(kit))
    else:
        _print_kit(kit)
    return 0


def kit_components(args: argparse.Namespace, services: Services) -> int:
    """`till kit components KIT --component CODE:QTY ...`: change what a kit holds."""
    components = [parse_component(text) for text in args.component]
    kit = kits.set_components(services.uow(), args.kit, components)
    if args.json:
        print_json(_kit_json(kit))
    else:
        _print_kit(kit)
    return 0


def kit_show(args: argparse.Namespace, services: Services) -> int:
    """`till kit show KIT`: the kit and its components."""
    kit = kits.find_kit(services.uow(), args.kit)
    if args.json:
        print_json(_kit_json(kit))
    else:
        _print_kit(kit)
    return 0


def kit_assemble(args: argparse.Namespace, services: Services) -> int:
    """`till kit assemble KIT --parts SN1,SN2 [--serial KITSN]`: one kit into stock."""
    cmd = AssembleKit(
        args.kit,
        tuple(split_serials(args.parts)),
        serial=args.serial,
        prefix=services.config.sale.kit_serial_prefix,
    )
    posted = assembly.assemble(cmd, services.uow(), services.ctx)
    return _report(args, posted, posted.lines[0].serials[-1])


def kit_dismantle(args: argparse.Namespace, services: Services) -> int:
    """`till kit dismantle KITSN`: an assembled kit's parts back on the shelf."""
    posted = assembly.dismantle(DismantleKit(args.serial), services.uow(), services.ctx)
    return _report(args, posted, args.serial.strip())


def _report(args: argparse.Namespace, posted: Posted, serial: str) -> int:
    if args.json:
        print_json(
            {
                "document": posted.number,
                "serial": serial,
                "cost": format_money(posted.total),
                "lines": [
                    {"sku": line.sku, "quantity": line.quantity, "serials": list(line.serials)}
                    for line in posted.lines
                ],
            }
        )
    else:
        print(f"{posted.number}  {serial}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the kit commands."""
    group = sub.add_parser(
        "kit",
        parents=[common],
        help=_("kits sold as one item"),
        epilog=_("Example: till kit show DRILL-KIT"),
    )
    commands = group.add_subparsers(dest="kit_command", required=True)
    p = commands.add_parser(
        "add",
        parents=[common],
        help=_("add a kit product"),
        epilog=_(
            "Example: till kit add DRILL-KIT --name 'Drill set' --price 2499 "
            "--component DRILL:1 --component BITS:1"
        ),
    )
    p.add_argument("kit", metavar="KIT", help=_("the kit's own code (SKU)"))
    p.add_argument("--name", required=True, help=_("the name on screens and receipts"))
    p.add_argument("--price", required=True, metavar="AMOUNT", help=_("the selling price"))
    p.add_argument(
        "--barcode", action="append", metavar="CODE", help=_("a barcode; may be given again")
    )
    p.add_argument("--warranty-months", type=int, help=_("warranty in months (0: none)"))
    p.add_argument(
        "--type",
        metavar="PATH",
        help=_("product type (default {path})").format(path=kits.KIT_TYPE),
    )
    p.add_argument(
        "--component",
        action="append",
        required=True,
        metavar="CODE:QTY",
        help=_("a product the kit holds, and how many; may be repeated"),
    )
    p.set_defaults(handler=kit_add)
    p = commands.add_parser(
        "components",
        parents=[common],
        help=_("change a kit's components"),
        epilog=_("Example: till kit components DRILL-KIT --component DRILL:1 --component BITS:2"),
    )
    p.add_argument("kit", metavar="KIT", help=_("the kit's code"))
    p.add_argument(
        "--component",
        action="append",
        required=True,
        metavar="CODE:QTY",
        help=_("a product the kit holds, and how many; may be repeated"),
    )
    p.set_defaults(handler=kit_components)
    p = commands.add_parser(
        "show",
        parents=[common],
        help=_("a kit and its components"),
        epilog=_("Example: till kit show DRILL-KIT"),
    )
    p.add_argument("kit", metavar="KIT", help=_("the kit's code"))
    p.set_defaults(handler=kit_show)
    p = commands.add_parser(
        "assemble",
        parents=[common],
        help=_("put one kit together in stock"),
        epilog=_("Example: till kit assemble DRILL-KIT --parts SN-DRILL-1"),
    )
    p.add_argument("kit", metavar="KIT", help=_("the kit's code"))
    p.add_argument(
        "--parts",
        default="",
        metavar="SN1,SN2,...",
        help=_("the serial numbers of the tracked components, comma-separated"),
    )
    p.add_argument("--serial", metavar="KITSN", help=_("the kit's own SN (default: generated)"))
    p.set_defaults(handler=kit_assemble)
    p = commands.add_parser(
        "dismantle",
        parents=[common],
        help=_("take an assembled kit apart"),
        epilog=_("Example: till kit dismantle KIT-000001"),
    )
    p.add_argument("serial", metavar="KITSN", help=_("the assembled kit's SN"))
    p.set_defaults(handler=kit_dismantle)
