"""US keyboard map from Linux input keycodes to characters, as an HID scanner types them.

Keycodes are physical key positions (linux/input-event-codes.h), so the till's own layout
does not matter when reading through evdev; what matters is the layout the scanner emulates,
which should be left at US.
"""

from __future__ import annotations

KEY_TAB = 15
KEY_ENTER = 28
KEY_LEFTSHIFT = 42
KEY_RIGHTSHIFT = 54
KEY_CAPSLOCK = 58
KEY_KPENTER = 96

SHIFT_KEYS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
"""Keys whose held state selects the shifted character."""

END_KEYS = frozenset({KEY_ENTER, KEY_KPENTER})
"""Keys a scanner sends after a code (its suffix)."""

_ROWS: tuple[tuple[int, str, str], ...] = (
    (2, "1234567890-=", "!@#$%^&*()_+"),
    (16, "qwertyuiop[]", "QWERTYUIOP{}"),
    (30, "asdfghjkl;'`", 'ASDFGHJKL:"~'),
    (43, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
)
"""Runs of consecutive keycodes: first code, plain characters, shifted characters."""

_SINGLE: dict[int, tuple[str, str]] = {
    57: (" ", " "),  # KEY_SPACE
    55: ("*", "*"),  # KEY_KPASTERISK
    74: ("-", "-"),  # KEY_KPMINUS
    78: ("+", "+"),  # KEY_KPPLUS
    83: (".", "."),  # KEY_KPDOT
    98: ("/", "/"),  # KEY_KPSLASH
    117: ("=", "="),  # KEY_KPEQUAL
    121: (",", ","),  # KEY_KPCOMMA
}

_KEYPAD_DIGITS: dict[int, str] = {
    82: "0",
    79: "1",
    80: "2",
    81: "3",
    75: "4",
    76: "5",
    77: "6",
    71: "7",
    72: "8",
    73: "9",
}
"""KEY_KP0 … KEY_KP9: some scanners send digits from the keypad."""


def _build_us_map() -> dict[int, tuple[str, str]]:
    """Assemble the keycode → (plain, shifted) table from the rows above."""
    table: dict[int, tuple[str, str]] = {}
    for first, plain, shifted in _ROWS:
        for offset, pair in enumerate(zip(plain, shifted, strict=True)):
            table[first + offset] = pair
    table.update(_SINGLE)
    table.update({code: (digit, digit) for code, digit in _KEYPAD_DIGITS.items()})
    return table


US_KEYMAP: dict[int, tuple[str, str]] = _build_us_map()
"""Keycode → (character without shift, character with shift) on a US keyboard."""
