"""Optional extras name themselves when missing; `till --version` names the package version."""

from __future__ import annotations

import sys

import pytest

from cli.main import main
from core.domain.errors import ConfigError
from core.persistence.db import open_database
from devices.errors import DeviceError
from devices.scan.hid_evdev import open_input_device


def test_a_postgresql_url_without_the_postgres_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without psycopg2 the database cannot be opened, and the message says what to install."""
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    with pytest.raises(ConfigError, match=r"serial-till\[postgres\]"):
        open_database("postgresql://postgres@127.0.0.1:5432/test")


def test_the_command_line_reports_the_missing_postgres_extra_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`till --db postgresql://… verify` ends with one line and exit status 2."""
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    code = main(["--db", "postgresql://postgres@127.0.0.1:5432/test", "verify"])
    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith("till: ") and "pip install 'serial-till[postgres]'" in error
    assert "Traceback" not in error


def test_a_hid_scanner_without_the_hid_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without evdev the scanner reports a device error naming the hid extra."""
    monkeypatch.setitem(sys.modules, "evdev", None)
    with pytest.raises(DeviceError, match=r"serial-till\[hid\]"):
        open_input_device("/dev/input/event0")


def test_version_prints_the_installed_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`till --version` names the version pyproject.toml declares, and exits 0."""
    from tests.packaging.locks import pyproject

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"till {pyproject()['project']['version']}\n"
