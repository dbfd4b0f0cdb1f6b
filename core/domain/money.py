"""Money as integer minor units (kopecks): parsing typed amounts and formatting them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.domain.errors import InputError
from core.domain.limits import MAX_AMOUNT, shown
from core.i18n import _


def parse_money(text: str) -> int:
    """Kopecks from ``1299``, ``1299.5``, ``1 299,50``; refuses more than two decimals."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    cleaned = cleaned.removesuffix("грн").removesuffix("UAH").rstrip(".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise InputError(
            _("“{text}” is not an amount of money: write it like 1299.50.").format(text=text)
        ) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InputError(_("“{text}” has more than two decimal places.").format(text=text))
    if amount < 0:
        raise InputError(
            _("“{text}” is negative; amounts here are never below zero.").format(text=text)
        )
    minor = amount * 100
    if minor > MAX_AMOUNT:
        raise InputError(
            _("“{text}” is more than the till accepts ({limit}).").format(
                text=shown(text), limit=format_money(MAX_AMOUNT, grouped=True)
            )
        )
    return int(minor)


def to_decimal(minor: int) -> Decimal:
    """Kopecks as a Decimal of hryvnias, for JSON and CSV output."""
    return (Decimal(minor) / 100).quantize(Decimal("0.01"))


def format_money(minor: int, *, grouped: bool = False, comma: bool = False) -> str:
    """``129950`` → ``1299.50``; grouped and with a comma: ``1 299,50``."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    digits = f"{whole:,}".replace(",", " ") if grouped else str(whole)
    return f"{sign}{digits}{',' if comma else '.'}{cents:02d}"
