# PYTHON_ARGCOMPLETE_OK
"""`till`: the command line. Headless commands never import Textual; bare `till` opens the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from core.config import Config
from core.domain.errors import DomainError, TillError
from core.i18n import set_language

COMMAND_MODULES = (
    "setup",
    "catalogue",
    "stock",
    "post",
    "lookup",
    "counting",
    "printing",
    "devices_cmd",
    "operations",
    "documents",
    "day",
    "drawer",
    "holds",
    "repairs",
    "kits",
    "cards",
    "journal",
    "users",
    "transfers",
)

UNEXPECTED_ERROR = 70
"""Exit status of an error nobody expected (sysexits' EX_SOFTWARE); its traceback is logged."""

UNEXPECTED_SHOWN = 200
"""How much of an unexpected error's text its one line repeats (the log holds it all)."""

TEXTUAL_FPS = "120"
"""Frames per second the app may draw (Textual's default is 60). A scanned line waits for the
next frame, so this halves that wait: `make bench` measured scan-to-line p99 at 32–35 ms at
120 against 54–57 ms at 60 on a busy 2-core machine. Frames are drawn only when something
changed, so an idle till costs nothing more. Set TEXTUAL_FPS to override."""


def _common() -> argparse.ArgumentParser:
    from cli.i18n import _

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=_("SQLite path or postgresql:// URL (env TILL_DB)"),
    )
    common.add_argument(
        "--config", default=argparse.SUPPRESS, help=_("TOML file (env TILL_CONFIG)")
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=_("machine-readable output")
    )
    return common


def _parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands`` only the global options (opening the app
    then skips importing every command module, which start-up would otherwise pay for)."""
    from cli.i18n import _

    common = _common()
    parser = argparse.ArgumentParser(
        prog="till",
        parents=[common],
        description=_("serial-till: a point of sale with warranty tracking by serial number."),
        epilog=_(
            "Without a command, till opens the full-screen app.\n"
            "Example: till sell PHONE:SN123\n"
            "\n"
            "Exit status:\n"
            "  0   done\n"
            "  1   refused by a rule\n"
            "  2   usage or input error\n"
            "  3   device error (printer or scanner)\n"
            "  4   `till doctor` found something to fix\n"
            "  70  unexpected error (logged with its traceback)\n"
            "  130 interrupted"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help=_("show the version and exit"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help=_("what to do"))
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"cli.subcommands.{name}").register(sub, common)
    return parser


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        from cli.i18n import _

        try:
            number = version("serial-till")
        except PackageNotFoundError:
            number = _("unknown (not installed)")
        print(f"till {number}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0 done, 1 refused by a rule, 2 usage or input error, 3 device
    error, 4 `till doctor` found something to fix, 70 unexpected error (logged), 130 Ctrl+C.
    An error nobody expected never ends in a traceback or in 1, which means "refused"."""
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", _cache_dir())
    os.environ.setdefault("TEXTUAL_FPS", TEXTUAL_FPS)
    if (undecodable := _undecodable(argv)) is not None:
        return undecodable
    words = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        config = _early_config(words)
        parser = _parser(_names_a_command(words) or _completing())
        if _completing():
            import argcomplete

            argcomplete.autocomplete(parser)
        args = _parse(parser, words)
        for name, default in (("db", None), ("config", None), ("json", False)):
            if not hasattr(args, name):
                setattr(args, name, default)
        with _output(args):
            return _refusing(args, config)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last net: logged, one line, never a traceback
        return _unexpected(exc, args)


TRAILING = ("items", "serials", "codes")
"""The lists of positionals (items, serial numbers, scanned codes) that may go on after a
command's options: ``till sell GSB13:SN1 --customer Олена USBC1``."""


def _parse(parser: argparse.ArgumentParser, words: list[str]) -> argparse.Namespace:
    """The command line parsed; words left after the options join the command's list of
    items, serial numbers or codes (argparse alone refuses them). Anything else left over,
    or an unknown option, is the usage error argparse gives."""
    args, rest = parser.parse_known_args(words)
    if not rest:
        return args
    trailing = next((getattr(args, name) for name in TRAILING if hasattr(args, name)), None)
    if not isinstance(trailing, list) or any(word.startswith("-") for word in rest):
        return parser.parse_args(words)  # argparse's own usage error, as before
    trailing.extend(rest)
    return args


def _early_config(words: list[str]) -> Config | None:
    """The configuration, read before the parser is built so that its help speaks the
    chosen language; None when it cannot be read (the command then says why)."""
    from cli.i18n import translate_argparse
    from core.config import load_config

    known, _rest = _common().parse_known_args(words)
    try:
        config: Config | None = load_config(getattr(known, "config", None))
    except TillError:
        config = None
    choose_language(config or Config())
    translate_argparse()
    return config


