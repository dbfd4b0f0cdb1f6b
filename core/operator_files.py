"""Files an operator names: a CSV to import, a handheld scanner's file, a backup to restore.

A name that is too long, a folder, a missing or unreadable file, bytes that are not UTF-8,
a NUL byte or a field too long for any column are each refused with one line naming the
file (shortened, escaped) and, inside it, the line."""

from __future__ import annotations

import csv
from pathlib import Path

from core.domain.errors import InputError
from core.domain.limits import shown, shown_file
from core.i18n import _

MAX_FIELD = 128 * 1024
"""The longest field a CSV may hold (the csv module's own limit); no column holds more."""


def is_file(path: Path) -> bool:
    """True when ``path`` names a regular file; False for any name the system refuses."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


def read_text(path: Path) -> str:
    """The UTF-8 text of a file (a byte-order mark dropped), or the refusal saying why not."""
    if not is_file(path):
        raise InputError(_("There is no file {file}.").format(file=shown_file(path)))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(
            _("{file}: cannot be read: {problem}.").format(
                file=shown_file(path), problem=exc.strerror or type(exc).__name__
            )
        ) from None
    except UnicodeDecodeError as exc:
        line = text_line(exc.object[: exc.start])
        raise InputError(
            _("{file}, line {line}: is not UTF-8 text (save it as UTF-8).").format(
                file=shown_file(path), line=line
            )
        ) from None
    _refuse_nul_or_long_lines(path, text)
    return text


def refuse_csv(path: Path, line: int, error: csv.Error) -> InputError:
    """The refusal of a CSV the csv module cannot parse, naming the line its row starts on."""
    return InputError(
        _("{file}, line {line}: is not valid CSV ({problem}).").format(
            file=shown_file(path), line=line, problem=shown(str(error))
        )
    )


def text_line(before: bytes | str) -> int:
    """The 1-based line number of the position after ``before``."""
    if isinstance(before, bytes):
        return before.count(b"\n") + 1
    return before.count("\n") + 1


def _refuse_nul_or_long_lines(path: Path, text: str) -> None:
    """Refuse a NUL byte or a line longer than any field may be, naming the line."""
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            _("{file}, line {line}: holds a NUL byte.").format(
                file=shown_file(path), line=text_line(text[:nul])
            )
        )
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_FIELD:
            raise InputError(
                _("{file}, line {line}: is longer than {limit} characters.").format(
                    file=shown_file(path), line=number, limit=MAX_FIELD
                )
            )
