"""Presenting results on the command line: JSON for machines, aligned text for people."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TextIO, cast

from cli.i18n import _
from core.domain.errors import DomainError, InputError, SerialRuleError
from core.domain.limits import escaped, shown_file
from core.domain.money import format_money
from core.results import Posted


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def print_json(data: Any, out: TextIO | None = None) -> None:
    """Write a value as indented JSON (dates ISO, money as decimal strings)."""
    json.dump(_plain(data), out or sys.stdout, ensure_ascii=False, indent=2)
    (out or sys.stdout).write("\n")


def money(minor: int | None) -> str | None:
    """Kopecks as a decimal string for machine output, or None."""
    return None if minor is None else format_money(minor)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO | None = None) -> None:
    """Write rows as a plain aligned text table."""
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    stream = out or sys.stdout
    for row in [list(headers), ["-" * w for w in widths], *text_rows]:
        stream.write(
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def write_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO | None = None
) -> None:
    """Write rows as CSV with a header row, each line ended by a plain newline (a carriage
    return would be escaped into visible text by the command line's output)."""
    writer = csv.writer(out or sys.stdout, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])


def posted_json(posted: Posted) -> dict[str, Any]:
    """A posted document as the CLI's JSON object: ``document`` and ``warnings`` first."""
    return {
        "document": posted.number,
        "warnings": [dataclasses.asdict(w) for w in posted.warnings],
        "kind": posted.kind.value,
        "date": posted.on.isoformat(),
        "party": posted.party,
        "ref": posted.ref_number,
        "total": money(posted.total),
        "change": money(posted.change),
        "repeated": posted.repeated,
        "lines": [
            {
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "unit_amount": money(line.unit_amount),
                "serials": list(line.serials),
                "warranty_end": line.warranty_end.isoformat() if line.warranty_end else None,
            }
            for line in posted.lines
        ],
    }


def report_posted(posted: Posted, as_json: bool) -> int:
    """Print a posted document: its number (or JSON), and warnings on stderr."""
    if as_json:
        print_json(posted_json(posted))
    else:
        print(posted.number)
        if posted.change:
            print(_("change: {amount}").format(amount=format_money(posted.change)))
    for warning in posted.warnings:
        message = _("till: warning [{rule}]: {message}")
        print(message.format(rule=warning.rule, message=warning.message), file=sys.stderr)
    return 0


REFUSALS_SHOWN = 20
"""How many refused discrepancies stderr names, one line each; ``--json`` gives them all."""


def report_refusal(error: DomainError, as_json: bool) -> None:
    """A refusal: one stderr line per broken rule (the first 20); with ``--json`` a tracking
    refusal also gives every discrepancy on stdout."""
    discrepancies = error.discrepancies if isinstance(error, SerialRuleError) else ()
    lines = [(d.rule, d.message) for d in discrepancies] or [(error.rule, error.message)]
    for rule, message in lines[:REFUSALS_SHOWN]:
        refused = _("till: refused [{rule}]: {message}")
        print(refused.format(rule=rule, message=message), file=sys.stderr)
    if len(lines) > REFUSALS_SHOWN:
        more = _("till: … and {count} more").format(count=len(lines) - REFUSALS_SHOWN)
        print(more, file=sys.stderr)
    if as_json and discrepancies:
        print_json(
            {
                "refused": error.rule,
                "message": error.message,
                "discrepancies": [dataclasses.asdict(d) for d in discrepancies],
            }
        )


class EscapingWriter:
    """A text stream that writes what a command prints with control characters escaped.

    Names, reasons and serial numbers come from users and files: echoed raw, an ESC sequence
    in a product's name would clear or recolour the operator's terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` escaped; the length of ``text`` as given."""
        self._stream.write(escaped(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def escaping_output() -> Iterator[None]:
    """Standard output and error escape control characters while the block runs."""
    with (
        redirect_stdout(cast(TextIO, EscapingWriter(sys.stdout))),
        redirect_stderr(cast(TextIO, EscapingWriter(sys.stderr))),
    ):
        yield


def write_file(path: Path, data: bytes) -> None:
    """Write a file the operator named; a path that cannot be written is an input error."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(
            _("Cannot write {path}: {problem}. Name a file in a folder that exists.").format(
                path=shown_file(path), problem=exc.strerror or type(exc).__name__
            )
        ) from None


def print_rows(
    args: argparse.Namespace,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    counted: str | None = None,
) -> None:
    """Rows as ``--format`` (or ``--json``) asks: JSON or CSV with English keys for scripts,
    else a table with translated headers and, given ``counted`` (a marked message such as
    ``{count} orders``), the count on stderr."""
    fmt = "json" if args.json else args.format
    if fmt == "json":
        print_json([dict(zip(headers, row, strict=True)) for row in rows])
    elif fmt == "csv":
        write_csv(headers, rows)
    else:
        table([_(header) for header in headers], rows)
        if counted is not None:
            print(_(counted).format(count=len(rows)), file=sys.stderr)