def _undecodable(argv: Sequence[str] | None) -> int | None:
    """Status 2 and one line when an argument is not valid UTF-8 (the shell passed bytes
    no text is made of); None when every argument is text."""
    for word in sys.argv[1:] if argv is None else argv:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            from cli.i18n import _
            from core.domain.limits import shown

            message = _("till: the argument “{word}” is not valid UTF-8 text: retype it.")
            print(message.format(word=shown(word)), file=sys.stderr)
            return 2
    return None


def _output(args: argparse.Namespace) -> AbstractContextManager[None]:
    """A command's output escapes control characters; the app keeps the terminal as it is."""
    if args.command is None:
        return nullcontext()
    from cli.output import escaping_output

    return escaping_output()


def _unexpected(error: Exception, args: argparse.Namespace | None) -> int:
    """Log an unexpected error with its traceback; one line on stderr says where."""
    from bootstrap.error_log import record
    from cli.i18n import _
    from core.domain.limits import shown

    command = getattr(args, "command", None) or ""
    path = record(error, f"till {command} failed".replace("  ", " "))
    message = _("till: unexpected error ({error}); the details are in {log}.")
    said = shown(f"{type(error).__name__}: {error}", UNEXPECTED_SHOWN)
    print(message.format(error=said, log=path), file=sys.stderr)
    return UNEXPECTED_ERROR


def _refusing(args: argparse.Namespace, config: Config | None) -> int:
    """Run the app or a command; a refusal is one line per broken rule (status 1), another
    error of the till's one line with its own status."""
    try:
        return _run(args, config)
    except DomainError as exc:
        from cli.output import report_refusal

        report_refusal(exc, args.json)
        return 1
    except TillError as exc:
        from cli.i18n import _

        print(_("till: {message}").format(message=exc.message), file=sys.stderr)
        return exc.exit_code


def _completing() -> bool:
    """True while the shell asks for completions (argcomplete sets ``_ARGCOMPLETE``)."""
    return "_ARGCOMPLETE" in os.environ


def _names_a_command(words: list[str]) -> bool:
    """True unless the arguments are only global options (``till``, ``till --db X``)."""
    if any(word in ("-h", "--help") for word in words):
        return True
    _known, rest = _common().parse_known_args(words)
    return bool(rest)


def _run(args: argparse.Namespace, config: Config | None) -> int:
    from bootstrap import error_log

    if getattr(args, "without_services", False):
        code: int = args.handler(args)
        return code
    if args.command is None:
        return _app(args, config)
    from bootstrap.services import build

    services = build(
        args.db, args.config, config=config, check_schema=args.command not in ("init", "migrate")
    )
    error_log.install(services.config)
    choose_language(services.config)
    try:
        code = args.handler(args, services)
    except DomainError as refusal:
        _journal_refusal(services, args, refusal)
        raise
    finally:
        # Closed here rather than at the process's exit, so that a command run in-process
        # (the tests run thousands) never leaves a PostgreSQL connection behind.
        if not services.db.is_closed() and not services.db.in_transaction():
            services.db.close()
    return code


def _journal_refusal(services: Any, args: argparse.Namespace, refusal: DomainError) -> None:
    """A rule's refusal goes into the action journal (never hiding the refusal itself)."""
    from core.services.journal import record

    if args.command == "journal":
        return
    try:
        record(
            services.uow(),
            services.ctx,
            "refusal",
            detail=f"till {args.command}: [{refusal.rule}] {refusal.message}",
        )
    except Exception:  # noqa: BLE001 - the refusal matters more than its journal entry
        pass


def _app(args: argparse.Namespace, config: Config | None) -> int:
    """Open the app: it paints its first screen, then opens the database in a worker."""
    from bootstrap import error_log
    from bootstrap.services import build_later
    from core.config import load_config

    config = config or load_config(args.config)
    error_log.install(config)
    choose_language(config)
    from tui.app import run_app

    # Everything loaded so far lives as long as the app: frozen, the garbage collector stops
    # walking it in its full passes, which took 20-30 ms in the middle of a scan (`make
    # bench`: scan-to-line p99 51 -> 36 ms). The app freezes again once the database is open.
    gc.freeze()
    status = run_app(build_later(args.db, config)) or 0
    return status if status in (0, 2) else UNEXPECTED_ERROR


def choose_language(config: Config) -> None:
    """Messages in ``$TILL_LANGUAGE``, else in the configured language."""
    set_language(os.environ.get("TILL_LANGUAGE") or config.locale.language, _domains())


def _domains() -> dict[str, Path]:
    """The front ends' translation catalogues besides the core's."""
    from cli import i18n as cli_i18n
    from devices.i18n import DOMAINS
    from tui import i18n as tui_i18n

    return {"tui": tui_i18n.LOCALE_DIR, cli_i18n.DOMAIN: cli_i18n.LOCALE_DIR, **DOMAINS}


def _cache_dir() -> str:
    """python-escpos's capability cache: one folder for every start (XDG cache home)."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(home, "serial-till", "escpos")


if __name__ == "__main__":
    sys.exit(main())
