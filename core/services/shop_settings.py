"""Shop settings the manager changes in the app: print modes and the loop-scan default.

The configuration file gives each one's default; a value saved here wins on every till that
shares the database."""

from __future__ import annotations

from dataclasses import fields, replace

from core.config import SaleConfig
from core.domain.errors import InputError
from core.domain.permissions import Right
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.printing import PrintMode
from core.services.authority import require, spend_approval
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


def save(uow: UnitOfWork, settings: ShopSettings, ctx: Context | None = None) -> ShopSettings:
    """Store every setting in one transaction; given who is working (``ctx``), a manager's
    right, and the change goes into the journal."""
    if not isinstance(settings.loop_scan, bool):
        raise InputError(_("Loop scanning is either on or off."))
    if ctx is not None:
        require(ctx, Right.SETTINGS)
    with uow:
        if ctx is not None:
            changes = ", ".join(
                f"{f.name}={_text(getattr(settings, f.name))}" for f in fields(settings)
            )
            uow.journal.add(ctx.clock.now(), "settings", ctx.operator, ctx.till, detail=changes)
            spend_approval(uow, ctx, Right.SETTINGS, None)
        for field in fields(settings):
            value = getattr(settings, field.name)
            uow.settings.put(field.name, _text(value))
    return settings


def _text(value: object) -> str:
    """A setting's value as stored: ``true``/``false`` or the choice's value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "value", value))
