"""The sale asks for the SNs of a kit's tracked components, one component after another."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from core.drafts.entry import Scan
from core.drafts.kit_sale import KitPending
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _
from tui.widgets.notice import Kind, Notice

Entry = Callable[[Scan | None], None]
"""Receives each typed or scanned code; None when the cashier leaves the kit out (Esc)."""


class KitPrompt(Dialog[None]):
    """A view of the kit being rung up; the sale screen checks codes and closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", N_("Leave out")),
    ]

    def __init__(self, kit: KitPending, on_entry: Entry) -> None:
        super().__init__(classes="prompt-dialog")
        self.kit = kit
        self.on_entry = on_entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Kit")
            yield Static(f"{self.kit.name} ({self.kit.sku})", id="product", markup=False)
            yield Static(self._asking(self.kit), id="state", markup=False)
            yield Input(placeholder=_("scan or type the serial number"), id="scan")
            yield Notice(id="said")
            yield Static(self._parts(self.kit), id="parts", markup=False)
            yield Static(
                _("Any order. Enter on empty: done (soft parts without SN). Esc: leave out."),
                classes="hint",
                markup=False,
            )

    def show(self, kit: KitPending) -> None:
        """Show the component asked for next and the SNs placed so far."""
        self.kit = kit
        self.query_one("#product", Static).update(f"{kit.name} ({kit.sku})")
        self.query_one("#state", Static).update(self._asking(kit))
        self.query_one("#parts", Static).update(self._parts(kit))

    def say(self, text: str, kind: Kind = "info") -> None:
        """Show what became of the last code."""
        self.query_one(Notice).say(text, kind)

    @staticmethod
    def _asking(kit: KitPending) -> str:
        slot = kit.asking
        added = _("added: {count}").format(count=kit.added) if kit.added else ""
        if slot is None:
            return added
        placed = next(len(p) for s, p in zip(kit.slots, kit.placed, strict=True) if s is slot)
        text = _("Scan the SN of {component}").format(component=slot.name)
        if slot.quantity > 1:
            text += f" ({placed + 1}/{slot.quantity})"
        return f"{text}   {added}".rstrip()

    @staticmethod
    def _parts(kit: KitPending) -> str:
        rows = []
        for slot, placed in zip(kit.slots, kit.placed, strict=True):
            if slot.tracking == "none":
                serials = _("no SN")
            else:
                serials = ", ".join(placed) or "…"
            count = f" ×{slot.quantity}" if slot.quantity > 1 else ""
            rows.append(f"{slot.name}{count}: {serials}")
        return "\n".join(rows)

    @on(Input.Submitted, "#scan")
    def entered(self, event: Input.Submitted) -> None:
        """Hand the code to the sale and clear the field for the next one."""
        event.stop()
        event.input.clear()
        self.on_entry(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """A scanner's code goes to the sale as it came, never through the field."""
        self.on_entry(scan)
        return True

    def action_done(self) -> None:
        """Leave the kit out of the sale."""
        self.on_entry(None)
