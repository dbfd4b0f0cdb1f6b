"""What the service desk shows of a unit or an order, as label/value rows and short lines."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from core.domain.repairs import Offer, offer_word, status_word
from core.domain.units import state_name
from core.repair_views import IntakeFacts, OrderView
from tui.i18n import _, day, money


def facts_table(rows: list[tuple[str, str]]) -> Table:
    """Label/value rows as a two-column grid, labels bold."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in rows:
        table.add_row(Text(label), Text(value))
    return table


def warranty_words(facts: IntakeFacts) -> str:
    """Warranty days left, or since when it expired, or none."""
    if facts.warranty_end is None or facts.warranty_days_left is None:
        return _("no warranty")
    if facts.warranty_active:
        return _("{days} days left (until {end})").format(
            days=facts.warranty_days_left, end=day(facts.warranty_end)
        )
    return _("expired on {end}").format(end=day(facts.warranty_end))


def offer_words(offers: tuple[Offer, ...]) -> str:
    """The actions that apply, in words."""
    return ", ".join(offer_word(offer) for offer in offers) or "-"


def intake_rows(facts: IntakeFacts) -> list[tuple[str, str]]:
    """Sold by us or not, when, to whom, which sale, warranty, repairs so far."""
    if not facts.known:
        return [
            (_("Serial number"), facts.serial),
            (_("Sold by us"), _("no: the shop never had this SN")),
            (_("Repairs so far"), str(facts.repairs)),
            (_("Can be"), offer_words(facts.offers)),
        ]
    since = "-" if facts.days_since_sale is None else str(facts.days_since_sale)
    window = _("{days} of {window} days").format(days=since, window=facts.return_window_days)
    kit = []
    if facts.kit_sku:
        name = f"{facts.kit_name} ({facts.kit_sku})"
        if facts.kit_serial:
            name = f"{name} {facts.kit_serial}"
        kit = [(_("Sold in a kit"), _("{kit} on {sale}").format(kit=name, sale=facts.sale_doc))]
    return [
        (_("Product"), f"{facts.name} ({facts.sku})"),
        (_("Serial number"), facts.serial),
        (_("State"), state_name(facts.state)),
        (_("Sold by us"), _("yes") if facts.sold_by_us else _("no")),
        (_("Sale"), f"{facts.sale_doc or '-'}  {day(facts.sold_on)}"),
        *kit,
        (_("Customer"), " ".join(p for p in (facts.customer, facts.phone) if p) or "-"),
        (_("Since the sale"), window),
        (_("Warranty"), warranty_words(facts)),
        (_("Repairs so far"), str(facts.repairs)),
        (_("Last complaint"), facts.last_complaint or "-"),
        (_("Open order"), facts.open_order or "-"),
        (_("Can be"), offer_words(facts.offers)),
    ]


def order_rows(view: OrderView) -> list[tuple[str, str]]:
    """An order's header."""
    order = view.order
    kind = _("warranty") if order.warranty else _("paid")
    if order.override_reason:
        kind = f"{kind} ({order.override_reason})"
    status = status_word(order.status)
    if order.status_reason:
        status = f"{status}: {order.status_reason}"
    if view.overdue:
        status = f"{status} — {_('overdue')}"
    return [
        (_("Order"), f"{order.number}  {day(order.opened_on)}"),
        (_("Device"), f"{view.name or ''} {order.unit_serial or order.serial}".strip()),
        (_("Customer"), " ".join(p for p in (order.customer, order.phone) if p) or "-"),
        (_("Complaint"), order.complaint),
        (_("With"), order.accessories or "-"),
        (_("Repair"), kind),
        (_("Status"), status),
    ]


def order_lines(view: OrderView) -> list[str]:
    """Status changes, then parts and labour, then the total, one line each."""
    lines = [
        f"{day(e.on)}  {status_word(e.status)}  {e.operator}"
        + (f"  {e.reason}" if e.reason else "")
        for e in view.events
    ]
    for line in view.lines:
        what = line.sku or "" if line.kind == "part" else line.text or ""
        serial = f" {line.serial}" if line.serial else ""
        lines.append(
            f"{_('part') if line.kind == 'part' else _('labour')}: {what}{serial}"
            f" × {line.quantity}  {money(line.price)}"
        )
    for link in view.links:
        lines.append(_("replaced: {old} → {new}").format(old=link.old_serial, new=link.new_serial))
    lines.append(_("To pay: {total}").format(total=money(view.charges.customer_total)))
    return lines


def decision_rows(facts: IntakeFacts) -> list[tuple[str, str]]:
    """What a return decision adds to the unit's facts: the window and the repairs."""
    since = "-" if facts.days_since_sale is None else str(facts.days_since_sale)
    return [
        (
            _("Return window"),
            _("{days} of {window} days").format(days=since, window=facts.return_window_days),
        ),
        (_("Repairs so far"), str(facts.repairs)),
    ]
