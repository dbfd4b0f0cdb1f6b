"""Signed warranty-card payloads: what they carry, and a forged or altered one refused."""

from __future__ import annotations

from datetime import date

from core.domain import cards
from core.domain.cards import CardFacts

KEY = bytes(range(32))
FACTS = CardFacts("SN-0001", "S-000012", date(2026, 3, 2), date(2027, 3, 2))


def test_a_payload_is_compact_and_reads_back_genuine() -> None:
    """The payload fits a small QR code and reads back as the facts it was made from."""
    text = cards.payload(FACTS, KEY)
    assert text.startswith("W1:SN-0001:S-000012:20260302:20270302:")
    assert len(text) <= 60
    reading = cards.read(text, KEY)
    assert reading is not None and reading.genuine and reading.facts == FACTS


def test_one_changed_digit_makes_the_card_not_genuine() -> None:
    """Moving the warranty end by a year breaks the tag."""
    text = cards.payload(FACTS, KEY).replace("20270302", "20280302")
    reading = cards.read(text, KEY)
    assert reading is not None and not reading.genuine


def test_another_shops_key_does_not_verify() -> None:
    """A card signed under another key is not this shop's."""
    reading = cards.read(cards.payload(FACTS, bytes(32)), KEY)
    assert reading is not None and not reading.genuine


def test_a_serial_holding_the_separator_still_reads() -> None:
    """Fixed fields are taken from the right, so an SN with a colon survives."""
    facts = CardFacts("AB:12", "S-000001", None, None)
    reading = cards.read(cards.payload(facts, KEY), KEY)
    assert reading is not None and reading.genuine and reading.facts == facts


def test_codes_that_are_no_card_are_unreadable() -> None:
    """An SN, a barcode or a damaged payload is no card."""
    assert not cards.looks_like_card("SN-0001")
    assert cards.read("SN-0001", KEY) is None
    assert cards.read("W1:SN-1:S-1:2026:0:TAG", KEY) is None
