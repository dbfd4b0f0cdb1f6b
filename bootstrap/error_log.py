"""The till's error log: a rotating, owner-only file that receives every unexpected error.

The cashier and the command line see one short line; the traceback goes here, for whoever
looks after the till. The file (and its folder) is created when the first error is written,
and the rotating handler is imported only then, so a start that goes well pays nothing.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from core.config import Config

LOG_NAME = "till.log"
MAX_BYTES = 1_000_000
"""A log file is rotated when it reaches this size."""
BACKUPS = 5
"""Rotated files kept besides the current one (till.log.1 … till.log.5)."""
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"


def state_folder() -> Path:
    """The user's state folder, as platformdirs names it on Linux (``user_state_dir``),
    worked out here because importing platformdirs costs every start 7 ms."""
    home = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(home) / "serial-till"


def log_path(config: Config | None = None) -> Path:
    """Where the log file is: ``[log] folder``, else the user's state folder."""
    folder = config.log.folder if config is not None else ""
    return (Path(folder).expanduser() if folder else state_folder()) / LOG_NAME


class ErrorLog(logging.Handler):
    """Warnings and errors of every logger, written to the rotating file on first use."""

    def __init__(self, path: Path, group: int | None = None) -> None:
        super().__init__(logging.WARNING)
        self.path = path.absolute()
        self.group = group
        """A group that may read the log too (``[files] group``), else the owner alone."""
        self._file: logging.Handler | None = None
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record (and its traceback) to the file, opening it the first time."""
        if self._file is None:
            from bootstrap.log_file import OwnerOnlyFileHandler

            self._file = OwnerOnlyFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
            )
            self._file.group = self.group
            self._file.setFormatter(self.formatter)
        self._file.handle(record)

    def close(self) -> None:
        """Close the file, if it was opened."""
        if self._file is not None:
            self._file.close()
        super().close()


_installed: ErrorLog | None = None


def install(config: Config | None = None) -> Path:
    """Send warnings and errors of every logger to the log file; the file's path.

    Installing again (once the configuration is known) moves the log to the new place."""
    global _installed
    path = log_path(config).absolute()
    group = config.files.group_id() if config is not None else None
    root = logging.getLogger()
    if _installed is not None:
        if _installed.path == path and _installed.group == group:
            return path
        root.removeHandler(_installed)
        _installed.close()
    _installed = ErrorLog(path, group)
    root.addHandler(_installed)
    if root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return path


def record(error: BaseException, what: str) -> Path:
    """Write an unexpected error with its traceback to the log; the log file's path."""
    path = install() if _installed is None else _installed.path
    logging.getLogger("till").error("%s", what, exc_info=error)
    return path


def uninstall() -> None:
    """Stop writing to the log file (tests, and a front end that closes)."""
    global _installed
    if _installed is not None:
        logging.getLogger().removeHandler(_installed)
        _installed.close()
        _installed = None
