"""Scans in the Textual app: the ScanReceived message, the keyboard-wedge hold-back, post_scan.

A wedge scanner types into the terminal. WedgeScanMixin intercepts keys in App.on_event and
holds printable keys back for a few milliseconds; a burst that ends in the suffix key becomes
one ScanReceived and never reaches the focused Input, while human typing is released to the
normal routing after the hold timer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer

from core.drafts.entry import Scan as DraftScan
from devices.scan.base import ScanEvent
from devices.scan.wedge import Pass, Scan, Typed, WedgeDetector, layout_fix


class ScanReceived(Message):
    """A scanner read a code (from the wedge or from a device thread)."""

    def __init__(self, code: str, source: str = "wedge") -> None:
        super().__init__()
        self.code = code
        """The scanned text."""
        self.source = source
        """Which scanner: "wedge", "hid:…", "serial:…" or "fake"."""


@runtime_checkable
class ScanTarget(Protocol):
    """A screen whose draft takes scans directly, with their source, never through a field."""

    def take_scan(self, scan: DraftScan) -> bool:
        """Hand the scan to the draft; False lets the app type it into the focused field."""
        ...


def post_scan(app: App[Any], event: ScanEvent) -> None:
    """Forward a scan from any thread (a ScannerSource callback) to the app.

    Uses the thread-safe, non-blocking ``post_message``: a blocking ``call_from_thread`` would
    make a reader thread wait for the event loop, and an ``on_unmount`` that stops (joins)
    that thread would then wait for it in turn.
    """
    app.post_message(ScanReceived(event.code, event.source))


Route = Callable[[events.Event], Awaitable[None]]
"""Delivers an event to the app's normal routing (App.on_event)."""


class WedgeCapture:
    """Holds back keys while a burst is undecided; posts ScanReceived for scans."""

    def __init__(
        self,
        app: App[Any],
        route: Route,
        detector: WedgeDetector | None = None,
        *,
        hold: float | None = None,
        fix_layout: bool = True,
        source: str = "wedge",
    ) -> None:
        self.app = app
        self.route = route
        self.detector = detector or WedgeDetector()
        self.hold = hold
        """Seconds the hold timer waits; None follows the detector (max_gap or prefix)."""
        self.fix_layout = fix_layout
        self.source = source
        self._held: list[events.Key] = []
        self._timer: Timer | None = None

    async def intercept(self, event: events.Key) -> bool:
        """Classify one key; True when it was held or swallowed, False to route it now."""
        character = event.character if event.is_printable else None
        outcome = self.detector.feed(character, event.key, event.time)
        if isinstance(outcome, Pass):
            return False
        if isinstance(outcome, Scan):
            self._stop_timer()
            self._held.clear()
            code = layout_fix(outcome.code) if self.fix_layout else outcome.code
            self.app.post_message(ScanReceived(code, self.source))
            return True
        if isinstance(outcome, Typed):
            await self._release()
            if not outcome.hold_current:
                return False
        self._hold(event)
        return True

    def _hold(self, event: events.Key) -> None:
        """Keep the key and restart the hold timer."""
        self._held.append(event)
        self._stop_timer()
        delay = self.detector.hold_for() if self.hold is None else self.hold
        self._timer = self.app.set_timer(delay, self._expire, name="wedge hold")

    async def _expire(self) -> None:
        """No key came in time: the held keys were typing."""
        self._timer = None
        if self.detector.expire() is not None:
            await self._release()

    async def _release(self) -> None:
        """Route the held keys, in order, as if they had just arrived."""
        self._stop_timer()
        held, self._held = self._held, []
        for event in held:
            await self.route(event)

    def _stop_timer(self) -> None:
        """Cancel a pending hold timer."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


if TYPE_CHECKING:
    _AppBase = App[Any]
else:
    _AppBase = object


class WedgeScanMixin(_AppBase):
    """Mix into an App (before App) to turn wedge-scanner bursts into ScanReceived messages.

    Class attributes configure the detector; ``configure_wedge()`` replaces it at run time,
    e.g. from the till's config file.
    """

    WEDGE_MAX_GAP: ClassVar[float] = 0.035
    """Largest gap in seconds between keys of one scan (raise it for scans over SSH)."""
    WEDGE_MIN_LEN: ClassVar[int] = 4
    """Fewest characters a timing-detected scan has."""
    WEDGE_PREFIX_KEYS: ClassVar[tuple[str, ...]] = ("ctrl+b",)
    """Keys the scanner is programmed to send first; they force scan mode."""
    WEDGE_SUFFIX_KEYS: ClassVar[tuple[str, ...]] = ("enter",)
    """Keys that end a scan."""
    WEDGE_HOLD: ClassVar[float | None] = None
    """Hold timer in seconds; None means the detector's own (max_gap, or the prefix timeout)."""

    _wedge_capture: WedgeCapture | None = None

    @property
    def wedge(self) -> WedgeCapture:
        """The key hold-back in use, created on first use from the class attributes."""
        if self._wedge_capture is None:
            detector = WedgeDetector(
                max_gap=self.WEDGE_MAX_GAP,
                min_len=self.WEDGE_MIN_LEN,
                prefix_keys=self.WEDGE_PREFIX_KEYS,
                suffix_keys=self.WEDGE_SUFFIX_KEYS,
            )
            self.configure_wedge(detector, hold=self.WEDGE_HOLD)
        assert self._wedge_capture is not None
        return self._wedge_capture

    def configure_wedge(
        self,
        detector: WedgeDetector,
        *,
        hold: float | None = None,
        fix_layout: bool = True,
    ) -> None:
        """Use another detector (timing, prefix, suffix) from now on."""
        self._wedge_capture = WedgeCapture(
            self, self._route_event, detector, hold=hold, fix_layout=fix_layout
        )

    async def _route_event(self, event: events.Event) -> None:
        """Hand an event to Textual's normal routing, bypassing the hold-back."""
        await super().on_event(event)

    async def on_event(self, event: events.Event) -> None:
        """Intercept keys for the wedge before bindings and the focused widget see them."""
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and await self.wedge.intercept(event)
        ):
            return
        await super().on_event(event)
