"""Pure decoder from evdev key events to scanned codes; no device, no evdev import."""

from __future__ import annotations

from typing import Protocol

from devices.scan.keymaps import END_KEYS, KEY_CAPSLOCK, SHIFT_KEYS, US_KEYMAP

EV_SYN = 0
EV_KEY = 1
SYN_DROPPED = 3

KEY_UP = 0
KEY_DOWN = 1
KEY_REPEAT = 2


class InputEventLike(Protocol):
    """The three fields of an evdev InputEvent the decoder reads."""

    @property
    def type(self) -> int:
        """Event type, e.g. EV_KEY."""

    @property
    def code(self) -> int:
        """Keycode for EV_KEY events."""

    @property
    def value(self) -> int:
        """1 key down, 0 key up, 2 autorepeat."""


class HidDecoder:
    """Turns a keyboard-emulating scanner's key events into finished codes.

    Only key-down events type characters; key-up and autorepeat are ignored. Shift is tracked
    while held and CapsLock toggles on its key-down. Enter or keypad Enter ends a code. After
    SYN_DROPPED (the kernel's buffer overflowed) the shift state and the half-read code are
    dropped, because keys of that code were lost.
    """

    def __init__(self, keymap: dict[int, tuple[str, str]] | None = None) -> None:
        self._keymap = US_KEYMAP if keymap is None else keymap
        self._shift_down: set[int] = set()
        self._capslock = False
        self._chars: list[str] = []

    def feed(self, event: InputEventLike) -> str | None:
        """Consume one event; return the finished code when it ends one."""
        if event.type == EV_SYN and event.code == SYN_DROPPED:
            self.reset()
            return None
        if event.type != EV_KEY:
            return None
        if event.code in SHIFT_KEYS:
            self._track_shift(event.code, event.value)
            return None
        if event.value != KEY_DOWN:
            return None
        if event.code == KEY_CAPSLOCK:
            self._capslock = not self._capslock
            return None
        if event.code in END_KEYS:
            return self._finish()
        pair = self._keymap.get(event.code)
        if pair is not None:
            self._chars.append(self._choose(pair))
        return None

    def reset(self) -> None:
        """Forget shift, CapsLock and any half-read code."""
        self._shift_down.clear()
        self._capslock = False
        self._chars.clear()

    def _track_shift(self, code: int, value: int) -> None:
        """Remember which shift keys are held."""
        if value == KEY_UP:
            self._shift_down.discard(code)
        else:
            self._shift_down.add(code)

    def _choose(self, pair: tuple[str, str]) -> str:
        """Pick the plain or shifted character; CapsLock inverts letters only."""
        plain, shifted = pair
        use_shift = bool(self._shift_down)
        if self._capslock and plain.isalpha():
            use_shift = not use_shift
        return shifted if use_shift else plain

    def _finish(self) -> str | None:
        """Return the buffered code (None for a bare Enter) and start a new one."""
        code = "".join(self._chars)
        self._chars.clear()
        return code or None
