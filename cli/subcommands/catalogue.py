"""Catalogue commands: product types, products and CSV imports."""

from __future__ import annotations

import argparse
from pathlib import Path

from bootstrap.services import Services
from cli.arguments import parse_limit
from cli.i18n import N_, _
from cli.output import print_json, table
from core.commands import ChangeProduct
from core.domain.catalogue import TypeSettings, parse_tracking
from core.domain.errors import InputError
from core.domain.identifiers import parse_kinds
from core.domain.money import format_money, parse_money
from core.domain.warranty import WarrantyPeriod
from core.results import ProductChanges
from core.services import catalogue, importing
from core.services.catalogue import NewProduct


def _warranty(args: argparse.Namespace) -> WarrantyPeriod | None:
    months, days = args.warranty_months, args.warranty_days
    if months is None and days is None:
        return None
    if months is not None and days is not None:
        raise InputError(_("Give --warranty-months or --warranty-days, not both."))
    if (months or 0) < 0 or (days or 0) < 0:
        raise InputError(_("A warranty period cannot be negative."))
    return WarrantyPeriod(months=months or 0, days=days or 0)


def type_add(args: argparse.Namespace, services: Services) -> int:
    """`till type add PATH ...`: create or change a product type."""
    settings = TypeSettings(
        path=args.path,
        tracking=parse_tracking(args.tracking) if args.tracking else None,
        warranty=_warranty(args),
        sn_pattern=args.sn_pattern,
        sn_check=args.sn_check,
        sn_uppercase=False if args.keep_case else None,
        card_template=args.card_template,
        identifiers=None if args.identifiers is None else parse_kinds(args.identifiers),
    )
    policy = catalogue.set_type(services.uow(), settings, services.ctx)
    if args.json:
        print_json(
            {
                "path": policy.path,
                "tracking": policy.tracking,
                "warranty": policy.warranty.describe(),
                "inherited": sorted(policy.inherited),
                "identifiers": list(policy.identifiers),
            }
        )
    else:
        message = _("{path}: {tracking}, warranty {warranty}")
        ids = ", ".join(policy.identifier_labels()) if policy.identifiers else ""
        said = message.format(
            path=policy.path,
            tracking=policy.tracking.value,
            warranty=policy.warranty.describe(),
        )
        print(said + (_(", identifiers {kinds}").format(kinds=ids) if ids else ""))
    return 0


def type_list(args: argparse.Namespace, services: Services) -> int:
    """`till type list`: the type tree with what each node resolves to."""
    tree = catalogue.type_tree(services.uow())
    rows = [
        (
            node.path,
            policy.tracking.value,
            policy.warranty.describe(),
            policy.rule.pattern or "",
            policy.rule.check or "",
            ", ".join(sorted(policy.inherited)),
            ",".join(policy.identifiers),
        )
        for node, policy in tree
    ]
    if args.json:
        keys = (
            "path",
            "tracking",
            "warranty",
            "sn_pattern",
            "sn_check",
            "inherited",
            "identifiers",
        )
        print_json([dict(zip(keys, row, strict=True)) for row in rows])
    else:
        headers = (_("type"), _("tracking"), _("warranty"), _("pattern"), _("check"))
        table((*headers, _("inherited"), _("identifiers")), rows)
    return 0


def product_add(args: argparse.Namespace, services: Services) -> int:
    """`till product add SKU ...`: add a product."""
    new = NewProduct(
        sku=args.sku,
        name=args.name,
        type_path=args.type,
        price=parse_money(args.price),
        barcodes=tuple(args.barcode or ()),
        warranty=_warranty(args),
    )
    product = catalogue.add_product(services.uow(), new, services.ctx)
    if args.json:
        print_json(
            {
                "sku": product.sku,
                "name": product.name,
                "type": product.type_path,
                "tracking": product.tracking,
                "price": format_money(product.price),
                "barcodes": list(product.barcodes),
                "warranty": product.warranty.describe(),
            }
        )
    else:
        print(f"{product.sku}: {product.name} ({product.tracking.value})")
    return 0


