"""The wheel is the whole program: installed in a clean venv, it works anywhere for a new user.

The wheel is built from a copy of the source tree, installed with its locked dependencies
(without the optional extras) in a new venv, and then run from another folder with an empty
HOME: nothing may come from this repository, the current folder or a user's set-up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.locks import REQUIREMENTS, ROOT, pyproject, read_lock

SOURCE_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "__pycache__", "*.egg-info", "build", "dist", "bench",
    "*.sqlite3*", ".mypy_cache", ".ruff_cache", "tests",
)  # fmt: skip


def shipped_data() -> list[str]:
    """Every file of the packages that pyproject's package-data patterns ship (templates,
    catalogues, stylesheets, SQL), as paths inside the wheel."""
    setuptools = pyproject()["tool"]["setuptools"]
    patterns = setuptools["package-data"]["*"]
    packages = [name.rstrip("*") for name in setuptools["packages"]["find"]["include"]]
    found = {
        path.relative_to(ROOT).as_posix()
        for package in packages
        for pattern in patterns
        for path in (ROOT / package).rglob(pattern)
    }
    return sorted(found)


HEADLESS_APP = """
import asyncio, sys
import cli, tui.app
from cli.main import main

assert "site-packages" in cli.__file__, cli.__file__
seen = {}

def run_headless(app):
    async def first_screen():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen["screen"] = type(app.screen).__name__
    asyncio.run(first_screen())

tui.app.TillApp.run = run_headless
code = main([])
print(seen.get("screen"), code)
"""

pytestmark = pytest.mark.xdist_group("wheel")
"""One worker builds and installs the wheel once for every test here."""


@dataclass(frozen=True)
class Installed:
    """A venv holding the installed wheel, and a folder and HOME of a new user."""

    venv: Path
    wheel: Path
    work: Path
    home: Path

    def till(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``till`` from the venv in the user's folder, with only the user's environment."""
        return self.run(str(self.venv / "bin" / "till"), *args)

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run a command as the new user; a failure shows its output."""
        env = {"HOME": str(self.home), "PATH": f"{self.venv / 'bin'}:/usr/bin:/bin"}
        done = subprocess.run(
            command, cwd=self.work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
        return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel built from a copy of the source and installed in a new venv."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=SOURCE_IGNORED)
    _build_step(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "-w", str(base / "dist"), str(source),
    )  # fmt: skip
    (wheel,) = (base / "dist").glob("serial_till-*.whl")
    venv = base / "venv"
    uv = str(Path(sys.executable).parent / "uv")
    _build_step(uv, "venv", "-q", "--python", sys.executable, str(venv))
    locked = base / "runtime.lock"
    locked.write_text(_without_extras(REQUIREMENTS / "till.lock"), encoding="utf-8")
    install = [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python")]
    _build_step(*install, "--require-hashes", "--no-deps", "-r", str(locked))
    _build_step(*install, "--no-deps", str(wheel))
    work, home = base / "elsewhere", base / "home"
    work.mkdir()
    home.mkdir()
    yield Installed(venv, wheel, work, home)


def _build_step(*command: str) -> None:
    """Run one step of building or installing; a failure shows what the tool said."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"


def _without_extras(lock: Path) -> str:
    """The till lock less the packages only the optional extras bring (evdev, psycopg2)."""
    optional = pyproject()["project"]["optional-dependencies"]
    extras_only = {
        canonicalize_name(Requirement(text).name)
        for extra, texts in optional.items()
        if extra != "dev"
        for text in texts
    }
    pins = read_lock(lock)
    return "".join(f"{pins[name].text}\n" for name in sorted(set(pins) - extras_only))


def test_the_wheel_carries_templates_catalogues_and_stylesheets(installed: Installed) -> None:
    """Everything the program reads at run time besides code is inside the wheel."""
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    wanted = shipped_data()
    assert "receipts/warranty_card.j2" in wanted and "tui/pos.tcss" in wanted
    assert [name for name in wanted if name not in names] == []


def test_a_new_user_builds_the_demo_sells_and_prints_from_the_installed_wheel(
    installed: Installed,
) -> None:
    """From another folder with an empty HOME: demo shop, a sale, receipt, card, label, PNG."""
    assert installed.till("--version").stdout.startswith("till ")
    installed.till("demo", "--no-app")
    sale = json.loads(installed.till("--json", "sell", "CROSS26:CRS000004").stdout)
    out = installed.work
    installed.till("print", "receipt", sale["document"], "--printer", f"file://{out}/receipt.bin")
    installed.till("print", "warranty", "CRS000004", "--printer", f"file://{out}/card.bin")
    installed.till("print", "label", "CRS000004", "--printer", f"file://{out}/label.bin")
    installed.till("print", "label", "CRS000004", "--png", "label.png")
    assert sale["document"].encode() in (out / "receipt.bin").read_bytes()
    assert b"CRS000004" in (out / "card.bin").read_bytes()
    assert b"CRS000004" in (out / "label.bin").read_bytes()
    assert (out / "label.png").read_bytes().startswith(b"\x89PNG")
    cache = installed.home / ".cache" / "serial-till" / "escpos"
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]
    assert sorted(p.name for p in out.iterdir()) == [
        "card.bin",
        "label.bin",
        "label.png",
        "receipt.bin",
    ]


def test_the_installed_app_starts_headless_on_the_sale_screen(installed: Installed) -> None:
    """`till` with the new user's demo shop opens on the sale screen (run with run_test)."""
    installed.till("demo", "--no-app")  # the shop exists already when the test above ran
    script = installed.work / "headless_app.py"
    script.write_text(HEADLESS_APP, encoding="utf-8")
    result = installed.run(str(installed.venv / "bin" / "python"), str(script))
    assert result.stdout.split()[-2:] == ["SaleScreen", "0"]
    os.remove(script)
