"""Pure keyboard-wedge logic: tell a scanner's key burst from typing, and undo a wrong layout.

A wedge scanner types into the terminal like a keyboard. WedgeDetector is fed every key with
its timestamp and says, per key, whether to hold it back, pass it on, release what it held as
typing, or swallow the held keys as a scan. It does no I/O and imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Hold:
    """Keep this key back until the burst is decided."""


@dataclass(frozen=True)
class Pass:
    """This key is not part of any burst; route it as usual."""


@dataclass(frozen=True)
class Typed:
    """The held keys were typing: release them in order, then hold or route the current key."""

    text: str
    """The characters of the released printable keys."""
    hold_current: bool = False
    """True when the current key starts a new hold instead of being routed."""


@dataclass(frozen=True)
class Scan:
    """The held keys and this suffix key were a scan: swallow them all."""

    code: str


Outcome = Hold | Pass | Typed | Scan


@dataclass
class _Held:
    """One held key: its character (None for the prefix key) and its time."""

    character: str | None
    time: float


class WedgeDetector:
    """Classifies keys as scanner bursts or human typing.

    A scan is at least ``min_len`` printable keys followed by a suffix key, with no gap longer
    than ``max_gap`` seconds between them. A prefix key (e.g. ctrl+b, programmed into the
    scanner) forces scan mode: timing is then ignored until the suffix, or until
    ``prefix_timeout`` passes without it.
    """

    def __init__(
        self,
        max_gap: float = 0.035,
        min_len: int = 4,
        prefix_keys: Sequence[str] = ("ctrl+b",),
        suffix_keys: Sequence[str] = ("enter",),
        prefix_timeout: float = 1.0,
    ) -> None:
        self.max_gap = max_gap
        self.min_len = min_len
        self.prefix_keys = frozenset(prefix_keys)
        self.suffix_keys = frozenset(suffix_keys)
        self.prefix_timeout = prefix_timeout
        self._held: list[_Held] = []
        self._prefixed = False

    def hold_for(self) -> float:
        """Seconds to wait for the next key before the held keys count as typing."""
        return self.prefix_timeout if self._prefixed else self.max_gap

    def feed(self, character: str | None, key: str, time: float) -> Outcome:
        """Classify one key press; ``character`` is None for non-printable keys."""
        if key in self.prefix_keys:
            released = self._release() if self._held else None
            self._prefixed = True
            self._held.append(_Held(None, time))
            return Hold() if released is None else Typed(released.text, hold_current=True)
        if key in self.suffix_keys:
            return self._on_suffix(time)
        if character is not None and character.isprintable() and len(character) == 1:
            if self._held and not self._prefixed and time - self._held[-1].time > self.max_gap:
                released = self._release()
                self._held.append(_Held(character, time))
                return Typed(released.text, hold_current=True)
            self._held.append(_Held(character, time))
            return Hold()
        if self._held:
            return self._release()
        return Pass()

    def expire(self) -> Typed | None:
        """The hold timer ran out: give back the held keys as typing, if any."""
        if not self._held:
            return None
        return self._release()

    def _on_suffix(self, time: float) -> Outcome:
        """Decide scan or typing when the suffix key arrives."""
        if not self._held:
            return Pass()
        if self._is_scan(time):
            code = "".join(h.character for h in self._held if h.character is not None)
            self._held.clear()
            self._prefixed = False
            return Scan(code)
        return self._release()

    def _is_scan(self, suffix_time: float) -> bool:
        """True when the held keys plus the suffix look like a scanner burst."""
        chars = [h for h in self._held if h.character is not None]
        if self._prefixed:
            return bool(chars)
        if len(chars) < self.min_len:
            return False
        times = [h.time for h in self._held] + [suffix_time]
        return all(later - earlier <= self.max_gap for earlier, later in pairwise(times))

    def _release(self) -> Typed:
        """Forget the held keys and report them as typing."""
        text = "".join(h.character for h in self._held if h.character is not None)
        self._held.clear()
        self._prefixed = False
        return Typed(text)


_CYRILLIC_KEYS = (
    # Ukrainian (ua) layout, plain then shifted, in US key order.
    ("йцукенгшщзхїфівапролджєячсмитьбю.ґ'", "qwertyuiop[]asdfghjkl;'zxcvbnm,./\\`"),
    ("ЙЦУКЕНГШЩЗХЇФІВАПРОЛДЖЄЯЧСМИТЬБЮ,Ґʼ", 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?|~'),
    # Letters only the Russian (ru) layout has, and its shifted backslash key.
    ("ыэъёЫЭЪЁ/", "s']`S\"}~|"),
    # Shifted digits shared by both layouts.
    ('"№;:?', "@#$^&"),
)
"""Pairs of strings: what the Cyrillic layout typed, and the US character of the same key."""

_TO_QWERTY: dict[int, str] = {
    ord(cyr): us for typed, qwerty in _CYRILLIC_KEYS for cyr, us in zip(typed, qwerty, strict=True)
}


def layout_fix(code: str) -> str:
    """Map a scan typed under a Ukrainian/Russian layout back to the US keys the scanner sent.

    A wedge scanner sends key positions; with the ЙЦУКЕН layout active, ``SN-0001`` arrives as
    ``ІТ-0001``. Only a code that contains Cyrillic is translated, so US-layout scans keep
    their punctuation. Digits, ``-`` and ``=`` sit on the same keys in both layouts.
    """
    if not any("\u0400" <= ch <= "\u04ff" for ch in code):
        return code
    return code.translate(_TO_QWERTY)
