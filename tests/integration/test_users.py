"""Till users: PINs hashed, a lockout after wrong PINs, a manager's rights and approvals,
and the action journal that records who did what (with who approved it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bootstrap import services as composition
from bootstrap.services import Services, build
from core.commands import (
    ChangeProduct,
    CorrectReceiptSerials,
    Item,
    RecordSale,
    ReturnUnit,
    WriteOff,
)
from core.config import Config, SecurityConfig
from core.domain.catalogue import TypeSettings
from core.domain.errors import DomainError
from core.domain.permissions import Role
from core.domain.pins import pin_matches
from core.repair_commands import AcceptRepair
from core.services import (
    catalogue,
    corrections,
    count_settlement,
    counting,
    journal,
    repair_intake,
    returns,
    selling,
    shop_settings,
    stock_out,
    users,
)
from core.views import CountScope
from tests.fakes import FakeClock
from tests.integration.conftest import Till
from tests.shop import Shop

MANAGER_PIN, CASHIER_PIN = "4321", "1111"


@pytest.fixture
def till_services(tmp_path: Path) -> Iterator[Services]:
    """A shop with an admin, a manager and a cashier; the cashier signed in."""
    config = Config(security=SecurityConfig(price_limit=10, lock_minutes=15))
    built = build(db=str(tmp_path / "till.sqlite3"), clock=FakeClock(), config=config)
    verbs = Shop.with_catalogue(built.uow(), built.ctx)
    verbs.receive("PHONE", "SN-1", "SN-2")
    verbs.sell("PHONE", "SN-1", customer="Олена")
    users.add_user(built.uow(), built.ctx, "admin", Role.ADMIN, "9999")
    admin = replace(built.ctx, operator="admin", role=Role.ADMIN.value)
    users.add_user(built.uow(), admin, "Марія", Role.MANAGER, MANAGER_PIN)
    users.add_user(built.uow(), admin, "Петро", Role.CASHIER, CASHIER_PIN)
    built.sign_in("Петро", CASHIER_PIN)
    yield built
    built.db.close()


def kinds(services: Services) -> list[str]:
    """The kinds of every journal entry, oldest first."""
    return [row.kind for row in journal.entries(services.uow())]


def test_pins_are_stored_only_as_scrypt_hashes(till_services: Services) -> None:
    """The database holds no PIN, only a salted scrypt hash of it."""
    path = till_services.db.database
    with closing(sqlite3.connect(path)) as conn:
        stored = [row[0] for row in conn.execute("SELECT pin_hash FROM till_user")]
    pins = (MANAGER_PIN, CASHIER_PIN, "9999")
    fields = [h.split("$") for h in stored]
    assert [f[:4] for f in fields] == [["scrypt", str(2**14), "8", "1"]] * len(pins)
    # A salt and a digest are random hex, so a 4-digit PIN may turn up inside one by chance
    # (about 1 in 100 runs); what matters is that no field is the PIN and each is the hash.
    assert all(len(f[4]) == 32 and len(f[5]) == 64 for f in fields)
    assert not any(pin in f for f in fields for pin in pins)
    assert len({f[4] for f in fields}) == len(pins)
    assert sorted(sum(pin_matches(pin, h) for h in stored) for pin in pins) == [1, 1, 1]


def test_five_wrong_pins_lock_the_user_for_the_configured_time(till_services: Services) -> None:
    """Four wrong PINs are just wrong; the fifth locks, even the right PIN, until time passes."""
    services = till_services
    for _ in range(4):
        with pytest.raises(DomainError) as wrong:
            services.sign_in("Марія", "0000")
        assert wrong.value.rule == "wrong_pin"
    with pytest.raises(DomainError) as locked:
        services.sign_in("Марія", "0000")
    assert locked.value.rule == "user_locked"
    with pytest.raises(DomainError) as still:
        services.sign_in("Марія", MANAGER_PIN)
    assert still.value.rule == "user_locked"
    clock = services.ctx.clock
    assert isinstance(clock, FakeClock)
    clock.advance(minutes=16)
    assert services.sign_in("Марія", MANAGER_PIN).name == "Марія"
    assert kinds(services).count("sign_in_failed") == 5 and "locked" in kinds(services)


def test_a_cashier_is_refused_a_return_without_a_manager(till_services: Services) -> None:
    """needs_manager, and nothing is written."""
    with pytest.raises(DomainError) as refused:
        returns.return_unit(ReturnUnit("SN-1"), till_services.uow(), till_services.ctx)
    assert refused.value.rule == "needs_manager"
    assert "Петро" in refused.value.message


def test_a_managers_pin_approves_one_return_and_both_names_are_recorded(
    till_services: Services,
) -> None:
    """The return posts under the cashier's name; the journal names the manager who approved;
    the approval covers that one action only."""
    services = till_services
    services.approve("Марія", MANAGER_PIN)
    posted = returns.return_unit(ReturnUnit("SN-1"), services.uow(), services.ctx)
    document = services.office.document(posted.number)
    assert document.header.operator == "Петро"
    approval = [r for r in journal.entries(services.uow()) if r.kind == "approval"]
    assert [(r.user, r.approver, r.document, r.detail) for r in approval] == [
        ("Петро", "Марія", posted.number, "return")
    ]
    Shop(services.uow(), services.ctx).sell("PHONE", "SN-1")
    with pytest.raises(DomainError) as again:
        returns.return_unit(ReturnUnit("SN-1"), services.uow(), services.ctx)
    assert again.value.rule == "needs_manager"


def test_a_cashiers_pin_approves_nothing(till_services: Services) -> None:
    """Only a manager (or an admin) can approve."""
    with pytest.raises(DomainError) as refused:
        till_services.approve("Петро", CASHIER_PIN)
    assert refused.value.rule == "needs_manager"


def test_a_price_past_the_limit_needs_a_manager_and_is_journalled(
    till_services: Services,
) -> None:
    """Within 10 % a cashier may; past it only with approval; each override is journalled."""
    services = till_services
    cheap = RecordSale((Item("CABLE", quantity=1, price=1),))
    Shop(services.uow(), services.ctx).receive("CABLE", quantity=5, cost=5000)
    with pytest.raises(DomainError) as refused:
        selling.sell(cheap, services.uow(), services.ctx)
    assert refused.value.rule == "needs_manager"
    small = RecordSale((Item("CABLE", quantity=1, price=18000),))
    selling.sell(small, services.uow(), services.ctx)
    services.approve("Марія", MANAGER_PIN)
    posted = selling.sell(cheap, services.uow(), services.ctx)
    overrides = [r for r in journal.entries(services.uow()) if r.kind == "price_override"]
    assert [(r.approver, r.detail) for r in overrides] == [
        (None, "CABLE: 19900 -> 18000"),
        ("Марія", "CABLE: 19900 -> 1"),
    ]
    assert overrides[1].document == posted.number


def test_settings_need_a_manager_and_a_change_is_journalled(till_services: Services) -> None:
    """The cashier is refused; a manager signed in saves, and the journal has the values."""
    services = till_services
    settings = services.settings()
    with pytest.raises(DomainError):
        shop_settings.save(services.uow(), settings, services.ctx)
    services.sign_in("Марія", MANAGER_PIN)
    shop_settings.save(services.uow(), replace(settings, loop_scan=False), services.ctx)
    entry = journal.entries(services.uow(), kind="settings")[-1]
    assert entry.user == "Марія" and "loop_scan=false" in (entry.detail or "")


def test_only_an_admin_manages_users(till_services: Services) -> None:
    """A cashier may not add users (needs_admin) but may change their own PIN."""
    services = till_services
    with pytest.raises(DomainError) as refused:
        users.add_user(services.uow(), services.ctx, "Іра", Role.CASHIER, "2222")
    assert refused.value.rule == "needs_admin"
    users.set_pin(services.uow(), services.ctx, "Петро", "5555")
    assert services.sign_in("Петро", "5555").name == "Петро"


def test_a_disabled_user_cannot_sign_in(till_services: Services) -> None:
    """Disabled by an admin: refused with its own rule."""
    services = till_services
    admin = replace(services.ctx, operator="admin", role=Role.ADMIN.value)
    users.set_active(services.uow(), admin, "Марія", False)
    with pytest.raises(DomainError) as refused:
        services.sign_in("Марія", MANAGER_PIN)
    assert refused.value.rule == "user_disabled"


def test_a_shop_without_users_allows_everything(tmp_path: Path) -> None:
    """No users: one operator from the config, returns and price changes as before."""
    services = build(db=str(tmp_path / "t.sqlite3"), clock=FakeClock(), config=Config())
    verbs = Shop.with_catalogue(services.uow(), services.ctx)
    verbs.receive("PHONE", "SN-1")
    verbs.sell("PHONE", "SN-1")
    assert services.ctx.role is None and services.signed_in
    returns.return_unit(ReturnUnit("SN-1"), services.uow(), services.ctx)


# -- the command line -------------------------------------------------------------------------


@pytest.fixture
def mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config mapping system user `petro` to till user Петро; the CLI runs as `petro`."""
    folder = tmp_path / "config" / "serial-till"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(
        '[security.users]\npetro = "Петро"\nmaria = "Марія"\n', encoding="utf-8"
    )
    monkeypatch.setattr(composition, "system_login", lambda: "petro")
    return folder / "config.toml"


