"""Build the evdev event sequence a US-layout HID scanner sends for a string."""

from __future__ import annotations

from evdev import InputEvent, ecodes

US_LAYOUT: dict[str, tuple[str, str]] = {
    **{f"KEY_{c}": (c.lower(), c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    **{f"KEY_{d}": (d, s) for d, s in zip("1234567890", "!@#$%^&*()", strict=True)},
    "KEY_MINUS": ("-", "_"),
    "KEY_EQUAL": ("=", "+"),
    "KEY_LEFTBRACE": ("[", "{"),
    "KEY_RIGHTBRACE": ("]", "}"),
    "KEY_SEMICOLON": (";", ":"),
    "KEY_APOSTROPHE": ("'", '"'),
    "KEY_GRAVE": ("`", "~"),
    "KEY_BACKSLASH": ("\\", "|"),
    "KEY_COMMA": (",", "<"),
    "KEY_DOT": (".", ">"),
    "KEY_SLASH": ("/", "?"),
    "KEY_SPACE": (" ", " "),
}
"""An independent statement of the US layout, by evdev key name, to check the keymap against."""

KEYPAD: dict[str, str] = {
    **{f"KEY_KP{d}": str(d) for d in range(10)},
    "KEY_KPASTERISK": "*",
    "KEY_KPMINUS": "-",
    "KEY_KPPLUS": "+",
    "KEY_KPDOT": ".",
    "KEY_KPSLASH": "/",
    "KEY_KPEQUAL": "=",
    "KEY_KPCOMMA": ",",
}

_BY_CHAR: dict[str, tuple[int, bool]] = {}
for _name, (_plain, _shifted) in US_LAYOUT.items():
    _BY_CHAR.setdefault(_plain, (ecodes.ecodes[_name], False))
    _BY_CHAR.setdefault(_shifted, (ecodes.ecodes[_name], True))

TYPEABLE = "".join(sorted(_BY_CHAR))
"""Every character a US-layout scanner can type."""


def key(code: int, value: int, t: float = 0.0) -> list[InputEvent]:
    """One key transition as the kernel reports it: MSC_SCAN, EV_KEY, SYN_REPORT."""
    sec, usec = int(t), int((t % 1) * 1_000_000)
    return [
        InputEvent(sec, usec, ecodes.EV_MSC, ecodes.MSC_SCAN, 0x70000 + code),
        InputEvent(sec, usec, ecodes.EV_KEY, code, value),
        InputEvent(sec, usec, ecodes.EV_SYN, ecodes.SYN_REPORT, 0),
    ]


def tap(code: int) -> list[InputEvent]:
    """Press and release one key."""
    return key(code, 1) + key(code, 0)


def keystrokes(text: str, end: str = "KEY_ENTER") -> list[InputEvent]:
    """The events for typing ``text`` with Shift where needed, then the end key."""
    events: list[InputEvent] = []
    for char in text:
        code, shifted = _BY_CHAR[char]
        if shifted:
            events += key(ecodes.KEY_LEFTSHIFT, 1)
        events += tap(code)
        if shifted:
            events += key(ecodes.KEY_LEFTSHIFT, 0)
    return events + tap(ecodes.ecodes[end])
