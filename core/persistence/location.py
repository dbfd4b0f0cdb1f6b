"""Where a database URL points, worked out without opening it (nor importing peewee), so the
app can name it and check its folder before it paints."""

from __future__ import annotations

from pathlib import Path

from core.domain.errors import ConfigError
from core.i18n import _

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def sqlite_path(url: str) -> str:
    """The file (or ``:memory:``) a SQLite URL or path names, ``~`` expanded; refuses a URL
    that names no file and a folder that does not exist."""
    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    if not path:
        raise ConfigError(
            _("The database {url} names no file: give a path or a URL.").format(url=repr(url))
        )
    if path == ":memory:":
        return path
    folder = Path(path).expanduser().parent
    if not folder.is_dir():
        raise ConfigError(
            _("The database folder {folder} does not exist: create it first.").format(folder=folder)
        )
    return str(Path(path).expanduser())
