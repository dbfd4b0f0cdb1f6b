"""Start-up: the sale screen is painted before the database layers, the core's services and
the device libraries are loaded; a database that cannot be opened ends the app with status 2."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from cli.main import main
from tui.app import TillApp

ROOT = Path(__file__).resolve().parents[2]

FIRST_PAINT = """
import json, sys
import textual.app
from tui.screens.sale import SaleScreen

run = textual.app.App.run
def headless(self, *args, **kwargs):
    kwargs.update(headless=True, size=(80, 24))
    return run(self, *args, **kwargs)
textual.app.App.run = headless

mounted = SaleScreen.on_mount
def on_mount(self):
    mounted(self)
    def painted():
        print(json.dumps(sorted(sys.modules)), flush=True)
        self.app.exit()
    self.call_after_refresh(painted)
SaleScreen.on_mount = on_mount

from cli.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""

LOADED_LATER = (
    "peewee",
    "psycopg2",
    "core.persistence.db",
    "core.services.selling",
    "core.drafts.sale",
    "core.commands",
    "bootstrap.printing",
    "escpos",
    "jinja2",
    "tui.dialogs.payment",
)


def test_the_sale_screen_is_painted_before_the_database_layers_load(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[printer]\nurl = "file:///dev/null"\n', encoding="utf-8")
    env = {
        **os.environ,
        "TILL_LANGUAGE": "en",
        "TILL_CONFIG": str(config),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path / "till.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    assert lines, done.stderr[-2000:]
    loaded = set(json.loads(lines[0]))
    assert "tui.screens.sale" in loaded
    assert [name for name in LOADED_LATER if name in loaded] == []


def test_a_database_that_cannot_be_opened_ends_the_app_with_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TILL_LANGUAGE", "en")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("TILL_CONFIG", raising=False)
    monkeypatch.delenv("TILL_DB", raising=False)

    def run_headless(app: TillApp, *_args: object, **_kwargs: object) -> None:
        async def until_it_ends() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                # The app ends itself when the database fails, cancelling its other workers.
                with contextlib.suppress(WorkerCancelled):
                    await app.workers.wait_for_complete()
                await pilot.pause()

        asyncio.run(until_it_ends())
        if app._exit_renderables:
            print(*app._exit_renderables, file=sys.stderr)

    monkeypatch.setattr(TillApp, "run", run_headless)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_text("this is not a database\n" * 100, encoding="utf-8")
    code = main(["--db", str(damaged)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("till: ") and "damaged.sqlite3" in "".join(err.split())


def test_a_database_folder_that_does_not_exist_is_said_before_the_app_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TILL_LANGUAGE", "en")
    monkeypatch.setattr(TillApp, "run", lambda *_args, **_kwargs: pytest.fail("the app opened"))
    code = main(["--db", str(tmp_path / "no-such-folder" / "till.sqlite3")])
    assert code == 2
    assert "does not exist: create it first" in capsys.readouterr().err
