"""Where a database URL points, worked out without opening it (nor importing peewee), so the
app can name it and check its folder before it paints."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from core.domain.errors import ConfigError
from core.i18n import _

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
"""How a URL starts (``mysql://``), as opposed to a file's path."""


def sqlite_path(url: str) -> str:
    """The file (or ``:memory:``) a SQLite URL or path names, ``~`` expanded; refuses a URL
    that names no file and a folder that does not exist."""
    scheme = _SCHEME.match(url)
    if scheme and scheme[1].lower() != "sqlite":
        raise ConfigError(
            _(
                "The database {url} is neither a SQLite file (a path, or sqlite:///path) nor "
                "PostgreSQL (postgresql://user@host/name): the till works with those two."
            ).format(url=repr(describe_url(url)))
        )
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


def describe_url(url: str) -> str:
    """A database URL as a message may repeat it: the password left out."""
    parts = urlparse(url)
    user, at, host = parts.netloc.rpartition("@")
    if not at or ":" not in user:
        return url
    return parts._replace(netloc=f"{user.partition(':')[0]}:…@{host}").geturl()
