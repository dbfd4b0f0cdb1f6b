"""`till count …`: count sheets from the command line."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.output import print_json, report_posted, table
from core.domain.errors import InputError
from core.domain.money import parse_money
from core.drafts.count import CountDraft
from core.drafts.entry import Scan
from core.services import count_settlement, count_sheets, counting
from core.views import CountScope, SheetView


def new(args: argparse.Namespace, services: Services) -> int:
    """`till count new [--type PATH | --product CODE ...]`: open a sheet, print its id."""
    scope = CountScope(type_path=args.type, product_codes=tuple(args.product or ()))
    opened = counting.open_sheet(services.uow(), services.ctx, scope)
    if args.json:
        print_json(opened)
    else:
        print(opened.number)
    return 0


def scan(args: argparse.Namespace, services: Services) -> int:
    """`till count scan ID CODE ...`: record scans and say what each was."""
    scans = [Scan.typed(code) for code in args.codes]
    results = CountDraft(services).classify(scans, args.sheet)
    if args.json:
        print_json(results)
    else:
        table(
            ("code", "kind", "sku", "detail"),
            [(r.code, r.kind.value, r.sku, r.detail) for r in results],
        )
    return 0


def import_file(args: argparse.Namespace, services: Services) -> int:
    """`till count import ID FILE`: scans from a handheld scanner's exported file."""
    results = CountDraft(services).classify_file(args.file, _quiet, args.sheet)
    kinds: dict[str, int] = {}
    for result in results:
        kinds[result.kind.value] = kinds.get(result.kind.value, 0) + 1
    if args.json:
        print_json({"scans": len(results), "kinds": kinds})
    else:
        print(f"{len(results)} scans: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


def _sheet_json(sheet: SheetView) -> dict[str, object]:
    return {
        "sheet": sheet.number,
        "scope": sheet.scope,
        "status": sheet.status,
        "products": [
            {
                "sku": p.sku,
                "name": p.name,
                "tracking": p.tracking,
                "expected": sorted(p.balance.expected),
                "found": sorted(p.balance.found),
                "surplus": list(p.surplus),
                "shortage": list(p.shortage),
                "expected_quantity": p.balance.expected_quantity,
                "counted_quantity": p.balance.counted_quantity,
                "replaceable": p.replaceable,
            }
            for p in sheet.products
        ],
        "duplicates": list(sheet.duplicates),
        "unknown": list(sheet.unknown),
        "outside": list(sheet.outside),
        "product_barcodes": list(sheet.product_barcodes),
        "in_repair": list(sheet.in_repair),
        "replacements": [
            {"surplus": s, "shortage": x, "document": d} for s, x, d in sheet.replacements
        ],
    }


def show(args: argparse.Namespace, services: Services) -> int:
    """`till count show ID`: per product expected, found, surplus and shortage."""
    sheet = count_sheets.view(services.uow(), args.sheet)
    if args.json:
        print_json(_sheet_json(sheet))
        return 0
    print(f"{sheet.number}  {sheet.scope}  {sheet.status}")
    table(
        ("sku", "expected", "found", "surplus", "shortage", "qty +/-"),
        [
            (
                p.sku,
                len(p.balance.expected) or p.balance.expected_quantity,
                len(p.balance.found) or p.balance.counted_quantity,
                " ".join(p.surplus),
                " ".join(p.shortage),
                p.balance.quantity_difference or "",
            )
            for p in sheet.products
        ],
    )
    for label, codes in (
        ("duplicates", sheet.duplicates),
        ("unknown", sheet.unknown),
        ("outside the sheet", sheet.outside),
        ("in repair (present, not stock)", sheet.in_repair),
    ):
        if codes:
            print(f"{label}: {' '.join(codes)}")
    return 0


def replace(args: argparse.Namespace, services: Services) -> int:
    """`till count replace ID SURPLUS_SN SHORTAGE_SN`."""
    posted = count_settlement.replace_serial(
        services.uow(), services.ctx, args.sheet, args.surplus, args.shortage
    )
    return report_posted(posted, args.json)


def post(args: argparse.Namespace, services: Services) -> int:
    """`till count post ID [--cost CODE=AMOUNT ...]`."""
    costs = {}
    for text in args.cost or ():
        code, sep, amount = text.partition("=")
        if not sep:
            raise InputError(f"“{text}” should be CODE=AMOUNT.")
        costs[code.strip()] = parse_money(amount)
    return report_posted(
        count_settlement.post(services.uow(), services.ctx, args.sheet, costs), args.json
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till count …`."""
    count = sub.add_parser("count", parents=[common], help="count stock by serial number")
    steps = count.add_subparsers(dest="count_command", required=True)
    p = steps.add_parser("new", parents=[common], help="open a count sheet")
    p.add_argument("--type", metavar="PATH")
    p.add_argument("--product", action="append", metavar="CODE")
    p.set_defaults(handler=new)
    p = steps.add_parser("scan", parents=[common], help="record scans")
    p.add_argument("sheet")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.set_defaults(handler=scan)
    p = steps.add_parser("import", parents=[common], help="scans from a scanner's file")
    p.add_argument("sheet")
    p.add_argument("file")
    p.set_defaults(handler=import_file)
    p = steps.add_parser("show", parents=[common], help="surplus and shortage per product")
    p.add_argument("sheet")
    p.set_defaults(handler=show)
    p = steps.add_parser("replace", parents=[common], help="fix a mixed-up pair of SNs")
    p.add_argument("sheet")
    p.add_argument("surplus", metavar="SURPLUS_SN")
    p.add_argument("shortage", metavar="SHORTAGE_SN")
    p.set_defaults(handler=replace)
    p = steps.add_parser("post", parents=[common], help="post the count")
    p.add_argument("sheet")
    p.add_argument(
        "--cost", action="append", metavar="CODE=AMOUNT", help="unit cost of goods taken in"
    )
    p.set_defaults(handler=post)


def _quiet(_done: int, _total: int) -> None:
    """The command line reports the import once, at the end."""
