"""A product type's own settings as the manager types them: shown, read back, None to inherit."""

from __future__ import annotations

import re

from core.domain.catalogue import TypePolicy, TypeSettings, parse_tracking, validate_type
from core.domain.errors import InputError
from core.domain.warranty import WarrantyPeriod
from tui.dialogs.form import Answer, Field
from tui.i18n import N_, _

YES = frozenset(("yes", "y", "так", "т", "1", "true", "on"))
NO = frozenset(("no", "n", "ні", "н", "0", "false", "off"))
_WARRANTY = re.compile(r"^(\d+)\s*([^\d\s]*)$")


def warranty_text(period: WarrantyPeriod) -> str:
    """A period as it is typed: ``12m`` or ``14d`` (``12м``, ``14д`` in Ukrainian)."""
    if period.days:
        return _("{count}d").format(count=period.days)
    return _("{count}m").format(count=period.months)


def parse_warranty(text: str) -> WarrantyPeriod | None:
    """``12``, ``12m``, ``12 міс`` (months) or ``14d``, ``14 дн`` (days); None when empty."""
    typed = text.strip().lower()
    if not typed:
        return None
    match = _WARRANTY.match(typed)
    if match is None or match.group(2)[:1] not in ("", "m", "м", "d", "д"):
        raise InputError(_("Write the warranty as 12m (months) or 14d (days)."))
    number, unit = int(match.group(1)), match.group(2)[:1]
    return WarrantyPeriod(days=number) if unit in ("d", "д") else WarrantyPeriod(months=number)


def parse_yes_no(text: str) -> bool | None:
    """``yes``/``так`` or ``no``/``ні``; None when empty."""
    typed = text.strip().lower()
    if not typed:
        return None
    if typed in YES | NO:
        return typed in YES
    raise InputError(_("Answer yes or no (or leave it empty to inherit)."))


def yes_no(value: bool) -> str:
    """A yes/no setting in words."""
    return _("yes") if value else _("no")


HINT = N_(
    "Tracking: none, soft or strict. Warranty: 12m or 14d. SN check: imei. "
    "Upper-case: yes or no. An empty field inherits from the parent type."
)
"""What the type form's fields take."""


def fields(node: TypeSettings, parent: TypePolicy) -> list[Field]:
    """The form of a type node: its own values, and beside each what it would inherit."""

    def inherits(value: str | None) -> str:
        return _("inherits: {value}").format(value=value or "-")

    rule = parent.rule
    own_case = "" if node.sn_uppercase is None else yes_no(node.sn_uppercase)
    return [
        Field(
            "tracking",
            _("Tracking"),
            node.tracking.value if node.tracking else "",
            inherits(parent.tracking.value),
        ),
        Field(
            "warranty",
            _("Warranty"),
            warranty_text(node.warranty) if node.warranty else "",
            inherits(warranty_text(parent.warranty)),
        ),
        Field("sn_pattern", _("SN pattern"), node.sn_pattern or "", inherits(rule.pattern)),
        Field("sn_check", _("SN check"), node.sn_check or "", inherits(rule.check)),
        Field("sn_uppercase", _("Upper-case SNs"), own_case, inherits(yes_no(rule.uppercase))),
        Field(
            "card_template",
            _("Card template"),
            node.card_template or "",
            inherits(parent.card_template or _("global")),
        ),
    ]


def settings(path: str, answer: Answer) -> TypeSettings:
    """The node's settings from the form; an empty field inherits."""
    return validate_type(
        TypeSettings(
            path=path,
            tracking=parse_tracking(answer["tracking"]) if answer["tracking"].strip() else None,
            warranty=parse_warranty(answer["warranty"]),
            sn_pattern=answer["sn_pattern"].strip() or None,
            sn_check=answer["sn_check"].strip().lower() or None,
            sn_uppercase=parse_yes_no(answer["sn_uppercase"]),
            card_template=answer["card_template"].strip() or None,
        )
    )


def problem(path: str, answer: Answer) -> str | None:
    """What is wrong with the form, or None when the core would take it."""
    try:
        settings(path, answer)
    except InputError as error:
        return error.message
    return None
