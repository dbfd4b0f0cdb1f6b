"""Shop settings the manager changes in the app: print modes and the loop-scan default.

The configuration file gives each one's default; a value saved here wins on every till that
shares the database."""

from __future__ import annotations

from dataclasses import fields, replace

from core.config import SaleConfig
from core.domain.errors import InputError
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.printing import PrintMode
from core.views import ShopSettings


def defaults(sale: SaleConfig) -> ShopSettings:
    """The settings as the configuration file gives them."""
    return ShopSettings(sale.loop_scan, PrintMode(sale.receipts), PrintMode(sale.warranty_cards))


def load(uow: UnitOfWork, sale: SaleConfig) -> ShopSettings:
    """The settings in force: saved values over the configuration's defaults."""
    current = defaults(sale)
    stored = uow.settings.all()
    if "loop_scan" in stored:
        current = replace(current, loop_scan=stored["loop_scan"] == "true")
    modes = {m.value for m in PrintMode}
    if stored.get("receipts") in modes:
        current = replace(current, receipts=PrintMode(stored["receipts"]))
    if stored.get("warranty_cards") in modes:
        current = replace(current, warranty_cards=PrintMode(stored["warranty_cards"]))
    return current


def save(uow: UnitOfWork, settings: ShopSettings) -> ShopSettings:
    """Store every setting in one transaction."""
    if not isinstance(settings.loop_scan, bool):
        raise InputError(_("Loop scanning is either on or off."))
    with uow:
        for field in fields(settings):
            value = getattr(settings, field.name)
            text = ("true" if value else "false") if isinstance(value, bool) else str(value.value)
            uow.settings.put(field.name, text)
    return settings
