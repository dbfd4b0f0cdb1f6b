"""The rotating, owner-only log file, loaded only when the first error is written to it."""

from __future__ import annotations

import io
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path


class OwnerOnlyFileHandler(RotatingFileHandler):
    """A rotating log whose folder (0700) and files (0600) are created when first written;
    with a ``group``, the folder is 0750 and the files 0640, both given to that group."""

    group: int | None = None

    def _open(self) -> io.TextIOWrapper:
        path = Path(self.baseFilename)
        folder = path.parent
        made = not folder.exists()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if self.group is not None:
            os.fchown(fd, -1, self.group)
            os.fchmod(fd, 0o640)
            if made:
                os.chown(folder, -1, self.group)
                os.chmod(folder, 0o750)
        return open(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written costs one line on stderr, never a traceback."""
        error = sys.exc_info()[1]
        sys.stderr.write(f"till: cannot write the log {self.baseFilename}: {error}\n")
