"""Device messages follow the till's language: English source, Ukrainian catalogue."""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from core.i18n import set_language
from devices.i18n import DOMAINS, LOCALE_DIR
from devices.print.errors import PaperOut, PrinterConfigError
from devices.print.printer import ReceiptPrinter
from devices.print.settings import PrinterSettings
from devices.print.status import Paper
from devices.print.transports import MemoryTransport, transport_for_url
from devices.scan.base import ScannerError

CATALOGUE = LOCALE_DIR / "uk" / "LC_MESSAGES" / "devices.po"


@pytest.fixture
def ukrainian() -> Iterator[None]:
    """Ukrainian for the length of one test."""
    set_language("uk", DOMAINS)
    yield
    set_language("en", DOMAINS)


def test_bad_printer_address_is_explained_in_ukrainian(ukrainian: None) -> None:
    """The message and its title are translated; the examples stay literal."""
    with pytest.raises(PrinterConfigError) as caught:
        transport_for_url("lpt1")
    assert str(caught.value).startswith("Неможливо використати адресу принтера 'lpt1'.")
    assert caught.value.title == "Налаштування принтера"


def test_paper_out_reaches_the_cashier_in_ukrainian(ukrainian: None) -> None:
    """A print refused for lack of paper."""
    memory = MemoryTransport()
    memory.set_status(online=True, paper=Paper.OUT)
    with pytest.raises(PaperOut) as caught:
        ReceiptPrinter(PrinterSettings(), memory).send(b"x")
    assert str(caught.value) == "У принтері memory немає паперу. Вставте новий рулон."
    assert caught.value.title == "У принтері закінчився папір"


def test_english_is_the_source_language() -> None:
    """Without a chosen language the messages are as written."""
    assert ScannerError("x").title == "Scanner"


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    """The catalogue is complete and keeps {names} intact, and the .mo is not stale."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    fields = string.Formatter()
    for message in catalogue:
        if not message.id:
            continue
        assert message.string, message.id
        wanted = {name for _, name, _, _ in fields.parse(str(message.id)) if name}
        got = {name for _, name, _, _ in fields.parse(str(message.string)) if name}
        assert wanted == got, message.id
    with CATALOGUE.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [m.id for m in catalogue if m.id and compiled.gettext(str(m.id)) != m.string]
    assert stale == [], "run: pybabel compile -d devices/locale -D devices"
