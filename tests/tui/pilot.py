"""Driving the app in tests: scans as the scanner sends them, typing, waiting for the core."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerState

from tui.app import TillApp
from tui.scanning import ScanReceived

BUSY = (WorkerState.PENDING, WorkerState.RUNNING)
"""Worker states that mean the core has not answered yet."""


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and every message it posted is handled."""
    app = pilot.app
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(worker.state in BUSY for worker in app.workers)
        # A message posted to the app or to a screen under a dialog is not waited for by pause.
        waiting = any(node.message_queue_size for node in (app, *app.screen_stack))
        if not busy and not waiting:
            return


async def scan(pilot: Pilot[Any], *codes: str) -> None:
    """Scan codes one after another, as a scanner would, each checked before the next."""
    for code in codes:
        pilot.app.post_message(ScanReceived(code))
        await settle(pilot)


async def burst(pilot: Pilot[Any], *codes: str) -> None:
    """Scan codes faster than the core checks them (all posted before any is handled)."""
    for code in codes:
        pilot.app.post_message(ScanReceived(code))
    await settle(pilot)


async def type_in(pilot: Pilot[Any], text: str, *then: str) -> None:
    """Type text into the focused field, then press keys (such as enter)."""
    await pilot.press(*text, *then)
    await settle(pilot)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys and wait for what they started."""
    await pilot.press(*keys)
    await settle(pilot)


def top(app: TillApp) -> str:
    """The class name of the screen on top."""
    return type(app.screen).__name__


class Bells:
    """Counts the app's bells."""

    def __init__(self, app: TillApp) -> None:
        self.count = 0
        app.bell = self.ring  # type: ignore[method-assign]

    def ring(self) -> None:
        """One more bell."""
        self.count += 1
