"""With ``[files] group`` set, the database, its -wal and -shm, backups and the log are mode
0640 and belong to that group; an unknown group is refused when the configuration is read."""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

import pytest

from bootstrap import error_log
from tests.integration.conftest import Till


def mode_and_group(path: Path) -> tuple[int, int]:
    """A file's permission bits and group id."""
    found = path.stat()
    return stat.S_IMODE(found.st_mode), found.st_gid


@pytest.fixture
def own_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """A configuration naming the test user's own group; its id."""
    gid = os.getgid()
    config = tmp_path / "config.toml"
    config.write_text(f'[files]\ngroup = "{grp.getgrgid(gid).gr_name}"\n', encoding="utf-8")
    monkeypatch.setenv("TILL_CONFIG", str(config))
    return gid


def test_an_unknown_group_is_one_clear_refusal(till: Till, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[files]\ngroup = "no-such-group-here"\n', encoding="utf-8")
    code, _out, err = till("--config", str(config), "verify")
    assert code == 2
    assert err == (
        f"till: {config}: files.group is 'no-such-group-here', which is not a group on this "
        "system.\n"
    )


def test_the_database_its_wal_and_shm_and_backups_are_readable_by_the_group(
    till: Till, tmp_path: Path, own_group: int
) -> None:
    assert till("demo", "--no-app")[0] == 0
    assert till("verify")[0] == 0
    live = tmp_path / "till.sqlite3"
    for path in (live, live.with_name("till.sqlite3-wal"), live.with_name("till.sqlite3-shm")):
        if path.exists() or path == live:
            assert mode_and_group(path) == (0o640, own_group), path
    assert till("backup", str(tmp_path / "copy.sqlite3"))[0] == 0
    assert mode_and_group(tmp_path / "copy.sqlite3") == (0o640, own_group)


def test_the_log_and_its_folder_are_readable_by_the_group(
    till: Till, tmp_path: Path, own_group: int
) -> None:
    assert till("demo", "--no-app")[0] == 0
    path = error_log.record(RuntimeError("boom"), "a test error")
    assert mode_and_group(path) == (0o640, own_group)
    assert mode_and_group(path.parent) == (0o750, own_group)


def test_without_a_group_the_files_are_the_owners_alone(till: Till, tmp_path: Path) -> None:
    assert till("demo", "--no-app")[0] == 0
    assert till("backup", str(tmp_path / "copy.sqlite3"))[0] == 0
    path = error_log.record(RuntimeError("boom"), "a test error")
    for file in (tmp_path / "till.sqlite3", tmp_path / "copy.sqlite3", path):
        assert mode_and_group(file)[0] == 0o600, file
    assert mode_and_group(path.parent)[0] == 0o700
