"""Every `till` sub-command, fed hostile text, numbers, dates and files, on SQLite and on
PostgreSQL: it exits 0, 1 or 2 (3 where a printer or scanner is involved, 4 for `doctor`),
prints no traceback, leaves the database as it was when it refuses, and leaves the ledger
consistent (`till verify`) when it writes.

The sub-commands are found by walking the argparse tree, so a new one is fuzzed without
touching this file. Each example runs one to three commands in-process on a fresh copy of
the demo shop (SQLite) or on one shared demo shop (PostgreSQL). The default run takes about
a minute; ``TILL_FUZZ=long`` runs for ten minutes per engine, ``TILL_FUZZ_SECONDS=N`` for N.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from peewee import Database

from cli.main import _parser
from core.persistence.db import Sql, open_database
from tests.conftest import PG_URL, _postgres_or_skip
from tests.integration.conftest import Till
from tests.integration.hostile_input import HostileFiles, Known, texts, values

Dump = dict[str, list[tuple[Any, ...]]]

SECONDS = float(
    os.environ.get("TILL_FUZZ_SECONDS") or (600 if os.environ.get("TILL_FUZZ") == "long" else 25)
)
"""How long each engine is fuzzed; about a minute in all by default."""
BATCH = 20
"""Examples per Hypothesis run; runs follow one another until the time is up."""
COMMAND_TIME_LIMIT = 20
"""A command that runs longer than this hangs (a pattern, a template, a device)."""
FIXED: dict[tuple[str, ...], list[str]] = {("demo",): ["--no-app"]}
"""Options a command always gets: `till demo` would otherwise open the app."""
DEVICE_ERROR = 3
COMMON = {"--db", "--config", "--json", "-h", "--help"}
TRACEBACK = "Traceback (most recent call last)"


@dataclass(frozen=True)
class Command:
    """A leaf of the argparse tree: its words and its arguments."""

    words: tuple[str, ...]
    positionals: tuple[argparse.Action, ...]
    options: tuple[argparse.Action, ...]

    def allowed(self, argv: list[str]) -> set[int]:
        """The exit statuses this command may end with."""
        codes = {0, 1, 2}
        if self.words[0] in ("print", "devices") or any("--printer" in a for a in argv):
            codes.add(3)
        if self.words[0] == "doctor":
            codes.add(4)
        return codes


def commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[Command]:
    """Every runnable sub-command under ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    yield from commands(sub, (*words, name))
            return
    arguments = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    yield Command(
        words,
        tuple(a for a in arguments if not a.option_strings),
        tuple(a for a in arguments if a.option_strings and not COMMON & set(a.option_strings)),
    )


COMMANDS = tuple(commands(_parser()))


def argument_values(
    action: argparse.Action, known: Known, files: HostileFiles
) -> st.SearchStrategy[list[str]]:
    """The words one argument contributes: its option string (if any) and its values."""
    hint = f"{action.dest} {action.metavar or ''}".lower()
    value: st.SearchStrategy[str] = values(known)
    if action.choices:
        value = st.one_of(st.sampled_from([str(c) for c in action.choices]), value)
    elif any(word in hint for word in ("file", "png", "csv", "path", "template")):
        value = st.one_of(files.paths(), value)
    if action.nargs == 0:
        words: st.SearchStrategy[list[str]] = st.just([])
    elif action.nargs in ("*", "+") or isinstance(action.nargs, int):
        least = 1 if action.nargs == "+" else 0
        words = st.lists(value, min_size=least, max_size=4)
        if isinstance(action.nargs, int):
            words = st.lists(value, min_size=action.nargs, max_size=action.nargs)
    else:
        words = st.lists(value, min_size=1, max_size=1)
    if not action.option_strings:
        return words
    flag = action.option_strings[-1]
    repeat = 3 if isinstance(action, argparse._AppendAction) else 1
    return st.lists(words.map(lambda given: [flag, *given]), min_size=1, max_size=repeat).map(
        lambda groups: [word for group in groups for word in group]
    )


