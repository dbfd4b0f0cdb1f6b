"""Warranty cards checked offline against the shop's key and the records, and the key file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bootstrap.services import Services, build
from core.config import Config
from core.persistence.card_key import ensure_key, read_key
from core.services import backups, cards, printouts
from core.views import CardCheck
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop


@pytest.fixture
def services(tmp_path: Path) -> Services:
    """A SQLite till with phone SN-1 sold and SN-2 in stock."""
    built = build(db=str(tmp_path / "till.sqlite3"), clock=FakeClock(), config=Config())
    verbs = Shop.with_catalogue(built.uow(), built.ctx)
    verbs.receive("PHONE", "SN-1", "SN-2")
    verbs.sell("PHONE", "SN-1")
    return built


def card_of(services: Services, serial: str) -> str:
    """The QR payload printed on a unit's warranty card."""
    context, _variant = printouts.warranty_context(
        services.uow(), serial, printouts.Shop("Магазин"), card_key=services.card_key()
    )
    payload: str = context["verify_url"]
    return payload


def check(services: Services, payload: str) -> CardCheck:
    """The card checked as a till would check it."""
    return cards.check_card(
        services.uow(), payload, services.card_key(), services.ctx.clock.today()
    )


def test_a_genuine_card_verifies_and_matches_the_records(services: Services) -> None:
    """The card of a unit still with its customer is genuine and current."""
    found = check(services, card_of(services, "SN-1"))
    assert found.genuine and found.current
    assert found.sale == "SL-000001" and found.state == "sold"
    assert "genuine" in found.message and "days left" in found.message


def test_a_card_with_one_changed_digit_is_refused(services: Services) -> None:
    """Moving the warranty end printed in the code makes the card not genuine."""
    payload = card_of(services, "SN-1")
    forged = payload.replace(":20270302:", ":20280302:")
    assert forged != payload
    found = check(services, forged)
    assert not found.genuine and not found.current
    assert "NOT genuine" in found.message


def test_a_returned_units_card_is_genuine_but_reported_returned(services: Services) -> None:
    """After the unit came back, its old card says so."""
    payload = card_of(services, "SN-1")
    Shop(services.uow(), services.ctx).return_serial("SN-1")
    found = check(services, payload)
    assert found.genuine and not found.current
    assert found.event == "returned" and found.state == "in_stock"
    assert found.event_document is not None and found.event_document.startswith("RT-")
    assert "no longer matches" in found.message


def test_the_key_file_is_owner_only_and_stable(tmp_path: Path) -> None:
    """Created once with mode 0600; read back the same afterwards."""
    path = tmp_path / "shop.card-key"
    key = ensure_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_key(path) == key == read_key(path)


def test_a_backup_carries_the_key_and_a_restore_puts_it_back(
    services: Services, tmp_path: Path
) -> None:
    """`till backup` copies the key beside the copy; a restore brings it back."""
    key, key_path = services.card_key(), services.card_key_path()
    made = backups.backup(services.db, tmp_path / "copy.sqlite3", card_key=key_path)
    assert made.card_key is not None and read_key(made.card_key) == key
    assert stat.S_IMODE(made.card_key.stat().st_mode) == 0o600
    key_path.unlink()
    done = backups.restore(services.db, made.path, card_key=key_path)
    assert done.card_key == key_path and read_key(key_path) == key


def test_the_command_verifies_a_card_offline(till: Till, tmp_path: Path) -> None:
    """`till init` makes the key; `till warranty verify` says genuine (0) or refused (1)."""
    assert till("init")[0] == 0
    assert (tmp_path / "till.sqlite3.card-key").exists()
    services = build(db=str(tmp_path / "till.sqlite3"), config=Config())
    verbs = Shop.with_catalogue(services.uow(), services.ctx)
    verbs.receive("PHONE", "SN-1")
    verbs.sell("PHONE", "SN-1")
    payload = card_of(services, "SN-1")
    code, out, _err = till("warranty", "verify", payload)
    assert code == 0 and "genuine" in out
    altered = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    code, _out, err = till("warranty", "verify", altered)
    assert code == 1 and "[card_not_genuine]" in err
