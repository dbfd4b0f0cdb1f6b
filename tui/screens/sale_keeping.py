"""The sale screen's start and safety net: the ledger opens after the first paint; the open
sale is saved after every change, and a sale left open by a crash or a power cut is offered
back at the next start."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message

from core.domain.errors import TillError
from tui.i18n import _, money
from tui.messages import LedgerOpened
from tui.screens.sale_editing import SaleEditing

if TYPE_CHECKING:
    from core.drafts.cart import Cart
    from core.drafts.sale import Resumed, SaleDraft
    from core.drafts.saved_sale import SavedSale
    from tui.widgets.notice import Kind

log = logging.getLogger(__name__)


class SaleKeeping(SaleEditing):
    """Keeps the open sale in its file, and offers a saved one back when the screen opens."""

    keeping = False
    """True once a saved sale was looked for (and offered): only then is the file written."""
    kept: Cart | None = None
    """The cart saved last, so that a redraw without a change writes nothing."""
    save_failed = False
    """True once saving failed (said once, then only logged)."""

    class Ready(Message):
        """The ledger is open: the sale's draft, or why it could not be had."""

        def __init__(self, draft: SaleDraft | None, error: TillError | None = None) -> None:
            super().__init__()
            self.draft = draft
            self.error = error

    class Found(Message):
        """The saved sale read at the start (None when there is none)."""

        def __init__(self, saved: SavedSale | None, problem: str = "") -> None:
            super().__init__()
            self.saved = saved
            self.problem = problem

    class Restored(Message):
        """A saved sale checked against the ledger as it is now."""

        def __init__(self, resumed: Resumed) -> None:
            super().__init__()
            self.resumed = resumed

    @work(thread=True, exit_on_error=False, group="keep-open")
    def open_ledger(self) -> None:
        """After the first paint: open the database and load the core behind the sale."""
        from bootstrap.services import identify
        from core.drafts.sale import SaleDraft

        services = self.services
        try:
            draft = SaleDraft(services, loop=services.settings().loop_scan)
            if not services.identified:
                identify(services)
        except TillError as error:
            self.post_message(self.Ready(None, error))
            return
        self.post_message(self.Ready(draft))

    @on(Ready)
    def ready(self, message: Ready) -> None:
        """Take the scans that waited; offer back a sale a crash left open. A database that
        cannot be opened ends the app with its message, as `till` says it (status 2)."""
        draft = message.draft
        if draft is None:
            error = message.error
            self.app.exit(return_code=2, message=f"till: {error.message if error else ''}")
            return
        early = self.early
        draft.cart = replace(draft.cart, customer=early.customer, phone=early.phone)
        self.draft = draft
        self.show_cart()
        self.app.post_message(LedgerOpened())
        self.inbox.done()
        self.look_for_open_sale()

    def keep_cart(self) -> None:
        """Save the cart if it changed since it was saved last (an empty one clears the file)."""
        cart = self.cart
        if not self.keeping or cart == self.kept:
            return
        self.kept = cart
        self.services.open_sale.keep(cart, self.services.ctx.clock.now())
        self.save_open_sale()

    @work(thread=True, exit_on_error=False, group="keep-save")
    def save_open_sale(self) -> None:
        """Write the cart noted last; a disk that refuses is said once and logged."""
        try:
            self.services.open_sale.flush()
        except OSError as error:
            log.warning("cannot save the open sale", exc_info=error)
            if not self.save_failed:
                self.save_failed = True
                message = _("The open sale cannot be saved against a crash: {problem}")
                text = message.format(problem=error.strerror or error)
                self.app.call_from_thread(self.notify, text, severity="warning")

    def abandon(self) -> None:
        """The cashier gave the open sale up: it is not offered back."""
        self.keeping = False
        self.services.open_sale.clear()

    @work(thread=True, exit_on_error=False, group="keep-look")
    def look_for_open_sale(self) -> None:
        """Read the sale a crash left open; a damaged file is set aside with one message."""
        store = self.services.open_sale
        try:
            saved = store.read()
        except TillError as error:
            store.set_aside()
            self.post_message(self.Found(None, error.message))
            return
        self.post_message(self.Found(saved))

    @on(Found)
    def offer_open_sale(self, message: Found) -> None:
        """Ask whether to restore the saved sale (or say why it could not be read)."""
        saved = message.saved
        if message.problem:
            note = _("An unfinished sale could not be restored: {problem}")
            self.notify(note.format(problem=message.problem), severity="warning", timeout=10)
        if saved is None or not saved.cart.lines or self.cart.lines:
            self.keeping = True
            self.keep_cart()
            return
        from tui.dialogs.confirm import ConfirmDialog

        cart = saved.cart
        question = _("An unfinished sale from {time} with {count} lines — restore it?")
        when = saved.saved_at.astimezone().strftime("%H:%M")
        facts = [(_("Lines"), str(len(cart.lines))), (_("Total"), money(cart.total))]
        dialog = ConfirmDialog(
            _("Unfinished sale"), facts, (), question.format(time=when, count=len(cart.lines))
        )
        self.app.push_screen(dialog, lambda yes: self._restore(saved, yes))

    def _restore(self, saved: SavedSale, yes: bool | None) -> None:
        if yes:
            self.check_saved_sale(saved.cart)
        else:
            self.abandon()
            self.keeping = True

    @work(thread=True, exclusive=True, exit_on_error=False, group="keep-restore")
    def check_saved_sale(self, cart: Cart) -> None:
        """Check every saved line against the ledger as it is now."""
        draft = self.draft
        assert draft is not None, "a saved sale is looked for once the draft is there"
        self.post_message(self.Restored(draft.resume(cart)))

    @on(Restored)
    def restored(self, message: Restored) -> None:
        """Put the checked sale in place; say which lines were left out, naming their SNs."""
        resumed = message.resumed
        self.cart = resumed.cart
        self.keeping = True
        self.show_cart()
        if resumed.dropped:
            self.say("! " + " ".join(resumed.dropped), "warning")
        else:
            restored = _("The unfinished sale is back: {count} lines.")
            self.say(restored.format(count=len(resumed.cart.lines)))

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show feedback to the cashier (the sale screen draws it)."""
        raise NotImplementedError

    def show_cart(self, cursor: int | None = None) -> None:
        """Show the cart (the sale screen draws it)."""
        raise NotImplementedError
