"""The service settings as a form: return window, repair term, warranty extension."""

from __future__ import annotations

from core.repair_views import ServiceSettings
from tui.dialogs.form import Answer, Field
from tui.i18n import _

MOST_DAYS = 3650
"""The longest return window or repair term the form takes."""


def service_text(service: ServiceSettings) -> str:
    """The service settings, one a line, with the key that changes them."""
    extend = _("on") if service.extend_warranty else _("off")
    return _(
        "Ctrl+E Return {window} d, repair term {term} d, warranty + days in repair: {extend}"
    ).format(window=service.return_window_days, term=service.repair_term_days, extend=extend)


def fields(service: ServiceSettings) -> list[Field]:
    """The form's fields with the settings in force."""
    return [
        Field("window", _("Return window, days"), str(service.return_window_days)),
        Field("term", _("Repair term, days"), str(service.repair_term_days), _("then overdue")),
        Field(
            "extend",
            _("Extend warranty"),
            _("yes") if service.extend_warranty else _("no"),
            _("by the days in repair: yes or no"),
        ),
    ]


def problem(answer: Answer) -> str | None:
    """What is wrong with the form, or None."""
    for key in ("window", "term"):
        text = answer[key].strip()
        if not text.isdigit() or int(text) > MOST_DAYS:
            return _("Days are a whole number from 0 to {most}.").format(most=MOST_DAYS)
    if answer["extend"].strip().lower() not in (_("yes"), _("no"), "yes", "no"):
        return _("Extend warranty: yes or no.")
    return None


def settings(answer: Answer) -> ServiceSettings:
    """The settings the form gives."""
    extend = answer["extend"].strip().lower() in (_("yes"), "yes")
    return ServiceSettings(int(answer["window"]), int(answer["term"]), extend)
