"""The command line as the integration tests run it: `till ARGS` in-process, on a test's own
database, config home and state folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bootstrap import error_log
from cli.main import main

Run = tuple[int, str, str]
"""Exit code, standard output, standard error."""
Till = Callable[..., Run]


@pytest.fixture
def till(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Till]:
    """Run `till ARGS` on a fresh database; gives (exit code, stdout, stderr)."""
    monkeypatch.setenv("TILL_DB", str(tmp_path / "till.sqlite3"))
    monkeypatch.setenv("TILL_LANGUAGE", "en")
    monkeypatch.delenv("TILL_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def run(*args: str) -> Run:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    error_log.uninstall()
