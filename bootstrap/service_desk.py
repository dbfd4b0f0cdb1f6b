"""The service desk as the app's screens reach it: repair orders, RMAs, their reports and the
service settings, each call one service in its own unit of work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.repair_commands import (
    AcceptRepair,
    AddLabour,
    AddPart,
    ChangeStatus,
    HandBack,
    ReplaceUnit,
    WriteOffUnit,
)
from core.repair_views import (
    HandedBack,
    IntakeFacts,
    OpenOrderRow,
    OrderView,
    RepairAccepted,
    RepeatRow,
    ServiceSettings,
    WarrantyCostRow,
)
from core.results import Posted
from core.services import (
    repair_intake,
    repair_orders,
    repair_reports,
    service_settings,
)

if TYPE_CHECKING:
    from bootstrap.services import Services


class ServiceDesk:
    """Intake, orders, parts, labour, replacements, hand-backs and repair reports."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def settings(self) -> ServiceSettings:
        """The service settings in force (saved, else from the config)."""
        return service_settings.load(self.services.uow(), self.services.config.service)

    def save_settings(self, settings: ServiceSettings) -> ServiceSettings:
        """Save the service settings over the configuration's defaults."""
        return service_settings.save(self.services.uow(), settings)

    def facts(self, serial: str) -> IntakeFacts:
        """What the till knows of a scanned SN, with the actions that apply."""
        today = self.services.ctx.clock.today()
        return repair_intake.intake_facts(self.services.uow(), serial, today, self.settings())

    def accept(self, command: AcceptRepair) -> RepairAccepted:
        """Take a unit in for repair."""
        return repair_intake.accept(command, self.services.uow(), self.services.ctx)

    def order(self, number: str) -> OrderView:
        """An order with its history, parts and labour."""
        today = self.services.ctx.clock.today()
        return repair_orders.show(self.services.uow(), number, today, self.settings())

    def change_status(self, command: ChangeStatus) -> OrderView:
        """Move an order to another status; the order as it is now."""
        repair_orders.change_status(command, self.services.uow(), self.services.ctx)
        return self.order(command.order)

    def add_part(self, command: AddPart) -> OrderView:
        """Write a part off on an order."""
        repair_orders.add_part(command, self.services.uow(), self.services.ctx)
        return self.order(command.order)

    def add_labour(self, command: AddLabour) -> OrderView:
        """A labour line on an order."""
        repair_orders.add_labour(command, self.services.uow(), self.services.ctx)
        return self.order(command.order)

    def replace(self, command: ReplaceUnit) -> Posted:
        """Give another unit from stock under warranty."""
        return repair_orders.replace_unit(command, self.services.uow(), self.services.ctx)

    def write_off(self, command: WriteOffUnit) -> OrderView:
        """Write off the unit an order left in repair; the order as it is now."""
        repair_orders.write_off_unit(command, self.services.uow(), self.services.ctx)
        return self.order(command.order)

    def hand_back(self, command: HandBack) -> HandedBack:
        """Give the unit back, taking payment for a paid repair."""
        uow, ctx = self.services.uow(), self.services.ctx
        return repair_orders.hand_back(command, uow, ctx, self.settings())

    def open_orders(self) -> list[OpenOrderRow]:
        """Open orders by status and age, overdue ones marked."""
        today = self.services.ctx.clock.today()
        return repair_reports.open_orders(self.services.uow(), today, self.settings())

    def warranty_cost(self, by: str) -> list[WarrantyCostRow]:
        """Warranty repair cost by product or supplier."""
        return repair_reports.warranty_cost(self.services.uow(), by=by)

    def repeated(self, by: str) -> list[RepeatRow]:
        """Units or products repaired more than once."""
        return repair_reports.repeated(self.services.uow(), by=by)
