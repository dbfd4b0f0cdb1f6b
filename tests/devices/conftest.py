"""Device tests read messages in English, whatever language an earlier test chose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.i18n import language, set_language
from devices.i18n import DOMAINS


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Pin the device and core catalogues to English for one test, then restore."""
    previous = language()
    set_language("en", DOMAINS)
    yield
    set_language(previous, DOMAINS)