def pin_input(monkeypatch: pytest.MonkeyPatch, pin: str) -> None:
    """The PIN as piped to `till user add`."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))


def test_the_cli_refuses_a_cashier_needs_manager_and_journals_it(
    till: Till, mapped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system user maps to a cashier: `till return` exits 1 [needs_manager]; a manager's
    mapping may; `till journal` lists the refusal and the return."""
    assert till("demo", "--no-app")[0] == 0
    pin_input(monkeypatch, "9999")
    assert till("user", "add", "admin", "--role", "admin")[0] == 0
    monkeypatch.setattr(composition, "system_login", lambda: "admin-login")
    pin_input(monkeypatch, "1111")
    code, _out, err = till("user", "add", "Петро", "--role", "cashier")
    assert code == 1 and "[needs_admin]" in err
    (mapped).write_text(
        '[security.users]\npetro = "Петро"\nmaria = "Марія"\nroot = "admin"\n', encoding="utf-8"
    )
    monkeypatch.setattr(composition, "system_login", lambda: "root")
    for name, role, pin in (("Петро", "cashier", "1111"), ("Марія", "manager", "4321")):
        pin_input(monkeypatch, pin)
        assert till("user", "add", name, "--role", role)[0] == 0
    monkeypatch.setattr(composition, "system_login", lambda: "petro")
    sold = till("report", "warranty", "--active", "--format", "json")[1]
    serial = __import__("json").loads(sold)[0]["serial"]
    code, _out, err = till("return", serial)
    assert code == 1 and "till: refused [needs_manager]" in err
    monkeypatch.setattr(composition, "system_login", lambda: "maria")
    code, out, _err = till("return", serial)
    assert code == 0
    code, out, _err = till("journal", "--kind", "refusal")
    assert code == 0 and "needs_manager" in out and "Петро" in out
    listed = __import__("json").loads(till("user", "list", "--json")[1])
    assert {u["name"]: u["role"] for u in listed} == {
        "admin": "admin",
        "Петро": "cashier",
        "Марія": "manager",
    }
    assert "pin" not in str(listed).lower()


