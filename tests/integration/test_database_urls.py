"""Database URLs: libpq's connection settings pass through, anything else is one clear
refusal that never repeats the password."""

from __future__ import annotations

import pytest

from core.domain.errors import ConfigError
from core.persistence.db import open_database


def test_a_postgresql_url_passes_tls_settings_to_the_driver() -> None:
    """A till that must check the server's certificate says so in its URL."""
    pytest.importorskip("psycopg2", reason="the postgres extra is not installed")
    db = open_database(
        "postgresql://till_app:secret@db.shop.lan:6432/shop"
        "?sslmode=verify-full&sslrootcert=/etc/serial-till/db-ca.crt&connect_timeout=3"
    )
    params = db.connect_params
    assert (db.database, params["host"], params["port"]) == ("shop", "db.shop.lan", 6432)
    assert params["sslmode"] == "verify-full"
    assert params["sslrootcert"] == "/etc/serial-till/db-ca.crt"
    assert params["connect_timeout"] == "3" and "options" not in params


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("postgresql://till_app:secret@db:99999/shop", "port that is not a number"),
        ("postgresql://till_app:secret@db:port/shop", "port that is not a number"),
        ("postgresql://till_app:secret@db/shop?sslmod=require", "does not know: sslmod"),
        ("postgresql://till_app:secret@db/", "names no database"),
        ("mysql://till_app:secret@db/shop", "neither a SQLite file"),
        ("https://till_app:secret@db/shop", "neither a SQLite file"),
    ],
)
def test_a_bad_database_url_is_refused_without_its_password(url: str, complaint: str) -> None:
    """A typo in the URL is named; the password is never repeated in the message."""
    with pytest.raises(ConfigError) as refused:
        open_database(url)
    said = refused.value.message
    assert complaint in said and "till_app:…@db" in said and "secret" not in said
