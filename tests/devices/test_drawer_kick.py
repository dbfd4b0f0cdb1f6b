"""The cash drawer kick: ESC p with the configured pin and pulse, in the rendered job."""

from __future__ import annotations

import pytest

from devices.print.document import Document, DrawerKick, Text
from devices.print.escpos_dump import Command, decode
from devices.print.escpos_render import render_escpos
from devices.print.settings import PrinterSettings
from devices.print.text_render import render_text


def test_the_kick_is_esc_p_with_the_pin_and_the_pulse_in_2_ms_steps() -> None:
    """Pin 2 is m=0, pin 5 is m=1; 100 ms is 50 steps; the longest pulse is 255 steps."""
    assert DrawerKick().command == b"\x1bp\x00\x32\x32"
    assert DrawerKick(pin=5, pulse_ms=510).command == b"\x1bp\x01\xff\xff"
    assert DrawerKick(pulse_ms=0).command == b"\x1bp\x00\x01\x01"


def test_a_drawer_on_another_pin_is_refused() -> None:
    """Drawer ports have pins 2 and 5 only."""
    with pytest.raises(ValueError, match="pin 2 or 5"):
        DrawerKick(pin=3)


def test_the_rendered_job_carries_the_kick_which_prints_nothing() -> None:
    """The bytes hold ESC p once; the decoder names it; the preview marks it."""
    document = Document.of(DrawerKick(pin=5, pulse_ms=60), Text("Дякуємо"))
    data = render_escpos(document, PrinterSettings(profile="TM-T20II"))
    assert data.count(b"\x1bp\x01\x1e\x1e") == 1
    dump = decode(data)
    assert Command("drawer_kick", 1) in dump.items and "Дякуємо" in dump.lines()
    assert "cash drawer opens" in render_text(document, 32)
