"""`till count …`: count sheets from the command line."""

from __future__ import annotations

import argparse

from bootstrap.services import Services
from cli.i18n import _
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
            (_("code"), _("kind"), _("sku"), _("detail")),
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
        counted = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        print(_("{count} scans: {kinds}").format(count=len(results), kinds=counted))
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
        (_("sku"), _("expected"), _("found"), _("surplus"), _("shortage"), _("qty +/-")),
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
        (_("duplicates"), sheet.duplicates),
        (_("unknown"), sheet.unknown),
        (_("outside the sheet"), sheet.outside),
        (_("in repair (present, not stock)"), sheet.in_repair),
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
            raise InputError(_("“{text}” should be CODE=AMOUNT.").format(text=text))
        costs[code.strip()] = parse_money(amount)
    return report_posted(
        count_settlement.post(services.uow(), services.ctx, args.sheet, costs), args.json
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add `till count …`."""
    count = sub.add_parser(
        "count",
        parents=[common],
        help=_("count stock by serial number"),
        epilog=_("Example: till count new --type Electronics/Phones"),
    )
    steps = count.add_subparsers(dest="count_command", required=True)
    p = steps.add_parser(
        "new",
        parents=[common],
        help=_("open a count sheet"),
        epilog=_("Example: till count new --product PHONE-A15"),
    )
    p.add_argument("--type", metavar="PATH", help=_("count this product type and its sub-types"))
    p.add_argument(
        "--product", action="append", metavar="CODE", help=_("count this product; may be repeated")
    )
    p.set_defaults(handler=new)
    p = steps.add_parser(
        "scan",
        parents=[common],
        help=_("record scans"),
        epilog=_("Example: till count scan CT-000001 SN123 SN124"),
    )
    p.add_argument("sheet", help=_("the count sheet's number"))
    p.add_argument("codes", nargs="+", metavar="CODE", help=_("serial numbers or barcodes"))
    p.set_defaults(handler=scan)
    p = steps.add_parser(
        "import",
        parents=[common],
        help=_("scans from a scanner's file"),
        epilog=_("Example: till count import CT-000001 scans.txt"),
    )
    p.add_argument("sheet", help=_("the count sheet's number"))
    p.add_argument("file", help=_("a text file with one scanned code a line"))
    p.set_defaults(handler=import_file)
    p = steps.add_parser(
        "show",
        parents=[common],
        help=_("surplus and shortage per product"),
        epilog=_("Example: till count show CT-000001"),
    )
    p.add_argument("sheet", help=_("the count sheet's number"))
    p.set_defaults(handler=show)
    p = steps.add_parser(
        "replace",
        parents=[common],
        help=_("fix a mixed-up pair of SNs"),
        epilog=_("Example: till count replace CT-000001 SN-FOUND SN-MISSING"),
    )
    p.add_argument("sheet", help=_("the count sheet's number"))
    p.add_argument("surplus", metavar="SURPLUS_SN", help=_("the SN found but not expected"))
    p.add_argument("shortage", metavar="SHORTAGE_SN", help=_("the SN expected but not found"))
    p.set_defaults(handler=replace)
    p = steps.add_parser(
        "post",
        parents=[common],
        help=_("post the count"),
        epilog=_("Example: till count post CT-000001 --cost CABLE=45.00"),
    )
    p.add_argument("sheet", help=_("the count sheet's number"))
    p.add_argument(
        "--cost", action="append", metavar="CODE=AMOUNT", help=_("unit cost of goods taken in")
    )
    p.set_defaults(handler=post)


def _quiet(_done: int, _total: int) -> None:
    """The command line reports the import once, at the end."""
