"""The US keymap agrees, key by key, with evdev's key names and the US layout."""

from __future__ import annotations

from evdev import ecodes

from devices.scan.keymaps import END_KEYS, SHIFT_KEYS, US_KEYMAP
from tests.devices.keystrokes import KEYPAD, US_LAYOUT


def test_every_us_key_maps_to_its_plain_and_shifted_character() -> None:
    """Each main-block key gives exactly the US characters, e.g. ] and } (not {)."""
    for name, pair in US_LAYOUT.items():
        assert US_KEYMAP[ecodes.ecodes[name]] == pair, name


def test_right_brace_shifts_to_closing_brace_unlike_barcode_server() -> None:
    """barcode-server maps ] to {; the right brace key must shift to }."""
    assert US_KEYMAP[ecodes.KEY_RIGHTBRACE] == ("]", "}")


def test_keypad_keys_type_their_symbol_with_or_without_shift() -> None:
    """Scanners that send keypad digits still produce digits."""
    for name, char in KEYPAD.items():
        assert US_KEYMAP[ecodes.ecodes[name]] == (char, char), name


def test_keymap_holds_nothing_beyond_the_us_and_keypad_keys() -> None:
    """No stray entries: the table is exactly the keys listed above."""
    expected = {ecodes.ecodes[name] for name in [*US_LAYOUT, *KEYPAD]}
    assert set(US_KEYMAP) == expected


def test_modifier_and_end_keys_match_evdev_codes() -> None:
    """Shift and Enter constants are evdev's."""
    assert {ecodes.KEY_LEFTSHIFT, ecodes.KEY_RIGHTSHIFT} == SHIFT_KEYS
    assert {ecodes.KEY_ENTER, ecodes.KEY_KPENTER} == END_KEYS
