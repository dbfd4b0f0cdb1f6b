"""`till`: the command line. Headless commands never import Textual; bare `till` opens the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.domain.errors import DomainError, TillError
from core.i18n import set_language

COMMAND_MODULES = ("setup", "catalogue", "stock", "lookup", "counting", "printing", "devices_cmd")

TEXTUAL_FPS = "120"
"""Frames per second the app may draw (Textual's default is 60). A scanned line waits for the
next frame, so this halves that wait: `make bench` measured scan-to-line p99 at 32–35 ms at
120 against 54–57 ms at 60 on a busy 2-core machine. Frames are drawn only when something
changed, so an idle till costs nothing more. Set TEXTUAL_FPS to override."""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="SQLite path or postgresql:// URL (env TILL_DB)"
    )
    common.add_argument("--config", default=argparse.SUPPRESS, help="TOML file (env TILL_CONFIG)")
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    return common


def _parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands`` only the global options (opening the app
    then skips importing every command module, which start-up would otherwise pay for)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="till",
        parents=[common],
        description="serial-till: a point of sale with warranty tracking by serial number.",
        epilog="Without a command, till opens the full-screen app.",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"cli.commands.{name}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 done, 1 refused by a rule, 2 usage or input error."""
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", _cache_dir())
    os.environ.setdefault("TEXTUAL_FPS", TEXTUAL_FPS)
    args = _parser(_names_a_command(argv)).parse_args(argv)
    for name, default in (("db", None), ("config", None), ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    try:
        return _run(args)
    except DomainError as exc:
        from cli.output import report_refusal

        report_refusal(exc, args.json)
        return 1
    except TillError as exc:
        print(f"till: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _names_a_command(argv: Sequence[str] | None) -> bool:
    """True unless the arguments are only global options (``till``, ``till --db X``)."""
    words = list(sys.argv[1:] if argv is None else argv)
    if any(word in ("-h", "--help") for word in words):
        return True
    _known, rest = _common().parse_known_args(words)
    return bool(rest)


def _run(args: argparse.Namespace) -> int:
    from bootstrap.services import build

    services = build(args.db, args.config, check_schema=args.command != "init")
    language = os.environ.get("TILL_LANGUAGE") or services.config.locale.language
    set_language(language, _domains())
    if args.command is None:
        from tui.app import run_app

        # Everything loaded so far (modules, configuration, the database) lives as long as the
        # app: frozen, the garbage collector stops walking it in its full passes, which took
        # 20-30 ms in the middle of a scan (`make bench`: scan-to-line p99 51 -> 36 ms).
        gc.freeze()
        run_app(services)
        return 0
    code: int = args.handler(args, services)
    return code


def _domains() -> dict[str, Path]:
    """The front ends' translation catalogues besides the core's."""
    from devices.i18n import DOMAINS

    return {"tui": Path(__file__).parent / "locale", **DOMAINS}


def _cache_dir() -> str:
    """python-escpos's capability cache: one folder for every start (XDG cache home)."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(home, "serial-till", "escpos")


if __name__ == "__main__":
    sys.exit(main())
