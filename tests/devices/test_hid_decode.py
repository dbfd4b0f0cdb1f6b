"""HidDecoder turns synthetic evdev events into codes without any device."""

from __future__ import annotations

from evdev import InputEvent, ecodes
from hypothesis import given
from hypothesis import strategies as st

from devices.scan.hid_decode import HidDecoder
from tests.devices.keystrokes import TYPEABLE, key, keystrokes, tap


def decode(events: list[InputEvent]) -> list[str]:
    """Feed every event to a fresh decoder and collect the codes."""
    decoder = HidDecoder()
    return [code for event in events if (code := decoder.feed(event)) is not None]


def test_shifted_letters_and_symbols_decode_to_the_serial_number() -> None:
    """Shift is applied while held."""
    assert decode(keystrokes("SN-Ab12{}")) == ["SN-Ab12{}"]


@given(st.text(alphabet=TYPEABLE, min_size=1, max_size=40))
def test_any_typeable_text_round_trips(text: str) -> None:
    """Whatever the scanner types comes back unchanged."""
    assert decode(keystrokes(text)) == [text]


def test_hundred_serials_back_to_back_decode_in_order() -> None:
    """Loop mode: many codes in one stream."""
    serials = [f"SN-{n:06d}" for n in range(100)]
    events = [event for serial in serials for event in keystrokes(serial)]
    assert decode(events) == serials


def test_key_up_and_autorepeat_do_not_type() -> None:
    """Only key-down events produce characters."""
    events = key(ecodes.KEY_A, 1) + key(ecodes.KEY_A, 2) + key(ecodes.KEY_A, 2)
    events += key(ecodes.KEY_A, 0) + tap(ecodes.KEY_ENTER)
    assert decode(events) == ["a"]


def test_keypad_digits_and_keypad_enter_end_a_code() -> None:
    """KEY_KP0-9 are digits and KEY_KPENTER is a suffix."""
    events = tap(ecodes.KEY_KP4) + tap(ecodes.KEY_KP8) + tap(ecodes.KEY_KP2) + tap(ecodes.KEY_KP0)
    assert decode(events + tap(ecodes.KEY_KPENTER)) == ["4820"]


def test_capslock_inverts_letters_but_not_digits_or_symbols() -> None:
    """CapsLock toggles on key-down and affects letters only."""
    events = tap(ecodes.KEY_CAPSLOCK) + keystrokes("sn-1A")
    assert decode(events) == ["SN-1a"]


def test_right_shift_works_like_left_shift() -> None:
    """Either shift key selects the shifted character."""
    events = key(ecodes.KEY_RIGHTSHIFT, 1) + tap(ecodes.KEY_3) + key(ecodes.KEY_RIGHTSHIFT, 0)
    assert decode(events + tap(ecodes.KEY_ENTER)) == ["#"]


def test_syn_dropped_resets_shift_and_discards_the_partial_code() -> None:
    """After the kernel dropped events, the half-read code is unreliable."""
    dropped = [InputEvent(0, 0, ecodes.EV_SYN, ecodes.SYN_DROPPED, 0)]
    events = key(ecodes.KEY_LEFTSHIFT, 1) + tap(ecodes.KEY_S) + dropped
    assert decode(events + keystrokes("ab")) == ["ab"]


def test_bare_enter_yields_nothing() -> None:
    """An Enter with no characters is not a code."""
    assert decode(tap(ecodes.KEY_ENTER)) == []


def test_unmapped_keys_are_ignored() -> None:
    """Function keys and modifiers other than shift type nothing."""
    events = tap(ecodes.KEY_F1) + tap(ecodes.KEY_LEFTCTRL) + keystrokes("x")
    assert decode(events) == ["x"]
