"""A small shop for tests: a catalogue in all three modes and short verbs over the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.commands import Item, ReceiptLine, ReceiveStock, RecordSale, ReturnUnit
from core.domain.catalogue import TrackingMode, TypeSettings
from core.domain.warranty import WarrantyPeriod
from core.persistence.unit_of_work import UnitOfWork
from core.ports import Context
from core.results import Posted
from core.services import catalogue, receiving, returns, selling
from core.services.catalogue import NewProduct

PHONE_BARCODE = "4820000000017"
"""A valid EAN-13 on the phone's box."""


@dataclass
class Shop:
    """The services bound to one database and context, with test-sized verbs."""

    uow: UnitOfWork
    ctx: Context

    @classmethod
    def with_catalogue(cls, uow: UnitOfWork, ctx: Context) -> Shop:
        """Phones strict, bikes soft, cables untracked."""
        shop = cls(uow, ctx)
        for path, mode, months in (
            ("Electronics/Phones", TrackingMode.STRICT, 12),
            ("Bikes", TrackingMode.SOFT, 24),
            ("Accessories", TrackingMode.NONE, 0),
        ):
            catalogue.set_type(
                uow, TypeSettings(path=path, tracking=mode, warranty=WarrantyPeriod(months=months))
            )
        catalogue.add_products(
            uow,
            [
                NewProduct(
                    "PHONE",
                    "Смартфон Ґалакс А15",
                    "Electronics/Phones",
                    899900,
                    barcodes=(PHONE_BARCODE,),
                ),
                NewProduct("BIKE", "Велосипед «Їжак» 26", "Bikes", 1250000),
                NewProduct("CABLE", "Кабель USB-C", "Accessories", 19900),
            ],
        )
        return shop

    def receive(
        self,
        code: str,
        *serials: str,
        quantity: int | None = None,
        cost: int = 500000,
        supplier: str = "ТОВ Постач",
        on: date | None = None,
    ) -> Posted:
        """Receive one line of a product, by serial numbers or by quantity."""
        line = ReceiptLine(code, quantity or len(serials), cost, tuple(serials))
        return receiving.receive(ReceiveStock(supplier, (line,), on=on), self.uow, self.ctx)

    def sell(
        self, code: str, *serials: str, quantity: int = 1, customer: str | None = None
    ) -> Posted:
        """Sell units of one product by serial, or a quantity of an untracked one."""
        items = tuple(Item(code, s) for s in serials) or (Item(code, quantity=quantity),)
        return selling.sell(RecordSale(items, customer=customer), self.uow, self.ctx)

    def return_serial(self, serial: str) -> Posted:
        """Take a unit back by its serial number."""
        return returns.return_unit(ReturnUnit(serial), self.uow, self.ctx)

    def run(self, script: str) -> list[Posted]:
        """Run a script like ``receive PHONE SN1 SN2; sell PHONE SN1; return SN1``."""
        done = []
        for step in filter(None, (part.strip() for part in script.split(";"))):
            verb, *args = step.split()
            if verb == "receive":
                done.append(self.receive(args[0], *args[1:]))
            elif verb == "sell":
                done.append(self.sell(args[0], *args[1:]))
            elif verb == "return":
                done.append(self.return_serial(args[0]))
            else:
                raise ValueError(f"unknown step {step!r}")
        return done
