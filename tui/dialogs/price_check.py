"""A price check: the product or unit a scanned code names, its price and stock; the sale
stays untouched."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.domain.units import state_name
from core.views import PriceCheck
from tui.dialogs.dialog import Dialog
from tui.i18n import N_, _, day, money
from tui.widgets.notice import Notice


def check_text(found: PriceCheck) -> str:
    """The looked-up facts, one a line."""
    lines = [
        found.name,
        _("SKU: {sku}   Tracking: {tracking}").format(sku=found.sku, tracking=found.tracking),
        _("Price: {price}").format(price=money(found.price)),
        _("In stock: {count}").format(count=found.in_stock),
    ]
    unit = found.unit
    if unit is not None:
        lines.append(
            _("SN {serial}: {state}").format(serial=unit.serial, state=state_name(unit.state))
        )
        if unit.warranty_end is not None:
            text = (
                _("Warranty until {end}: active")
                if unit.warranty_active
                else _("Warranty until {end}: expired")
            )
            lines.append(text.format(end=day(unit.warranty_end)))
    return "\n".join(lines)


class PriceCheckDialog(Dialog[None]):
    """Looks up one code and shows what it is; Esc or Enter closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", N_("Close")),
    ]

    class Found(Message):
        """The look-up's answer."""

        def __init__(self, found: PriceCheck | None, error: TillError | None = None) -> None:
            super().__init__()
            self.found, self.error = found, error

    def __init__(self, services: Services, code: str) -> None:
        super().__init__(classes="entry-dialog")
        self.services, self.code = services, code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = _("Price check: {code}").format(code=self.code.strip())
            yield Static("", id="facts", markup=False)
            yield Notice(id="said")
            yield Static(_("Esc: back to the sale (nothing was added)"), classes="keys")

    def on_mount(self) -> None:
        self.query_one(Notice).progress(_("Looking it up"))
        self.look_up()

    @work(thread=True, exclusive=True, exit_on_error=False, group="price-check")
    def look_up(self) -> None:
        """Ask the core (it reads, never writes)."""
        try:
            self.post_message(self.Found(self.services.office.price_check(self.code)))
        except TillError as error:
            self.post_message(self.Found(None, error))

    @on(Found)
    def found(self, message: Found) -> None:
        """Show the facts, or why there are none."""
        notice = self.query_one(Notice)
        if message.found is None:
            notice.say(message.error.message if message.error else "", "error")
            self.app.bell()
            return
        notice.say("")
        self.query_one("#facts", Static).update(check_text(message.found))

    def action_close(self) -> None:
        """Back to the sale."""
        self.dismiss(None)
