"""WedgeDetector tells scanner bursts from typing using injected key timestamps."""

from __future__ import annotations

from devices.scan.wedge import Hold, Pass, Scan, Typed, WedgeDetector, layout_fix


def feed_text(
    detector: WedgeDetector, text: str, gap: float, start: float = 100.0, suffix: str = "enter"
) -> list[object]:
    """Type ``text`` one key per ``gap`` seconds, then the suffix key; return every outcome."""
    outcomes: list[object] = [
        detector.feed(char, char, start + i * gap) for i, char in enumerate(text)
    ]
    outcomes.append(detector.feed(None, suffix, start + len(text) * gap))
    return outcomes


def test_four_ms_per_key_burst_is_a_scan_and_every_key_is_held() -> None:
    """A scanner burst is held back key by key and swallowed as one scan."""
    outcomes = feed_text(WedgeDetector(), "SN000123", gap=0.004)
    assert outcomes[:-1] == [Hold()] * 8
    assert outcomes[-1] == Scan("SN000123")


def test_human_typing_at_150_ms_per_key_is_released_as_typing() -> None:
    """Slow keys come back as Typed, and Enter is routed normally."""
    detector = WedgeDetector()
    outcomes = feed_text(detector, "98765", gap=0.150)
    assert outcomes[0] == Hold()
    assert outcomes[1] == Typed("9", hold_current=True)
    assert outcomes[-1] == Typed("5")
    assert detector.expire() is None


def test_short_burst_below_min_len_is_typing() -> None:
    """Two fast keys and Enter are not a scan (min_len)."""
    assert feed_text(WedgeDetector(min_len=4), "12", gap=0.001)[-1] == Typed("12")


def test_one_slow_gap_inside_a_burst_makes_it_typing() -> None:
    """Every gap, including the one before Enter, must be within max_gap."""
    detector = WedgeDetector(max_gap=0.035)
    for i, char in enumerate("SN12"):
        detector.feed(char, char, 10.0 + i * 0.004)
    assert detector.feed(None, "enter", 10.5) == Typed("SN12")


def test_prefix_key_forces_a_scan_even_with_300_ms_gaps() -> None:
    """With the scanner's ctrl+b prefix, timing no longer matters (SSH jitter)."""
    detector = WedgeDetector()
    assert detector.feed("\x02", "ctrl+b", 0.0) == Hold()
    assert detector.hold_for() == detector.prefix_timeout
    outcomes = [detector.feed(c, c, 0.3 * (i + 1)) for i, c in enumerate("SN1")]
    assert outcomes == [Hold()] * 3
    assert detector.feed(None, "enter", 1.2) == Scan("SN1")
    assert detector.hold_for() == detector.max_gap


def test_prefix_without_characters_before_enter_is_typing() -> None:
    """ctrl+b then Enter alone is released for normal routing."""
    detector = WedgeDetector()
    detector.feed("\x02", "ctrl+b", 0.0)
    assert detector.feed(None, "enter", 0.01) == Typed("")


def test_prefix_while_holding_typed_keys_releases_them_and_starts_a_scan() -> None:
    """Keys typed just before the prefix are given back first."""
    detector = WedgeDetector()
    detector.feed("a", "a", 0.0)
    assert detector.feed("\x02", "ctrl+b", 0.01) == Typed("a", hold_current=True)
    detector.feed("X", "X", 0.02)
    assert detector.feed(None, "enter", 0.03) == Scan("X")


def test_expire_gives_back_held_keys_and_nothing_when_idle() -> None:
    """The hold timer turns held keys into typing."""
    detector = WedgeDetector()
    assert detector.expire() is None
    detector.feed("a", "a", 0.0)
    assert detector.expire() == Typed("a")
    assert detector.expire() is None


def test_non_printable_key_passes_or_releases_held_keys() -> None:
    """Arrows pass through; while holding they first release the held keys."""
    detector = WedgeDetector()
    assert detector.feed(None, "up", 0.0) == Pass()
    assert detector.feed(None, "enter", 0.0) == Pass()
    detector.feed("a", "a", 0.0)
    assert detector.feed(None, "backspace", 0.01) == Typed("a")


def test_tab_can_be_configured_as_suffix() -> None:
    """Scanners set to a TAB suffix are supported."""
    detector = WedgeDetector(suffix_keys=("enter", "tab"))
    assert feed_text(detector, "SN-42", gap=0.002, suffix="tab")[-1] == Scan("SN-42")


def test_layout_fix_maps_ukrainian_letters_back_to_latin() -> None:
    """ІТ-0001 typed under the Ukrainian layout is SN-0001."""
    assert layout_fix("ІТ-0001") == "SN-0001"
    assert layout_fix("фів") == "asd"


def test_layout_fix_maps_shifted_symbols_of_the_number_row() -> None:
    """№ is #, " is @, ; is $, : is ^, ? is &; . and , are / and ?."""
    assert layout_fix('ІТ№1"2;3:4?5') == "SN#1@2$3^4&5"
    assert layout_fix("Ю.Б,") == ">/<?"


def test_layout_fix_handles_russian_only_letters_and_ukrainian_ghe() -> None:
    """ы э ъ ё (ru) and ґ Ґ (ua) sit on distinct keys."""
    assert layout_fix("ыэъёҐґ") == "s']`|\\"


def test_layout_fix_leaves_latin_codes_untouched() -> None:
    """A US-layout scan keeps its punctuation."""
    assert layout_fix("SN.01;A") == "SN.01;A"
