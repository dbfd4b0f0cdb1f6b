"""What the cashier weighs before taking goods back: product, sale, customer, warranty."""

from __future__ import annotations

from datetime import date

from core.domain.units import state_name
from core.views import DocumentView, LineRow, UnitSummary
from tui.i18n import _, day, money


def warranty_text(unit: UnitSummary) -> str:
    """Warranty days left, or since when it has expired, or none."""
    if unit.warranty_end is None or unit.warranty_days_left is None:
        return _("no warranty")
    if unit.warranty_active:
        return _("{days} days left (until {end})").format(
            days=unit.warranty_days_left, end=day(unit.warranty_end)
        )
    return _("expired on {end}").format(end=day(unit.warranty_end))


def unit_facts(unit: UnitSummary) -> list[tuple[str, str]]:
    """Label/value rows describing a sold unit for the return decision."""
    customer = " ".join(part for part in (unit.customer, unit.phone) if part) or "-"
    since = "-" if unit.days_since_sale is None else str(unit.days_since_sale)
    return [
        (_("Product"), f"{unit.name} ({unit.sku})"),
        (_("Serial number"), unit.serial),
        (_("State"), state_name(unit.state)),
        (_("Sale"), f"{unit.sale_doc or '-'}  {day(unit.sold_on)}"),
        (_("Customer"), customer),
        (_("Days since sale"), since),
        (_("Warranty"), warranty_text(unit)),
        (_("Refund"), money(unit.price or 0)),
    ]


def line_facts(
    sale: DocumentView, line: LineRow, refund: int, today: date
) -> list[tuple[str, str]]:
    """Label/value rows describing goods returned by quantity against a sale."""
    ref = sale.header.ref
    return [
        (_("Product"), f"{line.name} ({line.sku})"),
        (_("Sale"), f"{ref.number}  {day(ref.date)}"),
        (_("Customer"), " ".join(part for part in (ref.party, ref.phone) if part) or "-"),
        (_("Days since sale"), str((today - ref.date).days)),
        (_("Refund"), money(refund)),
    ]
