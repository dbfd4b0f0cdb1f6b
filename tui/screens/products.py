"""The catalogue: products found by name or SKU; Enter changes one, F8 adds one."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from bootstrap.services import Services
from core.domain.catalogue import Product
from core.domain.errors import TillError
from core.domain.money import parse_money
from tui.dialogs.form import Answer, FormDialog
from tui.i18n import N_, _, money
from tui.messages import Refused
from tui.screens import product_form
from tui.screens.back_office import BackOfficeScreen
from tui.screens.type_form import parse_warranty
from tui.widgets.back_office_tabs import BackOfficeTabs
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lines_table import LinesTable
from tui.widgets.notice import Notice
from tui.widgets.status_bar import StatusBar

COLUMNS = (
    ("sku", N_("SKU")),
    ("name", N_("Name")),
    ("type", N_("Type")),
    ("tracking", N_("Tracking")),
    ("price", N_("Price")),
)
WIDTHS = {"sku": 10, "type": 18, "tracking": 8, "price": 10}


class ProductsScreen(BackOfficeScreen):
    """Type part of a name or SKU and Enter to search; Enter on a row opens its form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "new", N_("New product")),
        Binding("f9", "inactive", N_("Inactive too")),
        Binding("f10", "app.switch_mode('quantities')", N_("Quantities")),
    ]

    class Loaded(Message):
        """The products found, and what was just done."""

        def __init__(self, products: list[Product], said: str = "") -> None:
            super().__init__()
            self.products, self.said = products, said

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.products: list[Product] = []
        self.text = ""
        self.inactive = False

    def compose(self) -> ComposeResult:
        yield StatusBar(_("Products"), self.services)
        yield BackOfficeTabs("products")
        yield Static("", classes="totals", id="summary", markup=False)
        yield LinesTable(id="products")
        yield Notice(id="notice")
        yield Input(placeholder=_("Part of a name or SKU, then Enter"), id="scan")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(LinesTable)
        table.set_columns([(k, _(t)) for k, t in COLUMNS], WIDTHS, "name", right={"price"})
        self.query_one("#scan", Input).focus()
        self.search()

    def search(self, said: str = "") -> None:
        """Find the products again with the text and choice in force."""
        text, inactive = self.text, self.inactive
        self.run(lambda: self.Loaded(self.services.office.products(text, inactive=inactive), said))

    @work(thread=True, exclusive=True, exit_on_error=False, group="products")
    def run(self, ask: Callable[[], Loaded]) -> None:
        """Read or change the catalogue in a worker."""
        try:
            self.post_message(ask())
        except TillError as error:
            self.post_message(Refused(error))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        """Show the products found."""
        self.products = message.products
        table = self.query_one(LinesTable)
        table.clear()
        for p in self.products:
            name = p.name if p.active else f"{p.name} ({_('inactive')})"
            price = Text(money(p.price), justify="right")
            table.add_row(p.sku, name, p.type_path, p.tracking.value, price)
        found = _("Products: {count}").format(count=len(self.products))
        self.query_one("#summary", Static).update(f"{found}   {self.text}".rstrip())
        if message.said:
            self.query_one(Notice).say(message.said, "done")

    @on(Input.Submitted, "#scan")
    def typed(self, event: Input.Submitted) -> None:
        """Search for the typed text (a scanned barcode finds its product)."""
        event.stop()
        self.text = event.value.strip()
        self.search()

    def action_inactive(self) -> None:
        """Show products out of the range too, or hide them again."""
        self.inactive = not self.inactive
        self.search()

    @on(DataTable.RowSelected)
    def edit(self, event: DataTable.RowSelected) -> None:
        """Enter: the product's form."""
        event.stop()
        if not 0 <= event.cursor_row < len(self.products):
            return
        product = self.products[event.cursor_row]
        form = FormDialog(
            _("Product {sku}").format(sku=product.sku),
            product_form.edit_fields(product),
            _(product_form.HINT),
            check=lambda a: product_form.problem(lambda: product_form.change(product, a)),
        )
        self.app.push_screen(form, lambda answer: self._changed(product, answer))

    def _changed(self, product: Product, answer: Answer | None) -> None:
        if answer is None:
            return
        command = product_form.change(product, answer)
        office = self.services.office

        def save() -> ProductsScreen.Loaded:
            done = office.change_product(command)
            said = ", ".join(f"{c.field}: {c.old} → {c.new}" for c in done.changes)
            found = office.products(self.text, inactive=self.inactive)
            return self.Loaded(found, said or _("Nothing changed."))

        self.run(save)

    def action_new(self) -> None:
        """F8: a new product's form."""
        form = FormDialog(_("New product"), product_form.new_fields(), _(product_form.HINT))
        self.app.push_screen(form, self._added)

    def _added(self, answer: Answer | None) -> None:
        if answer is None:
            return
        office, typed = self.services.office, answer

        def add() -> ProductsScreen.Loaded:
            product = office.add_product(
                typed["sku"],
                typed["name"],
                typed["type"],
                parse_money(typed["price"] or "0"),
                tuple(typed["barcode"].split()),
                parse_warranty(typed["warranty"]),
            )
            found = office.products(self.text, inactive=self.inactive)
            return self.Loaded(found, _("Added {sku}.").format(sku=product.sku))

        self.run(add)

    @on(Refused)
    def refused(self, message: Refused) -> None:
        """Show what the core refused; nothing changed."""
        self.refuse(message.error)
