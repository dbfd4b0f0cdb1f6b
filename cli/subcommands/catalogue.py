"""Catalogue commands: product types, products and CSV imports."""

from __future__ import annotations

import argparse
from pathlib import Path

from bootstrap.services import Services
from cli.output import print_json, table
from core.domain.catalogue import TypeSettings, parse_tracking
from core.domain.errors import InputError
from core.domain.money import format_money, parse_money
from core.domain.warranty import WarrantyPeriod
from core.services import catalogue, importing
from core.services.catalogue import NewProduct


def _warranty(args: argparse.Namespace) -> WarrantyPeriod | None:
    months, days = args.warranty_months, args.warranty_days
    if months is None and days is None:
        return None
    if months is not None and days is not None:
        raise InputError("Give --warranty-months or --warranty-days, not both.")
    if (months or 0) < 0 or (days or 0) < 0:
        raise InputError("A warranty period cannot be negative.")
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
    )
    policy = catalogue.set_type(services.uow(), settings, services.ctx)
    if args.json:
        print_json(
            {
                "path": policy.path,
                "tracking": policy.tracking,
                "warranty": policy.warranty.describe(),
                "inherited": sorted(policy.inherited),
            }
        )
    else:
        print(f"{policy.path}: {policy.tracking.value}, warranty {policy.warranty.describe()}")
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
        )
        for node, policy in tree
    ]
    if args.json:
        keys = ("path", "tracking", "warranty", "sn_pattern", "sn_check", "inherited")
        print_json([dict(zip(keys, row, strict=True)) for row in rows])
    else:
        table(("type", "tracking", "warranty", "pattern", "check", "inherited"), rows)
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
    found = catalogue.search_products(services.uow(), args.text or "", args.limit)
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
        table(("sku", "name", "type", "tracking", "price", "barcodes", "warranty"), rows)
    return 0


def import_file(args: argparse.Namespace, services: Services) -> int:
    """`till import types|products FILE.csv`."""
    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"There is no file {path}.")
    run = importing.import_types if args.what == "types" else importing.import_products
    done = run(services.uow(), path, services.ctx)
    if args.json:
        print_json({"imported": done.count, "what": args.what})
    else:
        print(f"imported {done.count} {args.what}")
    return 0


def _warranty_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warranty-months", type=int)
    parser.add_argument("--warranty-days", type=int)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add the catalogue commands."""
    types = sub.add_parser("type", parents=[common], help="product types").add_subparsers(
        dest="type_command", required=True
    )
    p = types.add_parser("add", parents=[common], help="create or change a product type")
    p.add_argument("path", help="like Electronics/Phones; missing parents are created")
    p.add_argument("--tracking", choices=["none", "soft", "strict"])
    _warranty_options(p)
    p.add_argument("--sn-pattern", help="a regular expression every SN must match")
    p.add_argument("--sn-check", choices=["imei"], help="a check digit to verify")
    p.add_argument("--keep-case", action="store_true", help="do not upper-case serial numbers")
    p.add_argument("--card-template", help="warranty-card template file for this type")
    p.set_defaults(handler=type_add)
    p = types.add_parser("list", parents=[common], help="the product-type tree")
    p.set_defaults(handler=type_list)

    products = sub.add_parser("product", parents=[common], help="products").add_subparsers(
        dest="product_command", required=True
    )
    p = products.add_parser("add", parents=[common], help="add a product")
    p.add_argument("sku")
    p.add_argument("--name", required=True)
    p.add_argument("--type", required=True, metavar="PATH")
    p.add_argument("--price", required=True, metavar="AMOUNT")
    p.add_argument("--barcode", action="append", metavar="CODE")
    _warranty_options(p)
    p.set_defaults(handler=product_add)
    p = products.add_parser("list", parents=[common], help="find products")
    p.add_argument("text", nargs="?")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=product_list)

    p = sub.add_parser("import", parents=[common], help="import types or products from CSV")
    p.add_argument("what", choices=["types", "products"])
    p.add_argument("file")
    p.set_defaults(handler=import_file)
