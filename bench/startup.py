"""``python -m bench.startup {till,bare} DB``: start an app headless, report its first paint.

Run in a fresh interpreter by bench.app_figures: ``till`` goes through the ``till`` command's
own ``main`` (arguments, configuration, database, app), ``bare`` runs bench.bare_app. When the
sale screen has been mounted and painted for the first time, one JSON line goes to stdout —
the CLOCK_MONOTONIC time of the paint and the peak resident memory so far — and the app
exits. Imports happen inside the functions: the bare process never loads the core, peewee
or the database.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any


def peak_kib() -> int:
    """Peak resident memory of this process in KiB.

    VmHWM belongs to this program's own memory map; ``ru_maxrss`` would also count the
    parent's pages this child was forked with before it ran Python."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report(app: Any) -> None:
    """Print the paint time and peak memory, then leave once start-up has settled."""
    painted = time.monotonic()
    print(json.dumps({"painted": painted, "peak_kib": peak_kib()}), flush=True)
    app.set_timer(0.1, app.exit)


def _probe(screen_class: Any) -> None:
    """Make the first mount of ``screen_class`` report once its first frame is painted."""
    mounted = screen_class.on_mount

    def on_mount(self: Any) -> None:
        mounted(self)
        self.call_after_refresh(_report, self.app)

    screen_class.on_mount = on_mount


def _headless(app_class: Any) -> None:
    """Make every ``App.run`` of this process headless at 80×24 (no terminal in a child)."""
    run = app_class.run

    def headless(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=(80, 24))
        return run(self, *args, **kwargs)

    app_class.run = headless


def till(database: str) -> int:
    """The till as the ``till`` command starts it: arguments, configuration, database, app."""
    import textual.app

    _headless(textual.app.App)
    from tui.screens.sale import SaleScreen

    _probe(SaleScreen)
    from cli.main import main

    return main(["--db", database])


def bare() -> int:
    """Textual alone with the same widgets."""
    import textual.app

    _headless(textual.app.App)
    from bench.bare_app import BareSaleApp, BareSaleScreen

    _probe(BareSaleScreen)
    BareSaleApp().run()
    return 0


if __name__ == "__main__":
    sys.exit(till(sys.argv[2]) if sys.argv[1] == "till" else bare())
