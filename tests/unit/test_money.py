"""Money in kopecks: parsing typed amounts and formatting them, never through floats."""

from __future__ import annotations

import pytest

from core.domain.errors import InputError
from core.domain.money import format_money, parse_money


@pytest.mark.parametrize(
    ("text", "kopecks"),
    [("1299", 129900), ("1299.5", 129950), ("1 299,50", 129950), ("0.10", 10), ("12грн", 1200)],
)
def test_amounts_parse_to_kopecks(text: str, kopecks: int) -> None:
    """Dots, commas, spaces and a currency word are all understood."""
    assert parse_money(text) == kopecks


@pytest.mark.parametrize("text", ["12.345", "abc", "-5", "", "1e3x"])
def test_bad_amounts_are_refused(text: str) -> None:
    """Three decimals, words and negatives are refused with a message."""
    with pytest.raises(InputError):
        parse_money(text)


def test_format_money_plain_and_grouped() -> None:
    """Machine format uses a dot; the Ukrainian display groups thousands with a comma."""
    assert format_money(129950) == "1299.50"
    assert format_money(129950, grouped=True, comma=True) == "1 299,50"
    assert format_money(5) == "0.05"
