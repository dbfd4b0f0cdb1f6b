"""The manager's settings: the product-type tree per node, print modes and loop scanning."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from bootstrap.services import Services
from core.domain.catalogue import TypePolicy, TypeSettings, resolve
from core.domain.errors import TillError
from core.domain.limits import escaped
from core.printing import PrintMode
from core.repair_views import ServiceSettings
from core.views import ShopSettings
from tui.dialogs.entry import EntryDialog
from tui.dialogs.form import Answer, FormDialog
from tui.i18n import N_, _
from tui.messages import Refused
from tui.screens import service_form, type_form
from tui.screens.back_office import BackOfficeScreen
from tui.screens.service_form import service_text
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar
from tui.widgets.type_table import Node, TypeTable, tree_order

MODES = {
    PrintMode.AUTO: N_("print automatically"),
    PrintMode.OFFER: N_("offer to print"),
    PrintMode.NEVER: N_("do not print"),
}
"""Print modes in words, in the order F8 and F9 step through them."""


def next_mode(mode: PrintMode) -> PrintMode:
    """The print mode after this one."""
    order = list(MODES)
    return order[(order.index(mode) + 1) % len(order)]


def shop_text(shop: ShopSettings) -> str:
    """The shop settings, one a line, with the key that changes each."""
    loop = _("on") if shop.loop_scan else _("off")
    return "\n".join(
        (
            _("F8  Sale receipt:    {mode}").format(mode=_(MODES[shop.receipts])),
            _("F9  Warranty cards:  {mode}").format(mode=_(MODES[shop.warranty_cards])),
            _("F10 Loop scanning of SNs at the sale: {loop}").format(loop=loop),
        )
    )


class SettingsScreen(BackOfficeScreen):
    """Enter changes the type under the cursor; F8-F10 change the shop's print and scan settings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "receipts", N_("Receipt")),
        Binding("f9", "cards", N_("Cards")),
        Binding("f10", "loop", N_("Loop")),
        Binding("ctrl+e", "service", N_("Service"), key_display="Ctrl+E"),
        Binding("ctrl+n", "new_type", N_("New type"), show=False, key_display="Ctrl+N"),
    ]

    class Loaded(Message):
        """The type tree and the shop settings as saved."""

        def __init__(
            self,
            nodes: list[Node],
            shop: ShopSettings,
            said: str = "",
            service: ServiceSettings | None = None,
        ) -> None:
            super().__init__()
            self.nodes = nodes
            self.shop = shop
            self.service = service
            self.said = said
            """What was just saved, if anything."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.nodes: list[Node] = []
        self.shop: ShopSettings | None = None
        self.service: ServiceSettings | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Settings"), self.services)
        yield BackOfficeTabs("settings")
        legend = _("Dimmed: not set here; ^ from a parent type.   Enter: change the type.")
        yield Static(legend, classes="totals", markup=False)
        yield TypeTable(id="types")
        yield Static("", id="shop", classes="shop-settings", markup=False)
        yield Notice(id="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TypeTable).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-load")
    def load(self) -> None:
        """Read the type tree and the shop settings."""
        self.post_message(self.read())

    def read(self, said: str = "") -> Loaded:
        """The type tree and the shop settings as saved now (in a worker)."""
        nodes = tree_order(self.services.office.type_tree())
        service = self.services.desk.settings()
        return self.Loaded(nodes, self.services.settings(), said, service)

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the tree and the shop settings."""
        self.nodes, self.shop = message.nodes, message.shop
        table = self.query_one(TypeTable)
        table.show(self.nodes, table.cursor_row)
        self.service = message.service
        text = escaped(shop_text(message.shop))
        if message.service is not None:
            text += "\n" + escaped(service_text(message.service))
        self.query_one("#shop", Static).update(text)
        if message.said:
            self.query_one(Notice).say(message.said, "done")

    def parent_policy(self, node: TypeSettings) -> TypePolicy:
        """What the node inherits: its nearest existing ancestor's settings, or the defaults."""
        known = {settings.path: policy for settings, policy in self.nodes}
        parent = node.path.rpartition("/")[0]
        while parent and parent not in known:
            parent = parent.rpartition("/")[0]
        return known.get(parent, resolve([]))

    @on(DataTable.RowSelected, "#types")
    def edit(self, event: DataTable.RowSelected) -> None:
        """Change a type's own settings; an emptied field goes back to inheriting."""
        event.stop()
        self.open_form(self.nodes[event.cursor_row][0])

    def action_new_type(self) -> None:
        """Ctrl+N: a new type's path, then its form (what it would inherit shown beside)."""
        label = _("Path, like Electronics/Phones (missing parents are created):")
        self.app.push_screen(EntryDialog(_("New product type"), label), self._named)

    def _named(self, path: str | None) -> None:
        if path is None or not path.strip():
            return
        clean = "/".join(part.strip() for part in path.strip().strip("/").split("/"))
        self.open_form(TypeSettings(path=clean))

    def open_form(self, node: TypeSettings) -> None:
        """The form of a type node: its own values, and beside each what it inherits."""
        form = FormDialog(
            _("Product type {path}").format(path=node.path),
            type_form.fields(node, self.parent_policy(node)),
            _(type_form.HINT),
            check=lambda answer: type_form.problem(node.path, answer),
        )
        self.app.push_screen(form, lambda answer: self._edited(node.path, answer))

    def _edited(self, path: str, answer: Answer | None) -> None:
        if answer is not None:
            self.save_type(type_form.settings(path, answer))

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def save_type(self, settings: TypeSettings) -> None:
        """Save a type node, then read everything again."""
        try:
            policy = self.services.office.set_type(settings)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            said = _("Saved {path}: tracking {tracking}, warranty {warranty}.").format(
                path=policy.path,
                tracking=policy.tracking.value,
                warranty=policy.warranty.describe(),
            )
            self.post_message(self.read(said))

    def action_receipts(self) -> None:
        """The next print mode for sale receipts."""
        if self.shop is not None:
            self.save_shop(replace(self.shop, receipts=next_mode(self.shop.receipts)))

    def action_cards(self) -> None:
        """The next print mode for warranty cards."""
        if self.shop is not None:
            self.save_shop(replace(self.shop, warranty_cards=next_mode(self.shop.warranty_cards)))

    def action_loop(self) -> None:
        """Loop scanning of serial numbers on or off by default."""
        if self.shop is not None:
            self.save_shop(replace(self.shop, loop_scan=not self.shop.loop_scan))

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def save_shop(self, shop: ShopSettings) -> None:
        """Save the shop settings, then read everything again."""
        try:
            self.services.office.save_settings(shop)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(self.read(_("Saved: the next sales follow it.")))

    def action_service(self) -> None:
        """The return window, the repair term and the warranty extension, in one form."""
        if self.service is not None:
            self.app.push_screen(
                FormDialog(
                    _("Service settings"),
                    service_form.fields(self.service),
                    check=service_form.problem,
                ),
                self._service_answered,
            )

    def _service_answered(self, answer: Answer | None) -> None:
        if answer is not None:
            self.save_service(service_form.settings(answer))

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def save_service(self, service: ServiceSettings) -> None:
        """Save the service settings, then read everything again."""
        try:
            self.services.desk.save_settings(service)
        except TillError as error:
            self.post_message(Refused(error))
        else:
            self.post_message(self.read(_("Saved: the service desk follows it.")))

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused; nothing was saved."""
        self.refuse(message.error)
