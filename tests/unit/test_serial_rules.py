"""Serial-number rules: normalisation, patterns, the IMEI check digit, the EAN-13 guard."""

from __future__ import annotations

import pytest

from core.domain.errors import InputError
from core.domain.serial_rules import SerialCheck, SerialRule, is_ean13, is_imei, luhn_valid


def test_normalise_trims_strips_control_characters_and_upper_cases() -> None:
    """A scanner's prefix byte, spaces and lower case do not make a new serial number."""
    assert SerialRule().normalise("  \x02sn-ab12\r ") == "SN-AB12"
    assert SerialRule(uppercase=False).normalise(" sn-ab12 ") == "sn-ab12"


def test_imei_needs_fifteen_digits_with_a_valid_luhn_digit() -> None:
    """490154203237518 is a valid IMEI; changing its last digit breaks it."""
    assert luhn_valid("79927398713")
    assert is_imei("490154203237518")
    assert not is_imei("490154203237519")
    assert not is_imei("49015420323751")


def test_ean13_check_digit_is_verified() -> None:
    """4006381333931 is a valid EAN-13; a wrong check digit is not."""
    assert is_ean13("4006381333931")
    assert not is_ean13("4006381333932")
    assert not is_ean13("400638133393A")


def test_rule_reports_pattern_and_check_problems() -> None:
    """A pattern mismatch or a bad IMEI is described in words."""
    rule = SerialRule(pattern=r"[A-Z]{2}\d{4}")
    assert rule.problem("AB1234") is None
    assert "pattern" in (rule.problem("A1234") or "")
    assert "IMEI" in (SerialRule(check=SerialCheck.IMEI).problem("123") or "")
    assert rule.explicitly_allows("AB1234")
    assert not SerialRule().explicitly_allows("AB1234")


def test_an_invalid_pattern_is_refused_when_the_rule_is_made() -> None:
    """A broken regular expression never reaches the till."""
    with pytest.raises(InputError, match="not valid"):
        SerialRule(pattern="[unclosed")


@pytest.mark.parametrize("pattern", [r"(A+)+B", r"(\d*)*", r"(x[0-9]+)+", r"((ab)*c)+", r"(a|b+)*"])
def test_a_pattern_with_nested_repetition_is_refused_when_set(pattern: str) -> None:
    """A pattern that could freeze the till on one scan is refused with the reason."""
    with pytest.raises(InputError, match="repeats a part that itself repeats"):
        SerialRule(pattern=pattern)


@pytest.mark.parametrize("pattern", [r"[A-Z]{2}\d+", r"(AB-\d{4})+", r"\d{15}", r"SN(?:-\d{3}){2}"])
def test_an_ordinary_pattern_is_accepted(pattern: str) -> None:
    """Fixed inner counts and plain repeats are linear to match, and stay allowed."""
    assert SerialRule(pattern=pattern).pattern == pattern
