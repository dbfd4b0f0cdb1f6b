"""Importing product types and products from CSV: every bad row reported, all or nothing."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from core import operator_files
from core.commands import ChangeProduct
from core.domain.catalogue import TypeSettings, parse_tracking, validate_type
from core.domain.errors import InputError, TillError
from core.domain.limits import shown, shown_file
from core.domain.money import parse_money
from core.domain.permissions import Right
from core.domain.warranty import WarrantyPeriod
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import ProductChanges
from core.services import catalogue
from core.services.authority import require
from core.services.catalogue import NewProduct, clean_path

T = TypeVar("T")

TYPE_COLUMNS = (
    "path",
    "tracking",
    "warranty_months",
    "warranty_days",
    "sn_pattern",
    "sn_check",
    "sn_uppercase",
    "card_template",
)
PRODUCT_COLUMNS = ("sku", "name", "type", "price", "barcodes", "warranty_months", "warranty_days")


class ImportError_(InputError):
    """A CSV file with bad rows; the message lists each by line number."""

    @classmethod
    def default_title(cls) -> str:
        return _("Import refused")


@dataclass(frozen=True)
class Imported:
    """How many rows an import wrote."""

    count: int


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV file (comma or semicolon) with their line numbers."""
    text = operator_files.read_text(path)
    header = text.partition("\n")[0]
    dialect = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in headers]
    if missing:
        raise InputError(
            _("{file}: the header row lacks the column(s) {columns}.").format(
                file=shown_file(path), columns=", ".join(missing)
            )
        )
    reader.fieldnames = headers
    rows = []
    try:
        for row in reader:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
    except csv.Error as exc:
        raise operator_files.refuse_csv(path, reader.line_num + 1, exc) from None
    return rows


def _collect(
    path: Path, rows: list[tuple[int, dict[str, str]]], parse: Callable[[dict[str, str]], T]
) -> list[T]:
    parsed, errors = [], []
    for line, row in rows:
        try:
            parsed.append(parse(row))
        except TillError as exc:
            errors.append(_row_error(line, exc))
    if errors:
        raise _refused(path, errors)
    if not parsed:
        raise InputError(_("{file}: has no data rows.").format(file=shown_file(path)))
    return parsed


def _row_error(line: int, exc: TillError) -> str:
    return _("line {line}: {message}").format(line=line, message=exc.message)


def _refused(path: Path, errors: list[str]) -> ImportError_:
    heading = _("{file}: nothing was imported; fix these rows:").format(file=shown_file(path))
    return ImportError_("\n".join([heading, *errors]))


def _int(row: dict[str, str], key: str) -> int | None:
    value = row.get(key, "")
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise InputError(
            _("{column} “{value}” is not a whole number.").format(column=key, value=shown(value))
        )
    return int(value)


def _warranty(row: dict[str, str]) -> WarrantyPeriod | None:
    months, days = _int(row, "warranty_months"), _int(row, "warranty_days")
    if months is None and days is None:
        return None
    return WarrantyPeriod(months=months or 0, days=days or 0)


def _type(row: dict[str, str]) -> TypeSettings:
    upper = row.get("sn_uppercase", "").lower()
    if upper not in ("", "yes", "no", "true", "false", "1", "0"):
        raise InputError(_("sn_uppercase “{value}” should be yes or no.").format(value=upper))
    return validate_type(
        TypeSettings(
            path=clean_path(row["path"]),
            tracking=parse_tracking(row["tracking"]) if row.get("tracking") else None,
            warranty=_warranty(row),
            sn_pattern=row.get("sn_pattern") or None,
            sn_check=row.get("sn_check") or None,
            sn_uppercase=None if not upper else upper in ("yes", "true", "1"),
            card_template=row.get("card_template") or None,
        )
    )


def _product(row: dict[str, str]) -> NewProduct:
    codes = row.get("barcodes", "").replace(";", " ").replace(",", " ").split()
    return NewProduct(
        sku=row["sku"],
        name=row["name"],
        type_path=row["type"],
        price=parse_money(row["price"]),
        barcodes=tuple(codes),
        warranty=_warranty(row),
    )


def import_types(uow: UnitOfWork, path: Path, ctx: Context | None = None) -> Imported:
    """Create or update the product types listed in a CSV file."""
    if ctx is not None:
        require(ctx, Right.CATALOGUE)
    settings = _collect(path, read_rows(path, ("path",)), _type)
    with uow:
        for node in settings:
            catalogue.set_type(uow, node)
    return Imported(len(settings))


def update_products(uow: UnitOfWork, ctx: Context, path: Path) -> list[ProductChanges]:
    """Change the products a CSV file lists and add the new ones, in one transaction: what
    changed for each; a bad row refuses the whole file, naming every bad row."""
    require(ctx, Right.CATALOGUE)
    rows = read_rows(path, ("sku", "name", "type", "price"))
    if not rows:
        raise InputError(_("{file}: has no data rows.").format(file=path))
    errors: list[str] = []
    done: list[ProductChanges] = []
    with uow:
        for line, row in rows:
            try:
                done.append(_update_row(uow, ctx, row))
            except TillError as exc:
                errors.append(_row_error(line, exc))
        if errors:
            raise _refused(path, errors)
    return done


def _update_row(uow: UnitOfWork, ctx: Context, row: dict[str, str]) -> ProductChanges:
    new = _product(row)
    if uow.catalogue.product_by_code(new.sku.strip()) is None:
        added = catalogue.add_product(uow, new)
        return ProductChanges(added.sku, (), added=True)
    active = row.get("active", "").lower()
    if active not in ("", "yes", "no", "true", "false", "1", "0"):
        raise InputError(_("active “{value}” should be yes or no.").format(value=active))
    change = ChangeProduct(
        code=new.sku,
        name=new.name,
        price=new.price,
        type_path=new.type_path,
        warranty=new.warranty,
        add_barcodes=new.barcodes,
        active=None if not active else active in ("yes", "true", "1"),
    )
    return catalogue.change_product(uow, ctx, change)


def import_products(uow: UnitOfWork, path: Path, ctx: Context | None = None) -> Imported:
    """Add the products listed in a CSV file; a bad row refuses the whole file."""
    if ctx is not None:
        require(ctx, Right.CATALOGUE)
    rows = read_rows(path, ("sku", "name", "type", "price"))
    if not rows:
        raise InputError(_("{file}: has no data rows.").format(file=shown_file(path)))
    errors: list[str] = []
    with uow:
        for line, row in rows:
            try:
                catalogue.add_product(uow, _product(row))
            except TillError as exc:
                errors.append(_row_error(line, exc))
        if errors:
            raise _refused(path, errors)
    return Imported(len(rows))
