"""Template contexts shared by the printing tests: a Ukrainian shop, a sale, a warranty card."""

from __future__ import annotations

from typing import Any

SHOP = {"name": "ТОВ «Техносвіт»", "address": "м. Київ, вул. Хрещатик, 1", "phone": "+380441234567"}
SERIAL = "SN-0001234"
VERIFY_URL = "https://example.invalid/w/SN-0001234"


def warranty_context(**overrides: Any) -> dict[str, Any]:
    """A warranty card for a two-part bundle."""
    context: dict[str, Any] = {
        "shop": SHOP,
        "product": {"sku": "GF-1500", "name": "Ґрунтофреза «Їжак» 1500 Вт"},
        "serial": SERIAL,
        "sale": {"number": "S-000123", "date": "2026-03-02"},
        "warranty": {"period": "12 міс.", "end": "2027-03-02"},
        "customer": {"name": "Олена Петренко", "phone": "+380501112233"},
        "components": [
            {"sku": "KN-1", "name": "Ножі запасні", "serial": None},
            {"sku": "MT-1", "name": "Мотор", "serial": "M-77"},
        ],
        "verify_url": VERIFY_URL,
    }
    context.update(overrides)
    return context


def receipt_context(**overrides: Any) -> dict[str, Any]:
    """A sale of one serialised product and one plain one, paid in cash."""
    context: dict[str, Any] = {
        "shop": SHOP,
        "document": {"number": "S-000123", "date": "02.03.2026 10:00", "kind": "sale"},
        "customer": None,
        "lines": [
            {
                "sku": "GF-1500",
                "name": "Ґрунтофреза «Їжак» 1500 Вт",
                "quantity": 1,
                "unit_price": "1 299,00 грн",
                "total": "1 299,00 грн",
                "serials": [SERIAL],
                "warranty_end": "2027-03-02",
            },
            {
                "sku": "BAG",
                "name": "Пакет",
                "quantity": 2,
                "unit_price": "2,00 грн",
                "total": "4,00 грн",
                "serials": [],
                "warranty_end": None,
            },
        ],
        "total": "1 303,00 грн",
        "payment": {"method": "Готівка", "tendered": "1 500,00 грн", "change": "197,00 грн"},
    }
    context.update(overrides)
    return context


def label_context() -> dict[str, Any]:
    """An SN label for a receipt printer."""
    return {
        "product": {"sku": "GF-1500", "name": "Ґрунтофреза «Їжак»", "price": "1 299,00 грн"},
        "serial": SERIAL,
    }