@st.composite
def command_lines(draw: st.DrawFn, known: Known, files: HostileFiles) -> tuple[Command, list[str]]:
    """A sub-command with hostile values for some of its options and all its positionals."""
    command = draw(st.sampled_from(COMMANDS))
    argv = [*command.words, *FIXED.get(command.words, [])]
    for option in command.options:
        if draw(st.floats(0, 1)) < (0.9 if option.required else 0.35):
            argv += draw(argument_values(option, known, files))
    for positional in command.positionals:
        argv += draw(argument_values(positional, known, files))
    if draw(st.floats(0, 1)) < 0.05:
        argv.insert(draw(st.integers(0, len(argv))), draw(texts()))
    if draw(st.booleans()):
        argv.append("--json")
    config = draw(files.configs_or_none())
    if config is not None:
        argv += ["--config", config]
    if draw(st.floats(0, 1)) < 0.03:
        argv += ["--db", draw(files.databases())]
    return command, argv


class Hang(Exception):
    """A command ran past its time limit."""


def _hang(_signal: int, _frame: FrameType | None) -> None:
    raise Hang


@dataclass
class Engine:
    """The database the fuzzed commands run on, and how to read it back."""

    url: str
    till: Till
    capsys: pytest.CaptureFixture[str]
    fresh: Path | None = None
    """SQLite: the demo shop copied before each example."""
    reader: Database | None = None
    """PostgreSQL: one connection that reads the tables back."""

    def reset(self) -> None:
        """SQLite: a fresh copy of the demo shop."""
        if self.fresh is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(self.url + suffix).unlink(missing_ok=True)
            shutil.copyfile(self.fresh, self.url)

    def run(self, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
        """`till ARGV` in-process; argparse's usage errors give their status too."""
        previous = signal.signal(signal.SIGALRM, _hang)
        signal.alarm(COMMAND_TIME_LIMIT)
        saved_stdin = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            code, out, err = self.till(*argv)
        except SystemExit as done:
            captured = self.capsys.readouterr()
            code = done.code if isinstance(done.code, int) else 2
            out, err = captured.out, captured.err
        except Hang:
            pytest.fail(f"till {argv!r:.300} ran past {COMMAND_TIME_LIMIT} s")
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            sys.stdin = saved_stdin
        return int(code), out, err

    def dump(self) -> Dump:
        """Every row of every table (SQLite: opened afresh, as `till restore` replaces it)."""
        if self.fresh is None:
            if self.reader is None:
                self.reader = open_database(self.url)
            return _rows(self.reader)
        db = open_database(self.url)
        try:
            return _rows(db)
        finally:
            db.close()


def _rows(db: Database) -> Dump:
    return {
        table: Sql(db).rows(f"SELECT * FROM {table} ORDER BY 1")
        for table in sorted(db.get_tables())
    }


def _journalled_refusals_only(before: Dump, after: Dump, said: str) -> None:
    """A refusal by a rule is written to the action journal (and linked into the chain):
    that, and nothing else, may be new. Takes both out of the dumps once checked."""
    old = set(before.pop("journal_entry", []))
    new = [row for row in after.pop("journal_entry", []) if row not in old]
    assert all(row[2] == "refusal" for row in new), f"journalled more than refusals: {said}"
    chained = {row[1:3] for row in after.pop("chain_link", [])} - {
        row[1:3] for row in before.pop("chain_link", [])
    }
    assert all(table == "journal_entry" for table, _id in chained), f"chained: {said}"


def fuzz(engine: Engine, known: Known, files: HostileFiles) -> int:
    """Run commands for ``SECONDS``; the number of commands run."""
    ran = 0

    @settings(
        max_examples=BATCH, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.data())
    def example(data: st.DataObject) -> None:
        nonlocal ran
        engine.reset()
        for _step in range(data.draw(st.integers(1, 3))):
            command, argv = data.draw(command_lines(known, files))
            before = engine.dump()
            code, out, err = engine.run(argv, stdin=data.draw(texts()))
            ran += 1
            said = f"till {short(argv)} -> {code}\nstdout: {out[:500]!r}\nstderr: {err[-500:]!r}"
            note(said)
            assert code in command.allowed(argv), said
            assert TRACEBACK not in out + err, said
            if code != 0:
                after = engine.dump()
                if code == DEVICE_ERROR:  # the job that failed waits in the queue
                    before.pop("print_job"), after.pop("print_job")
                _journalled_refusals_only(before, after, said)
                assert after == before, f"a refusal changed the database: {said}"
            elif engine.dump() != before:
                verified = engine.run(["verify"])
                assert verified[0] == 0, f"verify after {said}: {verified!r:.2000}"

    stop = time.monotonic() + SECONDS
    while time.monotonic() < stop:
        example()
    return ran


def short(argv: list[str]) -> str:
    """The command line, each word cut to 60 characters, as Python literals."""
    cut = (word if len(word) <= 60 else f"{word[:60]}…({len(word)})" for word in argv)
    return " ".join(repr(word) for word in cut)


def _demo(engine: Engine) -> None:
    for argv in (["init"], ["demo", "--no-app"]):
        code, _out, err = engine.run(argv)
        assert code == 0, err


@pytest.fixture
def files(tmp_path: Path) -> HostileFiles:
    """The bad files, beside a good backup of the demo shop."""
    return HostileFiles(tmp_path / "files", tmp_path / "files" / "backup.sqlite3")


def test_every_command_refuses_hostile_input_cleanly_on_sqlite(
    till: Till,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    engine = Engine(os.environ["TILL_DB"], till, capsys)
    _demo(engine)
    fresh = tmp_path / "demo.sqlite3"
    assert engine.run(["backup", str(fresh)])[0] == 0
    (tmp_path / "files").mkdir()
    shutil.copyfile(fresh, tmp_path / "files" / "backup.sqlite3")
    engine.fresh = fresh
    ran = fuzz(engine, Known.read(fresh), HostileFiles(tmp_path / "files", fresh))
    print(f"sqlite: {ran} commands")


@pytest.mark.postgres
def test_every_command_refuses_hostile_input_cleanly_on_postgresql(
    till: Till,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = _postgres_or_skip()
    schema = f"till_fuzz_{uuid.uuid4().hex[:12]}"
    Sql(admin).run(f"CREATE SCHEMA {schema}")
    admin.close()
    monkeypatch.chdir(tmp_path)
    sqlite_demo = Engine(str(tmp_path / "demo.sqlite3"), till, capsys)
    monkeypatch.setenv("TILL_DB", sqlite_demo.url)
    _demo(sqlite_demo)
    (tmp_path / "files").mkdir()
    backup = tmp_path / "files" / "backup.sqlite3"
    assert sqlite_demo.run(["backup", str(backup)])[0] == 0
    monkeypatch.setenv("TILL_DB", f"{PG_URL}?search_path={schema}")
    engine = Engine(os.environ["TILL_DB"], till, capsys)
    try:
        _demo(engine)
        ran = fuzz(engine, Known.read(backup), HostileFiles(tmp_path / "files", backup))
        print(f"postgresql: {ran} commands")
    finally:
        if engine.reader is not None:
            engine.reader.close()
        admin.connect()
        Sql(admin).run(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


ARGV_BYTES = (
    [b"sell", b"\xff\xfeAB"],
    [b"product", b"list", b"\xff"],
    [b"product", b"add", b"X\xff", b"--name", b"\xc3(", b"--type", b"T", b"--price", b"1"],
    [b"receive", b"--supplier", b"\xff", b"--line", b"USBC1:1:1:\xfe"],
    [b"serial", b"\xed\xa0\x80"],
    [b"report", b"stock", b"--search", b"\xff%"],
    [b"--db", b"\xff.sqlite3", b"verify"],
)


@pytest.mark.parametrize("argv", ARGV_BYTES, ids=lambda argv: b" ".join(argv).decode("latin-1"))
def test_arguments_that_are_not_utf8_are_refused_by_a_real_process(
    argv: list[bytes], tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "TILL_DB": str(tmp_path / "till.sqlite3"),
        "TILL_LANGUAGE": "en",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
    }
    env.pop("TILL_CONFIG", None)
    till = [sys.executable, "-m", "cli.main"]
    subprocess.run([*till, "demo", "--no-app"], env=env, check=True, capture_output=True)
    done = subprocess.run([*till, *argv], env=env, capture_output=True, timeout=60)
    assert done.returncode in (0, 1, 2), done.stderr
    assert TRACEBACK.encode() not in done.stdout + done.stderr
    assert len(done.stderr.splitlines()) <= 3, done.stderr
