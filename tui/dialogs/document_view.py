"""A posted document opened from the journal: header, lines with their SNs, and re-printing
its receipt, warranty cards or SN labels through the print queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.printing import JobKind, PrintJob
from core.views import DocumentView
from tui.dialogs.dialog import Dialog
from tui.document_words import kind_word, payment_word
from tui.i18n import N_, _, day, money
from tui.widgets.notice import Notice


def document_text(view: DocumentView) -> str:
    """The document as lines of text: who, when, how paid, each line with its SNs."""
    head, ref = view.header, view.header.ref
    lines = [
        _("{kind} of {date}, till {till}, {operator}").format(
            kind=kind_word(ref.kind.value),
            date=day(ref.date),
            till=head.till,
            operator=head.operator,
        )
    ]
    if ref.party:
        lines.append(f"{ref.party} {ref.phone or ''}".strip())
    for line, serials in view.lines:
        amount = money(line.quantity * line.unit_amount)
        lines.append(
            f"{line.sku} {line.name}  {line.quantity} × {money(line.unit_amount)} = {amount}"
        )
        lines.extend(f"    SN {serial}" for serial in serials)
    paid = f" ({payment_word(head.payment)})" if head.payment else ""
    lines.append(_("Total: {total}").format(total=money(head.total)) + paid)
    return "\n".join(lines)


class DocumentDialog(Dialog[None]):
    """Shows one document; F6 re-prints its receipt, F7 its cards, F8 its labels; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "reprint('receipt')", N_("Re-print receipt")),
        Binding("f7", "reprint('warranty_card')", N_("Re-print cards")),
        Binding("f8", "reprint('label')", N_("Print SN labels")),
        Binding("escape", "close", N_("Close")),
    ]

    class Loaded(Message):
        """The document, or why it cannot be shown; jobs queued for re-printing."""

        def __init__(
            self,
            view: DocumentView | None = None,
            jobs: list[PrintJob] | None = None,
            error: TillError | None = None,
        ) -> None:
            super().__init__()
            self.view, self.jobs, self.error = view, jobs, error

    def __init__(
        self, services: Services, number: str, print_jobs: Callable[[list[PrintJob]], None]
    ) -> None:
        super().__init__(classes="history-dialog")
        self.services, self.number, self.print_jobs = services, number, print_jobs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Document {number}").format(number=self.number)
            with VerticalScroll(id="histories"):
                yield Static("", id="document", markup=False)
            yield Notice(id="said")
            yield Static(
                _("F6: receipt   F7: warranty cards   F8: SN labels   Esc: close"),
                classes="keys",
            )

    def on_mount(self) -> None:
        self.run(lambda: self.Loaded(view=self.services.office.document(self.number)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="document-view")
    def run(self, ask: Callable[[], Loaded]) -> None:
        """Read the document or queue its re-prints."""
        try:
            self.post_message(ask())
        except TillError as error:
            self.post_message(self.Loaded(error=error))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the document; send queued jobs to the printer; or say what went wrong."""
        notice = self.query_one(Notice)
        if message.error is not None:
            notice.say(message.error.message, "error")
            self.app.bell()
        elif message.view is not None:
            self.query_one("#document", Static).update(document_text(message.view))
        elif message.jobs:
            notice.say(_("Sent to the printer: {count}.").format(count=len(message.jobs)), "done")
            self.print_jobs(message.jobs)

    def action_reprint(self, kind: str) -> None:
        """Queue the chosen printout of this document."""
        chosen, office = JobKind(kind), self.services.office
        self.run(lambda: self.Loaded(jobs=office.queue_reprint(self.number, chosen)))

    def action_close(self) -> None:
        """Back to the journal."""
        self.dismiss(None)
