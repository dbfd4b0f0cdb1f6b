"""`till backup`, `till restore`, `till doctor` and unexpected errors, from argv to exit status."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bootstrap import error_log
from cli.console_font import loaded_characters
from cli.doctor import Status
from cli.doctor_devices import console_font_finding
from cli.main import UNEXPECTED_ERROR
from core.services import rebuild
from tests.integration.conftest import Till


def test_doctor_on_the_demo_shop_says_the_printer_is_missing(till: Till) -> None:
    """The demo shop has no printer: the doctor says so, names the fix, exits 4."""
    assert till("demo", "--no-app")[0] == 0
    code, out, err = till("doctor")
    assert code == 4 and err == ""
    lines = {line.split()[1]: line for line in out.splitlines()}
    assert lines["printer:"].startswith("warn") and "no printer is configured" in out
    assert "fix: set [printer] url" in lines["printer:"]
    assert lines["integrity:"].startswith("ok") and lines["schema:"].startswith("ok")


def test_doctor_without_a_database_says_how_to_make_one(till: Till, tmp_path: Path) -> None:
    """No database file: a failing line with `till init`, and no file is created."""
    code, out, _err = till("doctor", "--json")
    found = {f["check"]: f for f in json.loads(out)}
    assert code == 4 and found["database"]["status"] == "fail"
    assert "till init" in found["database"]["fix"]
    assert not (tmp_path / "till.sqlite3").exists()


def test_doctor_exits_0_when_every_check_passes(till: Till, tmp_path: Path) -> None:
    """A sound database, owner-only, and a printer that takes bytes: exit 0."""
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    config = tmp_path / "till.toml"
    config.write_text(f'[printer]\nurl = "file://{tmp_path}/printer.bin"\n', encoding="utf-8")
    db = str(folder / "till.sqlite3")
    assert till("--db", db, "init")[0] == 0
    code, out, _err = till("--db", db, "--config", str(config), "doctor")
    assert code == 0, out


def test_console_font_check_reads_the_console_setup_code_set(tmp_path: Path) -> None:
    """Where the console cannot be asked: CyrSlav passes; a Latin-only code set warns with
    the fix; off the console it is skipped."""
    setup = tmp_path / "console-setup"
    setup.write_text('CHARMAP="UTF-8"\nCODESET="CyrSlav"\n', encoding="utf-8")
    assert console_font_finding(True, setup, unasked).status is Status.OK
    setup.write_text('CODESET="Lat15"\n', encoding="utf-8")
    finding = console_font_finding(True, setup, unasked)
    assert finding.status is Status.WARN and "CyrSlav" in finding.fix
    assert console_font_finding(False, setup, unasked).status is Status.SKIP
    missing = console_font_finding(True, tmp_path / "no-console-setup", unasked)
    assert missing.status is Status.WARN and "?" in missing.message


def unasked() -> frozenset[str] | None:
    """A console that cannot be asked for its font."""
    return None


def test_console_font_check_reads_the_font_the_console_has_loaded(tmp_path: Path) -> None:
    """The loaded font's map wins over console-setup's file: a Russian-only font warns,
    naming the letters it lacks."""
    setup = tmp_path / "console-setup"
    setup.write_text('CODESET="CyrSlav"\n', encoding="utf-8")
    russian = frozenset("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгдежзийклмнопрстуфхцчшщьюя")
    finding = console_font_finding(True, setup, lambda: russian)
    assert finding.status is Status.WARN
    assert finding.message == "the console's font cannot draw ЄІЇєіїҐґ"
    ukrainian = russian | frozenset("ІіЇїЄєҐґ")
    assert console_font_finding(True, setup, lambda: ukrainian).status is Status.OK


def test_reading_the_font_of_something_that_is_no_console_gives_none(tmp_path: Path) -> None:
    """A plain file (or a pipe, or SSH's pseudo-terminal) answers no font: never a traceback."""
    with (tmp_path / "plain").open("w") as plain:
        assert loaded_characters(plain.fileno()) is None
    assert loaded_characters(-1) is None


def test_backup_and_restore_from_the_command_line(till: Till, tmp_path: Path) -> None:
    """`till backup` writes an owner-only copy; `till restore` puts it back after checking it."""
    assert till("demo", "--no-app")[0] == 0
    copy = tmp_path / "copy.sqlite3"
    code, out, _err = till("backup", str(copy))
    assert code == 0 and str(copy) in out
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert till("backup", str(copy))[0] == 2
    code, out, _err = till("restore", str(copy), "--json")
    assert code == 0 and json.loads(out)["units"] > 0


def test_restore_of_a_file_that_is_no_database_exits_2(till: Till, tmp_path: Path) -> None:
    """A CSV named by mistake: one line on stderr, exit 2."""
    assert till("init")[0] == 0
    wrong = tmp_path / "products.csv"
    wrong.write_text("sku,name\n", encoding="utf-8")
    code, _out, err = till("restore", str(wrong))
    assert code == 2 and err.strip() == f"till: {wrong} is not a SQLite database."


def test_an_unexpected_error_is_logged_and_exits_70_without_a_traceback(
    till: Till, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One short line on stderr naming the log; the traceback is in the log, mode 0600."""

    def broken(*args: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rebuild, "verify", broken)
    code, _out, err = till("verify")
    log = tmp_path / "state" / "serial-till" / "till.log"
    assert code == UNEXPECTED_ERROR == 70
    assert err.count("\n") == 1 and "disk on fire" in err and str(log) in err
    assert "Traceback" not in err
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


@pytest.mark.parametrize("xdg", [True, False], ids=["XDG_STATE_HOME", "default"])
def test_the_log_is_in_the_state_folder_platformdirs_names(
    xdg: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The log's folder is platformdirs' user state folder, with or without XDG_STATE_HOME."""
    from platformdirs import user_state_dir

    if xdg:
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    else:
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    assert error_log.state_folder() == Path(user_state_dir("serial-till"))
