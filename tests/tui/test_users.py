"""Users at the till: signing in at start, a manager's PIN approving a cashier's return, the
journal screen; and what each looks like at 80×24."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from bootstrap.services import Services, identify
from core.domain.permissions import Role
from core.services import journal, queries, users
from tests.tui.pilot import press, scan, top, type_in
from tui.app import make_app
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.pin import PinDialog

SIZE = (80, 24)
SnapCompare = Callable[..., bool]


@pytest.fixture
def staffed(services: Services) -> Services:
    """The stocked shop with a manager and a cashier; nobody signed in at this till."""
    admin = replace(services.ctx, operator="admin", role=Role.ADMIN.value)
    users.add_user(services.uow(), admin, "Марія", Role.MANAGER, "4321")
    users.add_user(services.uow(), admin, "Петро", Role.CASHIER, "1111")
    identify(services, login="nobody")
    return services


async def sign_in(pilot: Pilot[Any], name: str, pin: str) -> None:
    """Type a user and PIN into the dialog in front."""
    await type_in(pilot, name, "enter")
    await type_in(pilot, pin, "enter")


def unit_state(services: Services, serial: str) -> str:
    """Where a unit is now."""
    return queries.unit_summaries(services.uow(), serial, services.ctx.clock.today())[0].state


async def test_the_till_asks_who_is_working_and_a_wrong_pin_is_refused(
    staffed: Services,
) -> None:
    """Sign-in cannot be escaped; a wrong PIN is said in the dialog; the right one signs in."""
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PinDialog)
        await press(pilot, "escape")
        assert isinstance(app.screen, PinDialog)
        await sign_in(pilot, "Петро", "0000")
        assert "Wrong user or PIN" in str(app.screen.query_one("#said", Static).render())
        await type_in(pilot, "1111", "enter")
        assert top(app) == "SaleScreen"
        assert staffed.ctx.operator == "Петро" and staffed.ctx.role == "cashier"
        bar = str(app.screen.query_one(".status-bar .info", Static).render())
        assert "Петро" in bar


async def test_a_cashiers_return_waits_for_a_managers_pin_and_records_both(
    staffed: Services,
) -> None:
    """Refused for want of a manager, approved by Марія's PIN, then taken back; the journal
    names the cashier and the manager."""
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Петро", "1111")
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")
        dialog = app.screen
        assert isinstance(dialog, PinDialog) and "manager" in dialog.question
        await sign_in(pilot, "Марія", "4321")
        assert top(app) == "ReturnScreen"
        await scan(pilot, "SN-0005")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")
        assert unit_state(staffed, "SN-0005") == "in_stock"
    entries = journal.entries(staffed.uow())
    approval = [(e.user, e.approver) for e in entries if e.kind == "approval"]
    assert approval == [("Петро", "Марія")]
    assert any(e.kind == "refusal" and "needs_manager" in (e.detail or "") for e in entries)


async def test_the_journal_screen_lists_entries_and_filters_by_kind(staffed: Services) -> None:
    """Ctrl+F from the reports; F9 steps to sign-ins only; F10 checks the chain."""
    staffed.sign_in("Петро", "1111")
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f11", "ctrl+f")
        assert top(app) == "JournalScreen"
        table = app.screen.query_one(DataTable)
        assert table.row_count >= 3
        await press(pilot, "f9")
        kinds = {table.get_row_at(i)[1] for i in range(table.row_count)}
        assert kinds == {"signed in"}
        await press(pilot, "f10")
        assert "Chain intact" in str(app.screen.query_one("#notice", Static).render())


def test_sign_in_snapshot(snap_compare: SnapCompare, staffed: Services) -> None:
    """The sign-in dialog over the sale screen, a wrong PIN said in it."""

    async def wrong_pin(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, "Петро", "0000")

    assert snap_compare(make_app(staffed), terminal_size=SIZE, run_before=wrong_pin)


def test_approval_snapshot(snap_compare: SnapCompare, staffed: Services) -> None:
    """A cashier's return stopped for a manager's PIN, with the reason."""

    async def refused_return(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, "Петро", "1111")
        await press(pilot, "f3")
        await scan(pilot, "SN-0005")

    assert snap_compare(make_app(staffed), terminal_size=SIZE, run_before=refused_return)


def test_journal_snapshot(snap_compare: SnapCompare, staffed: Services) -> None:
    """The journal screen with users added, a failed and a good sign-in."""

    async def journal_screen(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, "Петро", "0000")
        await type_in(pilot, "1111", "enter")
        await press(pilot, "f11", "ctrl+f")

    assert snap_compare(make_app(staffed), terminal_size=SIZE, run_before=journal_screen)


async def test_another_cashier_signs_in_over_the_open_sale(staffed: Services) -> None:
    """Ctrl+S: Марія signs in, the sale's lines stay, documents now carry her name."""
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Петро", "1111")
        await scan(pilot, "CABLE")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PinDialog)
        await sign_in(pilot, "Марія", "4321")
        assert top(app) == "SaleScreen" and len(app.screen.cart.lines) == 1  # type: ignore[attr-defined]
        assert staffed.ctx.operator == "Марія"


async def test_an_idle_till_signs_the_user_out(staffed: Services) -> None:
    """Past the idle time the sign-in dialog is back, and the journal says so."""
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Петро", "1111")
        app.last_key -= staffed.config.security.idle_minutes * 60 + 1
        app.sign_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, PinDialog) and not staffed.signed_in
    assert journal.entries(staffed.uow(), kind="sign_out")[-1].user == "Петро"


async def test_a_voided_line_is_journalled(staffed: Services) -> None:
    """F8 removes the line; the journal names the cashier and what was voided."""
    app = make_app(staffed)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "Петро", "1111")
        await scan(pilot, "CABLE")
        await press(pilot, "f8")
    voided = journal.entries(staffed.uow(), kind="void_line")
    assert [(e.user, e.detail) for e in voided] == [("Петро", "CABLE  x1")]
