"""Document kinds and payment methods in the cashier's words."""

from __future__ import annotations

from tui.i18n import N_, _

KINDS = {
    "sale": N_("sale"),
    "customer_return": N_("return"),
    "receipt": N_("goods in"),
    "supplier_return": N_("to supplier"),
    "write_off": N_("write-off"),
    "correction": N_("correction"),
    "count": N_("count"),
    "transfer": N_("transfer"),
    "arrival": N_("arrival"),
}
"""The declared kinds the shop meets every day; another kind shows by its stored name."""

PAYMENTS = {"cash": N_("cash"), "card": N_("card")}


def kind_word(kind: str) -> str:
    """A document kind in a word."""
    return _(KINDS[kind]) if kind in KINDS else kind


def payment_word(payment: str | None) -> str:
    """A payment method in a word (empty when the document has none)."""
    if payment is None:
        return ""
    return _(PAYMENTS[payment]) if payment in PAYMENTS else payment
