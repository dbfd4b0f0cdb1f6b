"""Warranty tracking: sold units with their warranty, filtered, a page at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import ClassVar

from textual.binding import Binding, BindingType

from bootstrap.services import Services
from core.domain.errors import InputError
from core.reports import Page, WarrantyFilter, WarrantyRow
from tui.dialogs.form import Answer, Field
from tui.i18n import N_, _, day
from tui.screens.location_filter import LocationScreen
from tui.screens.report_screen import Cursor, ReportScreen
from tui.widgets.lines_table import LinesTable
from tui.widgets.warranty_table import WarrantyTable

STATES = {None: N_("all"), True: N_("active"), False: N_("expired")}
"""The warranty states the report shows, in the order F9 steps through them."""

DATE_FIELDS = ("from", "to")


def parse_day(text: str) -> date | None:
    """A date typed as ``02.03.2026`` or ``2026-03-02``; None when empty."""
    text = text.strip()
    if not text:
        return None
    for layout in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise InputError(_("“{text}” is not a date: write it as 02.03.2026.").format(text=text))


def typed_day(value: date | None) -> str:
    """A filter's date as the field shows it (empty when not set)."""
    return value.strftime("%d.%m.%Y") if value is not None else ""


def date_problem(answer: Answer) -> str | None:
    """Why the dates of a filter answer cannot be read, or None."""
    try:
        for key in DATE_FIELDS:
            parse_day(answer[key])
    except InputError as error:
        return error.message
    return None


class WarrantyReportScreen(ReportScreen[WarrantyRow], LocationScreen):
    """Sold units: sale date, customer, period, end and days left; F9 steps through the states."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f9", "state", N_("Active/expired"))]
    TITLE = N_("Warranty tracking")
    MODE = "warranty"

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.filter = WarrantyFilter(as_of=services.ctx.clock.today())

    def make_table(self) -> LinesTable:
        return WarrantyTable(id="report")

    def fetch(self, after: Cursor) -> tuple[Page[WarrantyRow], int]:
        flt = replace(self.filter, as_of=self.services.ctx.clock.today())
        return self.services.office.warranty(flt, after)

    def show_rows(self, cursor: int = 0) -> None:
        self.query_one(WarrantyTable).show(self.rows, cursor)

    def summary(self) -> str:
        flt = self.filter
        who = " ".join(p for p in (flt.product_code, flt.customer, flt.phone, flt.till) if p)
        since = f"{day(flt.sold_from)}..{day(flt.sold_to)}" if flt.sold_from or flt.sold_to else ""
        said = _("Showing: {state}   Filter: {who} {since}").format(
            state=_(STATES[flt.active]), who=who or "-", since=since
        )
        where = self.location_words(flt.site)
        return said.rstrip() + where if where else said

    def show_locations(self) -> None:
        self.show_summary()

    def action_state(self) -> None:
        """All warranties, then active only, then expired only."""
        order = list(STATES)
        following = order[(order.index(self.filter.active) + 1) % len(order)]
        self.filter = replace(self.filter, active=following)
        self.reload()

    def action_filter(self) -> None:
        """Choose a product, a customer or phone, and the sale dates."""
        flt, layout = self.filter, _("dd.mm.yyyy")
        fields = [
            Field("product", _("Product code"), flt.product_code or "", _("SKU or barcode")),
            Field("customer", _("Customer"), flt.customer or "", _("part of the name")),
            Field("phone", _("Phone"), flt.phone or "", _("part of the number")),
            Field("from", _("Sold from"), typed_day(flt.sold_from), layout),
            Field("to", _("Sold to"), typed_day(flt.sold_to), layout),
            Field("till", _("Till"), flt.till or "", _("sold by this till")),
            *self.location_fields(flt.site),
        ]
        self.ask_filter(fields, self._filtered, self.problem)

    def problem(self, answer: Answer) -> str | None:
        """What is wrong with the typed dates or location, or None."""
        return date_problem(answer) or self.location_problem(answer)

    def _filtered(self, answer: Answer) -> None:
        self.filter = replace(
            self.filter,
            product_code=answer["product"].strip() or None,
            customer=answer["customer"].strip() or None,
            phone=answer["phone"].strip() or None,
            sold_from=parse_day(answer["from"]),
            sold_to=parse_day(answer["to"]),
            till=answer["till"].strip() or None,
            site=self.site_typed(answer),
        )
        self.reload()
