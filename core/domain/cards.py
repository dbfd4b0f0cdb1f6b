"""Signed warranty cards: the compact payload a card's QR code carries and its HMAC check.

A payload reads ``W1:SN:SALE:SOLD:END:TAG`` — the card format, the serial number, the sale's
number, the sale date and warranty end as ``YYYYMMDD`` (``0`` for none), and the first
80 bits of an HMAC-SHA256 under the shop's key in base32 (16 letters). Every character
but the SN's is in the QR alphanumeric set, so a card's code stays small enough for 58 mm
paper. Pure: the key and the facts come in, a verdict goes out."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

CARD_FORMAT = "W1"
"""The first field of every payload: the format of what follows."""

SEPARATOR = ":"
TAG_BYTES = 10
"""How much of the HMAC a card carries: 80 bits, 16 base32 letters."""

KEY_BYTES = 32


@dataclass(frozen=True)
class CardFacts:
    """What a warranty card states about one sold unit."""

    serial: str
    sale: str
    """The number of the sale that issued the unit."""
    sold_on: date | None
    warranty_end: date | None


@dataclass(frozen=True)
class CardReading:
    """A payload read back: the facts it states and whether the shop's key signed them."""

    facts: CardFacts
    genuine: bool


def _day(value: date | None) -> str:
    return "0" if value is None else value.strftime("%Y%m%d")


def _parse_day(text: str) -> date | None:
    if text == "0":
        return None
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _body(facts: CardFacts) -> str:
    fields = (CARD_FORMAT, facts.serial, facts.sale, _day(facts.sold_on), _day(facts.warranty_end))
    return SEPARATOR.join(fields)


def tag(facts: CardFacts, key: bytes) -> str:
    """The truncated HMAC-SHA256 of the facts under the key, as 16 base32 letters."""
    digest = hmac.new(key, _body(facts).encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest[:TAG_BYTES]).decode("ascii")


def payload(facts: CardFacts, key: bytes) -> str:
    """The text a card's QR code carries."""
    return f"{_body(facts)}{SEPARATOR}{tag(facts, key)}"


def looks_like_card(text: str) -> bool:
    """True when a scanned code is a warranty card's payload rather than an SN or barcode."""
    return text.strip().startswith(CARD_FORMAT + SEPARATOR)


def read(text: str, key: bytes) -> CardReading | None:
    """The facts a payload states and whether its tag is the key's; None when unreadable.

    The SN may itself hold the separator: the fixed fields are taken from the right."""
    parts = text.strip().split(SEPARATOR, 1)
    if len(parts) != 2 or parts[0] != CARD_FORMAT:
        return None
    fields = parts[1].rsplit(SEPARATOR, 4)
    if len(fields) != 5 or not fields[0] or not fields[1]:
        return None
    serial, sale, sold, end, given = fields
    try:
        facts = CardFacts(serial, sale, _parse_day(sold), _parse_day(end))
    except ValueError:
        return None
    return CardReading(facts, hmac.compare_digest(given.upper(), tag(facts, key)))
