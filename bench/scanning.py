"""``python -m bench.scanning {till,bare} DB`` (codes on stdin): scan bursts until painted.

Run in a fresh interpreter by bench.app_figures: ``till`` goes through the ``till`` command's
own ``main``, headless with an auto-pilot, ``bare`` runs bench.bare_app the same way. Each
code is posted as a scanner's key burst, all keys at once as the terminal driver would; the
time until the table shows its line and that frame is painted is one sample. Lines go in
sales of three. The samples (seconds) go to stdout as one JSON list.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

SALE_LINES = 3
"""Scans per sale: the first line of each sale also switches the screen from its hint."""


def burst(app: Any, code: str, prefix: str | None) -> None:
    """Post a scanner's key burst to the app as the terminal driver would: all at once."""
    from textual import events
    from textual.keys import _character_to_key

    keys: list[tuple[str, str | None]] = [(prefix, None)] if prefix else []
    keys += [(c if c.isalnum() else _character_to_key(c), c) for c in code]
    keys.append(("enter", "\r"))
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


async def painted(app: Any, table: Any, rows: int, timeout: float = 5) -> None:
    """Wait until the table has ``rows`` rows, then until the screen showing them is painted."""
    deadline = time.monotonic() + timeout
    while table.row_count < rows:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no line on screen after {timeout} s ({app.screen!r})")
        await asyncio.sleep(0.0002)
    shown = asyncio.Event()
    app.screen.call_after_refresh(shown.set)
    await shown.wait()


async def emptied(table: Any, rows: int, timeout: float = 5) -> None:
    """Wait until a line taken out has left the table: the till takes lines out through its
    worker (holds are released in the database), not at once."""
    deadline = time.monotonic() + timeout
    while table.row_count >= rows:
        if time.monotonic() > deadline:
            raise TimeoutError(f"a line taken out still on screen after {timeout} s")
        await asyncio.sleep(0.0002)


async def drive(
    pilot: Any,
    codes: Sequence[str],
    prefix: str | None,
    remove: Callable[[], Awaitable[Any]],
) -> list[float]:
    """Seconds from each burst to its line painted, in sales of three lines."""
    app = pilot.app
    await pilot.pause()
    table = app.screen.query_one("#lines")
    samples: list[float] = []
    for number, code in enumerate(codes, start=1):
        before = table.row_count
        started = time.perf_counter()
        burst(app, code, prefix)
        await painted(app, table, before + 1)
        samples.append(time.perf_counter() - started)
        await pilot.pause()
        if number % SALE_LINES == 0:
            while rows := table.row_count:
                await remove()
                await emptied(table, rows)
            await pilot.pause()
    return samples


def _autopilot(app_class: Any, codes: Sequence[str], till: bool) -> None:
    """Make ``App.run`` headless and let it drive the scans, print them, and exit."""
    run = app_class.run

    async def pilot_scans(pilot: Any) -> None:
        app = pilot.app
        if till:
            prefix = app.services.config.scanner.wedge.prefix or None

            async def remove() -> None:
                await app.run_action("remove", app.screen)
        else:
            prefix = None

            async def remove() -> None:
                app.screen.query_one("#lines").clear()

        samples = await drive(pilot, codes, prefix, remove)
        print(json.dumps(samples), flush=True)
        app.exit()

    def headless(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=(80, 24), auto_pilot=pilot_scans)
        return run(self, *args, **kwargs)

    app_class.run = headless


def main(kind: str, database: str, codes: Sequence[str]) -> int:
    """Scan the codes into the till (through ``till``) or into the bare app."""
    import textual.app

    _autopilot(textual.app.App, codes, kind == "till")
    if kind == "till":
        from cli.main import main as till

        return till(["--db", database])
    from bench.bare_app import BareSaleApp

    BareSaleApp().run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], json.loads(sys.stdin.read())))
