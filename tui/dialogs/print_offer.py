"""After a sale, with printing set to *offer*: print the receipt or the warranty cards now?"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from core.printing import PrintJob
from tui.dialogs import job_text
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _


class PrintOffer(Dialog[bool]):
    """Lists the documents on offer; True on Enter (print them), False on Esc (skip them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,f10", "answer(True)", N_("Print")),
        Binding("escape", "answer(False)", N_("Do not print")),
    ]

    def __init__(self, jobs: list[PrintJob]) -> None:
        super().__init__(classes="print-offer")
        self.jobs = jobs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Print")
            yield Static(job_text.listing(self.jobs), classes="jobs", markup=False)
            yield Static(job_text.question(self.jobs), classes="question", markup=False)
            yield Static(_("Enter: print   Esc: do not print"), classes="keys")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
