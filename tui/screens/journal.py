"""The action journal in the back office: who did what and when, filtered by user and kind,
and the tamper-evident chain checked on one key."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap.services import Services
from core.views import ChainReport, JournalRow
from tui.dialogs.entry import EntryDialog
from tui.i18n import N_, _
from tui.screens.back_office import BackOfficeScreen
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

KINDS = (
    None,
    "sign_in",
    "sign_in_failed",
    "locked",
    "approval",
    "refusal",
    "void_line",
    "price_override",
    "settings",
    "card_reprint",
)
"""The kinds F9 steps through; None shows every kind."""

KIND_WORDS = {
    "sign_in": N_("signed in"),
    "sign_in_failed": N_("wrong PIN"),
    "locked": N_("locked out"),
    "sign_out": N_("signed out"),
    "approval": N_("approved"),
    "refusal": N_("refused"),
    "void_line": N_("line voided"),
    "price_override": N_("price changed"),
    "settings": N_("settings"),
    "card_reprint": N_("card reprinted"),
    "user_added": N_("user added"),
    "user_changed": N_("user changed"),
}
"""Each kind of entry as the journal screen names it."""


def kind_word(kind: str | None) -> str:
    """A kind of entry in the cashier's language (its code when the screen has no word)."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind or _("all")


class JournalScreen(BackOfficeScreen):
    """The last entries, newest at the bottom; F8 one user's, F9 one kind, F10 the chain."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "user", N_("User")),
        Binding("f9", "kind", N_("Kind")),
        Binding("f10", "verify", N_("Verify")),
    ]

    class Loaded(Message):
        """The journal's entries under the filters."""

        def __init__(self, rows: list[JournalRow]) -> None:
            super().__init__()
            self.rows = rows

    class Verified(Message):
        """The chain walked."""

        def __init__(self, report: ChainReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.user: str | None = None
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Journal"), self.services)
        yield BackOfficeTabs("journal")
        yield Static("", id="filters", classes="totals", markup=False)
        yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("When"), _("What"), _("Who"), _("Approved"), _("Doc"), _("Detail"))
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-load")
    def load(self) -> None:
        """Read the entries under the filters."""
        self.post_message(self.Loaded(self.services.office.journal(self.user, self.kind)))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the entries, the newest selected."""
        table = self.query_one(DataTable)
        table.clear()
        for row in message.rows:
            table.add_row(
                row.at.strftime("%d.%m %H:%M"),
                kind_word(row.kind),
                row.user,
                row.approver or "",
                row.document or "",
                (row.detail or "")[:60],
            )
        if message.rows:
            table.move_cursor(row=len(message.rows) - 1)
        shown = _("User: {user}   Kind: {kind}   Entries: {count}").format(
            user=self.user or _("all"), kind=kind_word(self.kind), count=len(message.rows)
        )
        self.query_one("#filters", Static).update(shown)

    def action_user(self) -> None:
        """Show one user's entries (what they did and what they approved); empty: everyone."""
        dialog = EntryDialog(_("Journal"), _("User (empty: all)"), self.user or "")
        self.app.push_screen(dialog, self._user_given)

    def _user_given(self, text: str | None) -> None:
        if text is not None:
            self.user = text.strip() or None
            self.load()

    def action_kind(self) -> None:
        """Step to the next kind of entry."""
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.load()

    def action_verify(self) -> None:
        """Walk the tamper-evident chain."""
        self.query_one(Notice).progress(_("Checking the chain…"))
        self.verify()

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-verify")
    def verify(self) -> None:
        """Walk the chain on a snapshot."""
        self.post_message(self.Verified(self.services.office.verify_chain()))

    @on(Verified)
    def verified(self, message: Verified) -> None:
        """Say whether the chain is intact, or name the first row changed."""
        report = message.report
        if report.ok:
            text = _("Chain intact: {links} links, head {head}…").format(
                links=report.links, head=report.head_hash[:16]
            )
            self.query_one(Notice).say(text, "done")
        else:
            self.query_one(Notice).say(
                _("Chain BROKEN: {first}").format(first=report.messages[0]), "error"
            )
