"""Shop settings: the config gives defaults, values saved in the database win."""

from __future__ import annotations

from core.config import SaleConfig
from core.printing import PrintMode
from core.services import shop_settings
from core.views import ShopSettings
from tests.shop import Shop


def test_settings_default_to_the_config_file(shop: Shop) -> None:
    """Nothing saved: the [sale] section decides."""
    loaded = shop_settings.load(shop.uow, SaleConfig(loop_scan=False, warranty_cards="never"))
    assert loaded == ShopSettings(False, PrintMode.AUTO, PrintMode.NEVER)


def test_saved_settings_win_over_the_config_file(shop: Shop) -> None:
    """What the manager saved in the app applies on every till sharing the database."""
    shop_settings.save(shop.uow, ShopSettings(True, PrintMode.OFFER, PrintMode.AUTO))
    loaded = shop_settings.load(shop.uow, SaleConfig(loop_scan=False, warranty_cards="never"))
    assert loaded == ShopSettings(True, PrintMode.OFFER, PrintMode.AUTO)
