"""The wedge hold-back in a running Textual app: scans never reach the Input, typing does."""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.keys import _character_to_key
from textual.widgets import Input

from devices.scan.base import ScanEvent
from devices.scan.fake import FakeScanner
from tui.scanning import ScanReceived, WedgeScanMixin, post_scan

WAIT = 5.0


class TillLike(WedgeScanMixin, App[None]):
    """An app with one focused Input, recording scans and submissions."""

    # Real time never splits a synthetic burst; its timing comes from event.time.
    WEDGE_HOLD: ClassVar[float | None] = 5.0

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[tuple[str, str]] = []
        self.submitted: list[str] = []
        self.scanned = asyncio.Event()
        self.changed = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Input(id="sn")

    def on_scan_received(self, message: ScanReceived) -> None:
        self.scans.append((message.code, message.source))
        self.scanned.set()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.submitted.append(message.value)

    def on_input_changed(self, message: Input.Changed) -> None:
        self.changed.set()


def key_event(key: str, character: str | None, at: float) -> events.Key:
    """A Key event stamped with a chosen time, as the terminal driver would create it."""
    event = events.Key(key, character)
    event.time = at
    return event


def post_keys(app: App[None], text: str, gap: float, suffix: str | None = "enter") -> None:
    """Post one key per character ``gap`` seconds apart (by timestamp), then the suffix."""
    start = time.monotonic()
    for i, char in enumerate(text):
        app.post_message(key_event(_character_to_key(char), char, start + i * gap))
    if suffix is not None:
        app.post_message(key_event(suffix, None, start + len(text) * gap))


async def test_scanner_burst_posts_scan_and_input_stays_empty() -> None:
    """Eight keys 4 ms apart plus Enter: one ScanReceived, nothing typed, nothing submitted."""
    app = TillLike()
    async with app.run_test() as pilot:
        post_keys(app, "SN000123", gap=0.004)
        await asyncio.wait_for(app.scanned.wait(), WAIT)
        await pilot.pause()
        assert app.scans == [("SN000123", "wedge")]
        assert app.query_one(Input).value == ""
        assert app.submitted == []


async def test_slow_typing_lands_in_the_input_and_enter_submits() -> None:
    """150 ms per key is a human: the Input gets the text and Enter submits it."""
    app = TillLike()
    async with app.run_test() as pilot:
        post_keys(app, "98765", gap=0.150)
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(Input).value == "98765"
        assert app.submitted == ["98765"]
        assert app.scans == []


async def test_held_key_is_released_to_the_input_when_the_hold_timer_expires() -> None:
    """A single key with no follower reaches the Input after max_gap, with no Enter."""

    class ShortHold(TillLike):
        WEDGE_HOLD = None

    app = ShortHold()
    async with app.run_test():
        post_keys(app, "7", gap=0.0, suffix=None)
        await asyncio.wait_for(app.changed.wait(), WAIT)
        assert app.query_one(Input).value == "7"


async def test_prefix_key_forces_scan_despite_slow_keys() -> None:
    """ctrl+b first: 300 ms gaps (SSH jitter) still make a scan."""
    app = TillLike()
    async with app.run_test() as pilot:
        start = time.monotonic()
        app.post_message(key_event("ctrl+b", "\x02", start))
        for i, char in enumerate("SN-77"):
            app.post_message(key_event(_character_to_key(char), char, start + 0.3 * (i + 1)))
        app.post_message(key_event("enter", None, start + 2.0))
        await asyncio.wait_for(app.scanned.wait(), WAIT)
        await pilot.pause()
        assert app.scans == [("SN-77", "wedge")]
        assert app.query_one(Input).value == ""


async def test_burst_under_ukrainian_layout_is_mapped_back_to_latin() -> None:
    """ІТ-0001 typed by a scanner under the ua layout arrives as SN-0001."""
    app = TillLike()
    async with app.run_test():
        post_keys(app, "ІТ-0001", gap=0.003)
        await asyncio.wait_for(app.scanned.wait(), WAIT)
        assert app.scans == [("SN-0001", "wedge")]


async def test_scans_from_a_reader_thread_arrive_through_post_scan() -> None:
    """A FakeScanner thread forwards its codes with post_scan."""
    app = TillLike()
    async with app.run_test():
        scanner = FakeScanner(["SN-THREAD-1"], source="serial:/dev/ttyACM0")
        scanner.start(lambda event: post_scan(app, event), lambda error: None)
        try:
            await asyncio.wait_for(app.scanned.wait(), WAIT)
        finally:
            scanner.stop()
        assert app.scans == [("SN-THREAD-1", "serial:/dev/ttyACM0")]


async def test_post_scan_from_the_app_thread_also_works() -> None:
    """The wedge or a worker on the event loop may call post_scan too."""
    app = TillLike()
    async with app.run_test():
        post_scan(app, ScanEvent("SN-LOOP", "fake", 0.0))
        await asyncio.wait_for(app.scanned.wait(), WAIT)
        assert app.scans == [("SN-LOOP", "fake")]


async def test_non_printable_keys_pass_straight_through() -> None:
    """Arrow keys and backspace are not held back."""
    app = TillLike()
    async with app.run_test() as pilot:
        post_keys(app, "12", gap=0.2, suffix=None)
        app.post_message(key_event("backspace", None, time.monotonic() + 1.0))
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(Input).value == "1"