def test_the_journal_command_filters_and_formats(till_services: Services, till: Till) -> None:
    """--user, --kind, --from and --format csv|json."""
    services = till_services
    with pytest.raises(DomainError):
        services.sign_in("Марія", "0000")
    db = str(services.db.database)
    code, out, _err = till("--db", db, "journal", "--user", "Марія", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("at,kind,user")
    assert "sign_in_failed" in out
    code, out, _err = till("--db", db, "journal", "--kind", "sign_in", "--json")
    rows = __import__("json").loads(out)
    assert rows and all(row["kind"] == "sign_in" for row in rows)
    tomorrow = (services.ctx.clock.today() + timedelta(days=1)).isoformat()
    code, out, _err = till("--db", db, "journal", "--from", tomorrow, "--json")
    assert __import__("json").loads(out) == []


def test_a_card_reprint_and_a_changed_user_are_journalled(
    till_services: Services, till: Till
) -> None:
    """`till print warranty SN --preview` and `till user disable` each leave their entry."""
    db = str(till_services.db.database)
    assert till("--db", db, "print", "warranty", "SN-1", "--preview")[0] == 0
    reprints = journal.entries(till_services.uow(), kind="card_reprint")
    assert [(e.document, e.detail) for e in reprints] == [("SL-000001", "SN-1")]
    admin = replace(till_services.ctx, operator="admin", role=Role.ADMIN.value)
    users.set_active(till_services.uow(), admin, "Петро", False)
    changed = journal.entries(till_services.uow(), kind="user_changed")
    assert [(e.user, e.detail) for e in changed] == [("admin", "Петро: disabled")]


@pytest.mark.parametrize(
    "action",
    ["write_off", "sn_correction", "count_post", "catalogue", "product", "repair_override"],
)
def test_a_cashier_needs_a_manager_for_each_managed_action(
    till_services: Services, action: str
) -> None:
    """A write-off, an SN correction, posting a count, a type or a product changed, and a
    repair taken in as paid against the ledger's warranty: each needs_manager."""
    services = till_services
    uow, ctx = services.uow(), services.ctx
    with pytest.raises(DomainError) as refused:
        if action == "write_off":
            stock_out.write_off(WriteOff("broken", (Item("PHONE", "SN-2"),)), uow, ctx)
        elif action == "sn_correction":
            command = CorrectReceiptSerials("RC-000001", (("SN-2", "SN-9"),))
            corrections.correct_receipt_serials(command, uow, ctx)
        elif action == "count_post":
            sheet = counting.open_sheet(uow, ctx, CountScope(product_codes=("PHONE",)))
            count_settlement.post(services.uow(), ctx, sheet.number)
        elif action == "catalogue":
            catalogue.set_type(uow, TypeSettings(path="Toys"), ctx)
        elif action == "product":
            catalogue.change_product(uow, ctx, ChangeProduct("PHONE", price=100))
        else:
            accept = AcceptRepair("SN-1", "no sound", paid=True, reason="dropped in water")
            repair_intake.accept(accept, uow, ctx)
    assert refused.value.rule == "needs_manager"
