"""The shop's locations (shops and warehouses on one database): the second axis of the ledger.

A ledger place (``core.domain.units.Location``: store, customer, transit…) says *what*
happened to a unit; a site says *where*: every document, movement, unit, quantity on hand and
cost layer belongs to one. A database made before locations existed has one site, ``main``,
holding everything; its tills need no configuration."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.domain.errors import InputError
from core.i18n import _

MAIN_SITE = "main"
"""The location every database has: the only one of a single-location shop. The ledger's
chained tables (documents, movements) store it as NULL, so rows written before locations
existed, and every row of a single-location shop, hash as they always did."""

_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


@dataclass(frozen=True)
class Site:
    """A shop or a warehouse: its short code (in config and documents) and its name."""

    code: str
    name: str

    def label(self) -> str:
        """How screens and messages name the location."""
        return self.name if self.name == self.code else f"{self.name} ({self.code})"


def site_code(text: str) -> str:
    """A location code as typed, checked: lower-case letters, digits, ``-`` and ``_``."""
    code = text.strip().lower()
    if not _CODE.fullmatch(code):
        raise InputError(
            _(
                "“{code}” is not a location code: use up to 40 lower-case Latin letters, "
                "digits, “-” and “_”, such as shop-2 or warehouse."
            ).format(code=text.strip()[:60])
        )
    return code


def stored_site(site: str) -> str | None:
    """How a chained row stores its location: NULL for the main one."""
    return None if site == MAIN_SITE else site


def read_site(value: str | None) -> str:
    """A location as read back from a chained row."""
    return value or MAIN_SITE
