"""The command line's manners: every option explained, every command with an example, its
words in the chosen language, shell completion, and no traceback ending in status 1."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import main as cli_main
from cli.main import UNEXPECTED_ERROR, _parser
from core.i18n import set_language
from tests.integration.conftest import Till

ROOT = Path(__file__).resolve().parents[2]
OWN_ACTIONS = (argparse._HelpAction, argparse._SubParsersAction)


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-command's parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _parsers(child)


def test_every_option_and_argument_has_help_text() -> None:
    """No option or positional argument of any (sub)command is left unexplained."""
    unexplained = [
        f"{parser.prog}: {'/'.join(action.option_strings) or action.dest}"
        for parser in _parsers(_parser())
        for action in parser._actions
        if not isinstance(action, OWN_ACTIONS) and not (action.help or "").strip()
    ]
    assert unexplained == []


def test_every_command_and_sub_command_has_an_example() -> None:
    """Each parser's epilog shows one `till …` line to copy."""
    without = [
        parser.prog
        for parser in _parsers(_parser())
        if "Example: till " not in (parser.epilog or "")
    ]
    assert without == []


def test_the_help_names_the_exit_status_of_a_device_error() -> None:
    epilog = _parser().epilog or ""
    assert "3   device error" in epilog and "70  unexpected error" in epilog
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 3 |" in readme and "register-python-argcomplete till" in readme


@pytest.fixture
def ukrainian(till: Till, monkeypatch: pytest.MonkeyPatch) -> Iterator[Till]:
    """`till` with the Ukrainian language chosen; English again after the test."""
    monkeypatch.setenv("TILL_LANGUAGE", "uk")
    yield till
    set_language("en")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["--help"], ["використання: till", "Приклад: till sell", "провести продаж"]),
        (["sell", "--help"], ["отримана готівка", "Приклад: till sell", "параметри:"]),
        (["report", "--help"], ["лише цей товар", "Приклад: till report"]),
        (["count", "post", "--help"], ["собівартість одиниці", "Приклад: till count post"]),
    ],
)
def test_help_speaks_ukrainian_when_it_is_chosen(
    ukrainian: Till, capsys: pytest.CaptureFixture[str], words: list[str], expected: list[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        ukrainian(*words)
    shown = capsys.readouterr().out
    assert done.value.code == 0
    assert [text for text in expected if text not in shown] == []
    assert "show this help" not in shown and "options:" not in shown


def test_a_usage_error_and_a_refusal_speak_ukrainian(
    ukrainian: Till, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        ukrainian("sell")
    assert usage.value.code == 2
    assert "помилка: бракує обов’язкових аргументів: ITEM" in capsys.readouterr().err
    code, _out, err = ukrainian("return", "SN-1", "SN-2")
    assert code == 2
    assert (
        err.strip() == "till: Вкажіть один серійний номер для повернення (або --sale ДОК КОД*К-ТЬ)."
    )
    code, _out, err = ukrainian("serial", "SN-NEVER")
    assert code == 1
    assert (
        err.strip() == "till: відмовлено [unknown_serial]: SN SN-NEVER тут ніколи не обліковувався."
    )


def test_an_error_while_building_the_parser_exits_70_not_1(
    till: Till, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A traceback never ends in status 1, which means "refused by a rule"."""

    def broken(commands: bool = True) -> argparse.ArgumentParser:
        raise RuntimeError("a command module is broken")

    monkeypatch.setattr(cli_main, "_parser", broken)
    code, _out, err = till("verify")
    assert code == UNEXPECTED_ERROR
    assert "a command module is broken" in err and "Traceback" not in err


def test_bash_completion_offers_commands_and_options(tmp_path: Path) -> None:
    """What `eval "$(register-python-argcomplete till)"` asks the program for."""
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_IFS": "\n",
        "TILL_LANGUAGE": "en",
        "TILL_CONFIG": "",
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    offered = {}
    for line in ("till se", "till report --f"):
        env |= {"COMP_LINE": line, "COMP_POINT": str(len(line))}
        done = subprocess.run(
            f"{sys.executable} -m cli.main 8>&1 9>/dev/null",
            shell=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        offered[line] = done.stdout.split()
    assert offered == {"till se": ["sell", "serial"], "till report --f": ["--format"]}


@pytest.mark.parametrize("limit", ["-1", "0", "many", "99999999"])
def test_a_limit_that_is_no_number_of_rows_is_a_usage_error(
    till: Till, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    """``--limit`` takes a whole number from 1: anything else is refused before any query
    (PostgreSQL would refuse a negative LIMIT with a database error)."""
    for command in (("product", "list"), ("journal",)):
        with pytest.raises(SystemExit) as usage:
            till(*command, "--limit", limit)
        assert usage.value.code == 2
        assert "is not a number of rows" in capsys.readouterr().err
