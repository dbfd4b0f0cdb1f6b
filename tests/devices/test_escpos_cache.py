"""python-escpos's capabilities cache: made by the program, whole, before escpos reads it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from devices.print.escpos_render import PICKLE_DIR_ENV, warm_capabilities

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_print_creates_the_missing_cache_folder_itself(tmp_path: Path) -> None:
    """A new user has no cache folder yet: rendering a job creates it and the pickle."""
    folder = tmp_path / "never" / "made" / "escpos"
    script = (
        "from devices.print.escpos_render import render_escpos\n"
        "from devices.print.document import Document, Text\n"
        "from devices.print.settings import PrinterSettings\n"
        "settings = PrinterSettings(url='file:///dev/null')\n"
        "assert render_escpos(Document((Text('Привіт'),)), settings)\n"
    )
    env = {**os.environ, PICKLE_DIR_ENV: str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert [p.name.endswith(".capabilities.pickle") for p in folder.iterdir()] == [True]


def test_a_half_written_pickle_is_replaced_whole_and_no_temporary_file_stays(
    tmp_path: Path,
) -> None:
    """What another process left half-written is rewritten atomically before escpos reads it."""
    first = warm_capabilities(tmp_path)
    first.write_bytes(first.read_bytes()[:100])
    again = warm_capabilities(tmp_path)
    with again.open("rb") as file:
        assert "profiles" in pickle.load(file)
    assert [p.name for p in tmp_path.iterdir()] == [again.name]


def test_a_sound_current_pickle_is_left_as_it_is(tmp_path: Path) -> None:
    """Warming twice does not rewrite the file (two tills starting never fight over it)."""
    first = warm_capabilities(tmp_path)
    stamp = first.stat().st_mtime_ns
    assert warm_capabilities(tmp_path).stat().st_mtime_ns == stamp