def product_list(args: argparse.Namespace, services: Services) -> int:
    """`till product list [TEXT]`: find products."""
    found = catalogue.search_products(
        services.uow(), args.text or "", args.limit, inactive=args.all
    )
    rows = [
        (
            p.sku,
            p.name,
            p.type_path,
            p.tracking.value,
            format_money(p.price),
            " ".join(p.barcodes),
            p.warranty.describe(),
        )
        for p in found
    ]
    if args.json:
        keys = ("sku", "name", "type", "tracking", "price", "barcodes", "warranty")
        print_json([dict(zip(keys, row, strict=True)) for row in rows])
    else:
        headers = (_("sku"), _("name"), _("type"), _("tracking"), _("price"), _("barcodes"))
        table((*headers, _("warranty")), rows)
    return 0


def product_set(args: argparse.Namespace, services: Services) -> int:
    """`till product set CODE ...`: change a product; prints what changed."""
    change = ChangeProduct(
        code=args.code,
        name=args.name,
        price=parse_money(args.price) if args.price is not None else None,
        type_path=args.type,
        warranty=_warranty(args),
        add_barcodes=tuple(args.add_barcode or ()),
        remove_barcodes=tuple(args.remove_barcode or ()),
        active=args.active,
    )
    done = catalogue.change_product(services.uow(), services.ctx, change)
    _report_changes([done], args.json)
    return 0


FIELD_WORDS = {
    "name": N_("name"),
    "price": N_("price"),
    "type": N_("type"),
    "warranty": N_("warranty"),
    "active": N_("active"),
    "barcode": N_("barcode"),
}
"""The words for a product's changed fields, as `till product set` names them."""


def _report_changes(done: list[ProductChanges], as_json: bool) -> None:
    """One line per changed field (or per added product), or the same as JSON."""
    if as_json:
        print_json(
            [
                {
                    "sku": item.sku,
                    "added": item.added,
                    "changes": [
                        {"field": c.field, "old": c.old, "new": c.new} for c in item.changes
                    ],
                }
                for item in done
            ]
        )
        return
    for item in done:
        if item.added:
            print(_("{sku}: added").format(sku=item.sku))
        elif not item.changes:
            print(_("{sku}: unchanged").format(sku=item.sku))
        for change in item.changes:
            field = _(FIELD_WORDS.get(change.field, change.field))
            message = _("{sku}: {field} {old} → {new}")
            print(message.format(sku=item.sku, field=field, old=change.old, new=change.new))


def product_prices(args: argparse.Namespace, services: Services) -> int:
    """`till product prices CODE`: a product's price now and every earlier price."""
    product, changes = catalogue.price_history(services.uow(), args.code)
    rows = [
        (
            c.at.strftime("%Y-%m-%d %H:%M"),
            format_money(c.old_price),
            format_money(c.price),
            c.operator,
        )
        for c in changes
    ]
    if args.json:
        keys = ("changed_at", "old_price", "price", "operator")
        print_json(
            {
                "sku": product.sku,
                "price": format_money(product.price),
                "changes": [dict(zip(keys, row, strict=True)) for row in rows],
            }
        )
    else:
        message = _("{sku}: {name}, now {price}")
        print(message.format(sku=product.sku, name=product.name, price=format_money(product.price)))
        table((_("changed at"), _("old price"), _("new price"), _("by")), rows)
    return 0


def import_file(args: argparse.Namespace, services: Services) -> int:
    """`till import types|products FILE.csv [--update]`."""
    path = Path(args.file)
    if args.update:
        if args.what != "products":
            raise InputError(_("--update works with products only."))
        _report_changes(importing.update_products(services.uow(), services.ctx, path), args.json)
        return 0
    run = importing.import_types if args.what == "types" else importing.import_products
    done = run(services.uow(), path, services.ctx)
    if args.json:
        print_json({"imported": done.count, "what": args.what})
    else:
        print(_("imported {count} {what}").format(count=done.count, what=args.what))
    return 0


