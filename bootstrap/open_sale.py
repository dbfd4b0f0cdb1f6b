"""Where the open sale is kept between scans: one owner-only file per database and till.

The file sits in the user's state folder (beside the error log's default place), named for
the database and the till, so two tills or two shops on one account never meet. Each save is
atomic: a temporary file, written and synced, renamed over the old one, and the folder synced,
so after a power cut the file holds the sale as it was before or after the last change,
never half of it."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from datetime import datetime
from pathlib import Path

from bootstrap.error_log import state_folder
from core.drafts.cart import Cart
from core.drafts.saved_sale import SavedSale, UnreadableSale, dump, load

log = logging.getLogger(__name__)


def open_sale_path(database: str, till: str, folder: Path | None = None) -> Path:
    """The file of this database's and this till's open sale."""
    key = hashlib.sha256(f"{database}\n{till}".encode()).hexdigest()[:16]
    return (folder or state_folder()) / f"open-sale-{key}.json"


class OpenSaleFile:
    """Saves, reads back and clears one till's open sale; safe to call from worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._latest: Cart | None = None
        self._latest_at: datetime | None = None

    def keep(self, cart: Cart, now: datetime) -> None:
        """Note the cart as it is now; ``flush`` writes it (an empty cart clears the file)."""
        self._latest, self._latest_at = cart, now

    def flush(self) -> None:
        """Write the cart noted last: whichever thread writes last writes the newest."""
        with self._lock:
            cart, now = self._latest, self._latest_at
            if cart is None or now is None:
                return
            if cart.lines:
                self._write(dump(cart, now))
            else:
                self.path.unlink(missing_ok=True)

    def clear(self) -> None:
        """Forget the open sale: posted, or abandoned on purpose."""
        with self._lock:
            self._latest = None
            self.path.unlink(missing_ok=True)

    def read(self) -> SavedSale | None:
        """The sale saved last, or None; ``UnreadableSale`` when the file is damaged."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UnreadableSale(f"{self.path}: {exc.strerror or exc}") from None
        return load(data)

    def set_aside(self) -> Path | None:
        """Move a damaged file out of the way (kept for whoever looks into it); its new name."""
        aside = self.path.with_name(f"{self.path.stem}.unreadable-{os.getpid()}.json")
        try:
            os.replace(self.path, aside)
        except OSError:
            log.warning("cannot set the open sale file %s aside", self.path, exc_info=True)
            return None
        return aside

    def _write(self, data: bytes) -> None:
        folder = self.path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
