"""Repair reports on one screen: open orders by status and age (overdue marked), warranty cost
by product and by supplier, units and products repaired more than once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input, Static

from bootstrap.services import Services
from core.domain.errors import TillError
from core.domain.repairs import status_word
from core.drafts.entry import Scan
from core.repair_views import OpenOrderRow, OrderView, WarrantyCostRow
from tui.i18n import N_, _, day, money
from tui.messages import Refused
from tui.screens.till_screen import TillScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from bootstrap.service_desk import ServiceDesk

Rows = tuple[tuple[str, ...], list[tuple[str, ...]]]
"""A report: its column headings and its rows, as text."""


class RepairReportsScreen(TillScreen):
    """One report at a time, chosen by key; typing or scanning an order's number opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "report('open')", N_("Open orders")),
        Binding("f5", "report('product')", N_("Cost by product")),
        Binding("f6", "report('supplier')", N_("Cost by supplier")),
        Binding("f7", "report('repeats')", N_("Repaired again")),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        """A report's rows, or an order to open."""

        def __init__(self, title: str, found: Rows | OrderView) -> None:
            super().__init__()
            self.title = title
            self.found = found

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.current = "open"
        self.rows: list[tuple[str, ...]] = []
        """The lines of the report on screen."""

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Repairs"), self.services)
        yield Static("", id="report", classes="repair-report", markup=False)
        yield Notice(id="notice")
        yield Input(placeholder=_("Order number to open"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.action_report("open")
        self.query_one("#scan", Input).focus()

    def action_report(self, which: str) -> None:
        """Load one report in a worker."""
        self.current = which
        desk = self.services.desk
        loaders: dict[str, tuple[str, Callable[[], Rows]]] = {
            "open": (_("Open orders"), lambda: _open(desk.open_orders())),
            "product": (
                _("Warranty cost by product"),
                lambda: _cost(desk.warranty_cost("product")),
            ),
            "supplier": (
                _("Warranty cost by supplier"),
                lambda: _cost(desk.warranty_cost("supplier")),
            ),
            "repeats": (_("Repaired more than once"), lambda: _repeats(desk)),
        }
        title, load = loaders[which]
        self.load(title, load)

    @work(thread=True, exclusive=True, exit_on_error=False, group="repair-report")
    def load(self, title: str, load: Callable[[], Rows | OrderView]) -> None:
        """Read the report (or the order) from the core."""
        try:
            self.post_message(self.Loaded(title, load()))
        except TillError as error:
            self.post_message(Refused(error, "look"))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Draw the report, or open the order."""
        found = message.found
        if isinstance(found, OrderView):
            from tui.screens.repair_order import RepairOrderScreen

            self.app.push_screen(RepairOrderScreen(self.services, found))
            return
        headers, rows = found
        self.rows = rows
        table = Table(*headers, title=message.title, box=None, padding=(0, 1))
        for row in rows:
            table.add_row(*row)
        self.query_one("#report", Static).update(table)
        self.query_one(Notice).say(_("{count} lines").format(count=len(rows)))

    @on(Input.Submitted, "#scan")
    def typed(self, event: Input.Submitted) -> None:
        """An order's number opens the order."""
        event.stop()
        event.input.clear()
        self.take_scan(Scan.typed(event.value))

    def take_scan(self, scan: Scan) -> bool:
        """A repair slip scanned here opens its order."""
        number = scan.text.strip()
        if number:
            self.load(number, lambda: self.services.desk.order(number))
        return True

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show a refusal."""
        self.refuse(message.error)

    def action_back(self) -> None:
        """Back to the service desk."""
        self.dismiss(None)


def _open(rows: Sequence[OpenOrderRow]) -> Rows:
    headers = (_("Order"), _("SN"), _("Status"), _("Since"), _("Days"), _("Customer"))
    return headers, [
        (
            r.order,
            r.serial,
            status_word(r.status),
            day(r.opened_on),
            f"{r.age_days}{' !' if r.overdue else ''}",
            r.customer or "",
        )
        for r in rows
    ]


def _cost(rows: Sequence[WarrantyCostRow]) -> Rows:
    headers = ("", _("Orders"), _("Parts"), _("Labour"), _("Total"))
    return headers, [
        (r.key, str(r.orders), money(r.parts_cost), money(r.labour), money(r.total)) for r in rows
    ]


def _repeats(desk: ServiceDesk) -> Rows:
    units = desk.repeated("serial")
    products = desk.repeated("product")
    headers = ("", _("Orders"), _("Numbers"))
    return headers, [(r.key, str(r.orders), " ".join(r.numbers)) for r in (*units, *products)]
