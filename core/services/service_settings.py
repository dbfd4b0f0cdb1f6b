"""The shop's service settings: the return window, the repair term and the warranty extension.

The configuration file's ``[service]`` gives each one's default; a value saved here wins on
every till that shares the database."""

from __future__ import annotations

from dataclasses import replace

from core.config import ServiceConfig
from core.domain.errors import InputError
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.repair_views import ServiceSettings

MOST_DAYS = 3650
"""The longest return window or repair term, in days."""

_PREFIX = "service."


def defaults(config: ServiceConfig) -> ServiceSettings:
    """The settings as the configuration file gives them."""
    return ServiceSettings(
        config.return_window_days, config.repair_term_days, config.extend_warranty
    )


def load(uow: UnitOfWork, config: ServiceConfig) -> ServiceSettings:
    """The settings in force: saved values over the configuration's defaults."""
    current = defaults(config)
    stored = uow.settings.all()
    window = _days(stored.get(_PREFIX + "return_window_days"))
    if window is not None:
        current = replace(current, return_window_days=window)
    term = _days(stored.get(_PREFIX + "repair_term_days"))
    if term is not None:
        current = replace(current, repair_term_days=term)
    if _PREFIX + "extend_warranty" in stored:
        current = replace(current, extend_warranty=stored[_PREFIX + "extend_warranty"] == "true")
    return current


def save(uow: UnitOfWork, settings: ServiceSettings) -> ServiceSettings:
    """Store every service setting in one transaction."""
    for label, days in (
        (_("The return window"), settings.return_window_days),
        (_("The repair term"), settings.repair_term_days),
    ):
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MOST_DAYS:
            raise InputError(
                _("{setting} is a number of days from 0 to {most}.").format(
                    setting=label, most=MOST_DAYS
                )
            )
    if not isinstance(settings.extend_warranty, bool):
        raise InputError(_("Extending the warranty is either on or off."))
    with uow:
        uow.settings.put(_PREFIX + "return_window_days", str(settings.return_window_days))
        uow.settings.put(_PREFIX + "repair_term_days", str(settings.repair_term_days))
        uow.settings.put(
            _PREFIX + "extend_warranty", "true" if settings.extend_warranty else "false"
        )
    return settings


def _days(text: str | None) -> int | None:
    """A stored number of days, or None when missing or out of range."""
    if text is None or not text.isdigit() or int(text) > MOST_DAYS:
        return None
    return int(text)
