"""The full-screen till: sale, goods-in and return modes; scans, worker errors and the theme."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Input

from core.domain.cards import looks_like_card
from core.domain.errors import TillError
from core.drafts.entry import Scan
from devices.scan.base import ScannerSource
from devices.scan.wedge import WedgeDetector, layout_fix
from tui.app_back_office import BackOfficeMixin, lazy_screen
from tui.app_devices import DevicesMixin
from tui.app_printing import PrintingMixin
from tui.app_users import UsersMixin
from tui.i18n import N_, _, install
from tui.messages import LedgerOpened, ScannerFailed, WorkerFailed
from tui.scanning import ScanReceived, ScanTarget, WedgeScanMixin
from tui.screens.sale import SaleScreen

if TYPE_CHECKING:
    from bootstrap.services import Services
    from core.results import Posted
    from devices.print.printer import ReceiptPrinter

log = logging.getLogger(__name__)

TRUE_COLOUR = Theme(
    name="till",
    primary="#3a78c2",
    secondary="#2aa0a0",
    accent="#f0b030",
    warning="#f0c040",
    error="#e5484d",
    success="#46a758",
    foreground="#e6e9ef",
    background="#0e1622",
    surface="#162233",
    panel="#1f3048",
    dark=True,
)
"""The theme for terminals with true colour."""

SIXTEEN_COLOURS = replace(BUILTIN_THEMES["ansi-dark"], name="till-16", accent="ansi_yellow")
"""The theme for the Linux console and other 16-colour terminals: the terminal's own palette."""


