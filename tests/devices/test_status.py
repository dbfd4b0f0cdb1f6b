"""DLE EOT replies become a PrinterStatus; silence is unknown, never "paper OK"."""

from __future__ import annotations

import pytest

from devices.print.status import Paper, PrinterStatus, parse_online, parse_paper, parse_status


@pytest.mark.parametrize(
    ("reply", "online"),
    [(b"\x12", True), (b"\x1a", False), (b"", None), (None, None), (b"\xff", None)],
)
def test_printer_status_byte_bit_3_means_offline(reply: bytes | None, online: bool | None) -> None:
    """0x12 online, 0x1A offline; empty or malformed replies are unknown."""
    assert parse_online(reply) is online


@pytest.mark.parametrize(
    ("reply", "paper"),
    [
        (b"\x12", Paper.OK),
        (b"\x1e", Paper.NEAR_END),
        (b"\x72", Paper.OUT),
        (b"\x7e", Paper.OUT),
        (b"", Paper.UNKNOWN),
        (None, Paper.UNKNOWN),
        (b"\x00", Paper.UNKNOWN),
    ],
)
def test_paper_sensor_byte_maps_to_ok_near_end_out_or_unknown(
    reply: bytes | None, paper: Paper
) -> None:
    """python-escpos reports an empty reply as paper OK; we do not."""
    assert parse_paper(reply) is paper


def test_status_says_whether_printing_can_go_ahead() -> None:
    """Only a positive offline or paper-out report blocks printing."""
    assert parse_status(b"\x12", b"\x12") == PrinterStatus(True, Paper.OK)
    assert parse_status(b"\x12", b"\x1e").can_print
    assert not parse_status(b"\x1a", b"\x12").can_print
    assert not parse_status(b"\x12", b"\x72").can_print
    unknown = parse_status(b"", b"")
    assert unknown.can_print and not unknown.known