def _warranty_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warranty-months", type=int, metavar="N", help=_("warranty in months (0: none)")
    )
    parser.add_argument(
        "--warranty-days", type=int, metavar="N", help=_("warranty in days, instead of months")
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the catalogue commands."""
    types = sub.add_parser(
        "type",
        parents=[common],
        help=_("product types"),
        epilog=_(
            "Example: till type add Electronics/Phones --tracking strict --warranty-months 12"
        ),
    ).add_subparsers(dest="type_command", required=True)
    p = types.add_parser(
        "add",
        parents=[common],
        help=_("create or change a product type"),
        epilog=_("Example: till type add Electronics/Phones --tracking strict --sn-check imei"),
    )
    p.add_argument("path", help=_("like Electronics/Phones; missing parents are created"))
    p.add_argument(
        "--tracking",
        choices=["none", "soft", "strict"],
        help=_("strict: a serial number is required and checked; soft: warned; none: counted"),
    )
    _warranty_options(p)
    p.add_argument("--sn-pattern", help=_("a regular expression every SN must match"))
    p.add_argument("--sn-check", choices=["imei"], help=_("a check digit to verify"))
    p.add_argument("--keep-case", action="store_true", help=_("do not upper-case serial numbers"))
    p.add_argument("--card-template", help=_("warranty-card template file for this type"))
    p.add_argument(
        "--identifiers",
        metavar="KINDS",
        help=_("identifiers each unit carries, in order: imei,imei,serial (the first is its SN)"),
    )
    p.set_defaults(handler=type_add)
    p = types.add_parser(
        "list",
        parents=[common],
        help=_("the product-type tree"),
        epilog=_("Example: till type list --json"),
    )
    p.set_defaults(handler=type_list)

    products = sub.add_parser(
        "product",
        parents=[common],
        help=_("products"),
        epilog=_("Example: till product list galaxy"),
    ).add_subparsers(dest="product_command", required=True)
    p = products.add_parser(
        "add",
        parents=[common],
        help=_("add a product"),
        epilog=_(
            "Example: till product add PHONE-A15 --name 'Galaxy A15' --type Electronics/Phones "
            "--price 6999 --barcode 8806095072711"
        ),
    )
    p.add_argument("sku", help=_("the product's own code (SKU)"))
    p.add_argument("--name", required=True, help=_("the name on screens and receipts"))
    p.add_argument("--type", required=True, metavar="PATH", help=_("its product type"))
    p.add_argument("--price", required=True, metavar="AMOUNT", help=_("the selling price"))
    p.add_argument(
        "--barcode", action="append", metavar="CODE", help=_("a barcode; may be given again")
    )
    _warranty_options(p)
    p.set_defaults(handler=product_add)
    p = products.add_parser(
        "list",
        parents=[common],
        help=_("find products"),
        epilog=_("Example: till product list phone --limit 20"),
    )
    p.add_argument("text", nargs="?", help=_("part of the SKU, name or barcode"))
    p.add_argument("--limit", type=parse_limit, default=200, help=_("show at most this many"))
    p.add_argument("--all", action="store_true", help=_("inactive products too"))
    p.set_defaults(handler=product_list)
    p = products.add_parser(
        "set",
        parents=[common],
        help=_("change a product"),
        epilog=_("Example: till product set USBC1 --price 249 --add-barcode 4820000000039"),
    )
    p.add_argument("code", metavar="CODE", help=_("SKU or barcode"))
    p.add_argument("--name", help=_("a new name"))
    p.add_argument("--price", metavar="AMOUNT", help=_("a new selling price (kept in the history)"))
    p.add_argument("--type", metavar="PATH", help=_("move it to this product type"))
    _warranty_options(p)
    p.add_argument(
        "--add-barcode", action="append", metavar="CODE", help=_("add a barcode; may be repeated")
    )
    p.add_argument(
        "--remove-barcode",
        action="append",
        metavar="CODE",
        help=_("remove a barcode; may be repeated"),
    )
    active = p.add_mutually_exclusive_group()
    active.add_argument(
        "--active", dest="active", action="store_true", default=None, help=_("sell it again")
    )
    active.add_argument(
        "--inactive",
        dest="active",
        action="store_false",
        help=_("stop selling it (kept in history)"),
    )
    p.set_defaults(handler=product_set)
    p = products.add_parser(
        "prices",
        parents=[common],
        help=_("a product's price history"),
        epilog=_("Example: till product prices USBC1"),
    )
    p.add_argument("code", metavar="CODE", help=_("SKU or barcode"))
    p.set_defaults(handler=product_prices)

    p = sub.add_parser(
        "import",
        parents=[common],
        help=_("import types or products from CSV"),
        epilog=_("Example: till import products products.csv"),
    )
    p.add_argument("what", choices=["types", "products"], help=_("what the file holds"))
    p.add_argument("file", help=_("a CSV file with a header row"))
    p.add_argument(
        "--update", action="store_true", help=_("change existing products, add new ones")
    )
    p.set_defaults(handler=import_file)