class ConsoleScrollBarRender(ScrollBarRender):
    """Scroll bars drawn with spaces only: the Linux console font has no eighth-block glyphs."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class TillApp(WedgeScanMixin, DevicesMixin, PrintingMixin, BackOfficeMixin, UsersMixin, App[None]):
    """The till: one mode per job, scans routed to the field in use, errors shown, never raised."""

    CSS_PATH = "pos.tcss"
    TITLE = "serial-till"
    DEFAULT_MODE = "sale"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "switch_mode('sale')", N_("Sale")),
        Binding("f2", "switch_mode('receive')", N_("Goods in")),
        Binding("f3", "switch_mode('return')", N_("Return")),
        Binding("f11", "switch_mode('stock')", N_("Reports")),
        Binding("f12", "serial_history", N_("SN history")),
        Binding("ctrl+r", "print_queue", N_("Print queue"), show=False, key_display="Ctrl+R"),
        Binding("ctrl+g", "open_drawer", N_("Open drawer"), show=False, key_display="Ctrl+G"),
        Binding(
            "ctrl+t", "switch_mode('products')", N_("Products"), show=False, key_display="Ctrl+T"
        ),
        Binding(
            "ctrl+l", "switch_mode('documents')", N_("Documents"), show=False, key_display="Ctrl+L"
        ),
        Binding("ctrl+y", "switch_mode('day')", N_("Day"), show=False, key_display="Ctrl+Y"),
        Binding("ctrl+s", "switch_user", N_("Switch user"), show=False, key_display="Ctrl+S"),
        Binding(
            "ctrl+f", "switch_mode('journal')", N_("Journal"), show=False, key_display="Ctrl+F"
        ),
    ]

    device_state: reactive[str] = reactive("")
    """Scanner and printer state as the status bar shows it."""
    last_sale: reactive[Posted | None] = reactive(None)
    """The sale posted last, shown between customers."""

    def __init__(
        self,
        services: Services,
        scanner: ScannerSource | None = None,
        printer: ReceiptPrinter | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.scanner = scanner
        self.printer = printer
        """The receipt printer; only print workers talk to it (PrintingMixin)."""
        self.scanner_lost = False
        """True once a scanner device failed or was unplugged."""
        self.register_theme(TRUE_COLOUR)
        self.register_theme(SIXTEEN_COLOURS)
        self.choose_theme(TRUE_COLOUR)
        self._configure_scanning()
        self.freeze_opened = False
        """Freeze the objects the database layers loaded once they are open (the real till;
        tests leave it off, as many apps in one process would never be collected)."""
        self.sale_screen: SaleScreen | None = None
        """The sale screen once it exists; quitting asks first while it holds a sale."""
        self.add_mode("sale", self._new_sale_screen)
        self.add_mode("receive", partial(lazy_screen, "receive", "ReceiveScreen", services))
        self.add_mode("return", partial(lazy_screen, "returns", "ReturnScreen", services))
        self.add_mode("service", partial(lazy_screen, "service", "ServiceScreen", services))
        self.add_mode("transfers", partial(lazy_screen, "transfers", "TransfersScreen", services))
        self.add_back_office_modes()
        ScrollBar.renderer = ConsoleScrollBarRender

    def _new_sale_screen(self) -> SaleScreen:
        self.sale_screen = SaleScreen(self.services, self.sale_posted)
        return self.sale_screen

    async def action_quit(self) -> None:
        """Ctrl+Q: quit at once, or with a sale open ask first (a sale given up this way is
        not offered back; one left open by a crash or a power cut is)."""
        from tui.dialogs.quit import QuitDialog

        sale = self.sale_screen
        if sale is None or not sale.cart.lines:
            self.exit()
        elif not isinstance(self.screen, QuitDialog):
            self.push_screen(QuitDialog(sale.cart), self._quit_if_sure)

    def _quit_if_sure(self, sure: bool | None) -> None:
        if sure:
            if self.sale_screen is not None:
                self.sale_screen.abandon()
            self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """An error no handler caught stops the app: its traceback goes to the log first."""
        log.critical("the app stopped on an unexpected error", exc_info=error)
        super()._handle_exception(error)

    def choose_theme(self, theme: Theme) -> None:
        """Set the theme before the first stylesheet parse, without the theme watcher.

        Setting ``theme`` the usual way before the app runs makes Textual parse the whole
        stylesheet once more before the first frame (≈ 20 ms of start-up); this does what the
        watcher does, minus that re-parse. Later changes go through ``theme`` as usual."""
        self.set_reactive(App.theme, theme.name)
        self.set_class(True, f"-theme-{theme.name}", update=False)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def _configure_scanning(self) -> None:
        wedge = self.services.config.scanner.wedge
        self.wedge_enabled = wedge.enabled
        prefix = (wedge.prefix,) if wedge.prefix else ()
        detector = WedgeDetector(wedge.max_gap_ms / 1000, wedge.min_length, prefix)
        self.fix_layout = wedge.layout_fix
        """Map Cyrillic-layout scans back to Latin, except in free-text fields (names)."""
        self.configure_wedge(detector, fix_layout=False)

    async def on_event(self, event: Any) -> None:
        """Route keys through the wedge hold-back only when the wedge scanner is enabled."""
        if isinstance(event, events.Key):
            self.touched()
        if self.wedge_enabled:
            await super().on_event(event)
        else:
            await App.on_event(self, event)

    def on_mount(self) -> None:
        self.show_devices()
        self.start_users()
        self.start_devices()

    def on_unmount(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()

    def _scanner_failed(self, error: Exception) -> None:
        self.post_message(ScannerFailed(error))

    def on_scanner_failed(self, message: ScannerFailed) -> None:
        """Show a lost scanner in the status bar."""
        self.scanner_lost = True
        self.show_devices()
        self.notify(str(message.error), title=_("Scanner"), severity="warning")

    def show_devices(self) -> None:
        """Show the scanner's and the printer's state in the status bar."""
        scanner = _("keyboard") if self.scanner is None else _("on")
        if self.scanner_lost:
            scanner = _("lost")
        printer = self.printer_label()
        state = _("Scanner {scanner} · Printer {printer}")
        self.device_state = state.format(scanner=scanner, printer=printer)

    async def on_scan_received(self, message: ScanReceived) -> None:
        """A scan goes to the draft of the screen on top; elsewhere it fills the field in use."""
        screen = self.screen
        if looks_like_card(message.code):
            self.check_card(message.code.strip())
            return
        if isinstance(screen, ScanTarget):
            code = layout_fix(message.code) if self.fix_layout else message.code
            if screen.take_scan(Scan.read(code, message.source)):
                return
        field = screen.focused if isinstance(screen.focused, Input) else None
        if field is None:
            field = next(iter(screen.query("#scan").results(Input)), None)
        if field is None or field.disabled:
            self.bell()
            return
        fix = self.fix_layout and not field.has_class("free-text")
        field.value = layout_fix(message.code) if fix else message.code
        await field.action_submit()

    def on_ledger_opened(self, _message: LedgerOpened) -> None:
        """The database and the core are loaded: frozen, as `till` froze the start."""
        self.start_users()
        if self.freeze_opened:
            gc.freeze()

    def on_worker_failed(self, message: WorkerFailed) -> None:
        """A worker that crashed shows what went wrong instead of ending the app."""
        from tui.dialogs.error import ErrorDialog

        error = message.error
        log.error("worker %s failed", message.name, exc_info=error)
        if isinstance(error, TillError):
            self.push_screen(ErrorDialog.of(error))
            return
        self.push_screen(
            ErrorDialog(
                _("Unexpected error"),
                f"{type(error).__name__}: {error}",
                _("Nothing was saved by the step that failed. Tell the shop manager."),
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mode keys are hidden on their own screen and while a dialog is open."""
        if action == "switch_mode":
            return not isinstance(self.screen, ModalScreen) and parameters[0] != self.current_mode
        if action == "serial_history":
            return self.history_allowed()
        return True

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as printed on the keyboard (F1, F10); other keys in plain letters."""
        key = binding.key
        if not binding.key_display and key[:1] == "f" and key[1:].isdigit():
            return key.upper()
        shown = super().get_key_display(binding)
        return shown if shown.isascii() else key  # the console font lacks symbols such as ⌫

    def sale_posted(self, posted: Posted) -> None:
        """A sale was posted: show its completion (total, change, number), then print."""
        self.last_sale = posted
        self.print_after_sale(posted)
        self.checkpoint_at_idle()

    @work(thread=True, exclusive=True, exit_on_error=False, group="upkeep")
    def checkpoint_at_idle(self) -> None:
        """Copy the SQLite WAL back between customers, so no sale's commit pays for it."""
        self.services.checkpoint()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette lists every key of the screen, with its key, and quitting."""
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            title = f"{binding.description} ({self.get_key_display(binding)})"
            callback = partial(self.run_action, binding.action, active.node)
            yield SystemCommand(title, binding.tooltip or binding.description, callback)
        yield from self.back_office_commands(screen)
        yield SystemCommand(_("Quit"), _("Close the till app"), self.action_quit)


def make_app(
    services: Services,
    scanner: ScannerSource | None = None,
    printer: ReceiptPrinter | None = None,
) -> TillApp:
    """The till app for these services and devices, in the configured language."""
    install(services.config.locale.language)
    return TillApp(services, scanner, printer)


def sixteen_colours() -> bool:
    """True when this terminal shows only 16 colours (the Linux console)."""
    return Console().color_system in (None, "standard", "windows")


def run_app(services: Services) -> int | None:
    """Open the full-screen till on this terminal; the configured scanners and printer are
    connected once it has painted. A non-zero status when the app stopped on an error (its
    traceback is in the log), 2 when the database could not be opened."""
    app = make_app(services)
    app.connect_later = True
    app.freeze_opened = True
    if sixteen_colours():
        app.choose_theme(SIXTEEN_COLOURS)
    app.run()
    return app.return_code
