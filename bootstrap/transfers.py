"""Transfers as the app's screens reach them: the shop's locations, the transfers on the way,
a scan turned into a line the transfer would take, sending, and checking and taking in an
arrival; each call one service in its own unit of work.

A scan is read as the sale screen reads it (a product code, else a unit by its serial
number) and the transfer with the new line is rehearsed, so a line goes in only when the
real transfer would accept it; the core's own checks decide, never this module."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.commands import Item, ReceiveTransfer, SendTransfer
from core.domain.sites import Site
from core.domain.transfers import ArrivalCheck, TransferSummary
from core.drafts.steps import Choose, Refused, in_stock, refusing
from core.results import Posted
from core.services import catalogue, queries, sites, transfers
from core.views import UnitSummary

if TYPE_CHECKING:
    from bootstrap.services import Services


@dataclass(frozen=True)
class SendLine:
    """One line of a transfer being put together: a unit by its SN, or a quantity."""

    sku: str
    name: str
    serial: str | None = None
    quantity: int = 1

    def item(self) -> Item:
        """The line as the transfer command takes it."""
        return Item(self.sku, serial=self.serial, quantity=self.quantity)


@dataclass(frozen=True)
class Taken:
    """The scan passed every check of the transfer: its lines with the scan in."""

    lines: tuple[SendLine, ...]
    line: SendLine


@dataclass(frozen=True)
class Unknown:
    """The code is neither a product's nor a serial number the shop knows."""

    code: str


SendStep = Taken | Choose | Unknown | Refused
"""What a scan did to a transfer being sent."""


@dataclass(frozen=True)
class Arrival:
    """An arrival's scans read and compared with what is on the way."""

    command: ReceiveTransfer
    """The arrival as it would be posted (``missing`` still to be said)."""
    check: ArrivalCheck
    barcodes: dict[str, str]
    """The scanned codes that name a product without serial numbers, with its SKU: each
    counts one of it."""


class TransferDesk:
    """Locations, open transfers, sending and arrivals for the transfers screen."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def here(self) -> str:
        """This till's location code."""
        return self.services.ctx.site

    def sites(self) -> list[Site]:
        """Every location of the shop, by code."""
        return sites.all_sites(self.services.uow())

    def open_transfers(self) -> list[TransferSummary]:
        """Transfers from or to this location with goods still on the way, newest first."""
        uow, here = self.services.uow(), self.here
        both = {
            t.id: t
            for t in (*transfers.summaries(uow, site=here), *transfers.summaries(uow, to_site=here))
        }
        return sorted(both.values(), key=lambda t: t.id, reverse=True)

    def take(self, code: str, to_site: str, lines: tuple[SendLine, ...]) -> SendStep:
        """What a scan adds to the transfer to ``to_site`` (reads and a rehearsal only)."""
        return refusing(lambda: self._resolve(code.strip(), to_site, lines), "code")

    def pick(self, unit: UnitSummary, to_site: str, lines: tuple[SendLine, ...]) -> SendStep:
        """The unit chosen among several with one serial number."""
        line = SendLine(unit.sku, unit.name, unit.serial)
        return refusing(lambda: self._rehearsed(to_site, lines, line), "code")

    def send(self, command: SendTransfer) -> Posted:
        """Send the goods for real."""
        return transfers.send(command, self.services.uow(), self.services.ctx)

    def arrival(self, number: str, codes: tuple[str, ...], typed: dict[str, int]) -> Arrival:
        """Scans against transfer ``number`` (writes nothing): a product code of goods without
        serial numbers counts one of them, unless ``typed`` gives that product's count; any
        other code is a serial number."""
        uow = self.services.uow()
        barcodes: dict[str, str] = {}
        serials: list[str] = []
        for code in codes:
            product = catalogue.find_product(uow, code)
            if product is not None and not product.tracked:
                barcodes[code] = product.sku
            else:
                serials.append(code)
        counted = dict.fromkeys(barcodes.values(), 0)
        for sku in barcodes.values():
            counted[sku] += 1
        counted.update(typed)
        command = ReceiveTransfer(
            number, tuple(serials), tuple((sku, n) for sku, n in counted.items() if n > 0)
        )
        check = transfers.check_arrival(command, uow, self.services.ctx)
        return Arrival(command, check, barcodes)

    def receive(self, command: ReceiveTransfer) -> Posted:
        """Take in what arrived, for real."""
        return transfers.receive(command, self.services.uow(), self.services.ctx)

    def _resolve(self, code: str, to_site: str, lines: tuple[SendLine, ...]) -> SendStep:
        uow = self.services.uow()
        product = catalogue.find_product(uow, code) if code else None
        if product is not None:
            return self._rehearsed(to_site, lines, SendLine(product.sku, product.name))
        units = queries.unit_summaries(uow, code, self.services.ctx.clock.today()) if code else []
        shelf = in_stock(units)
        if len(shelf) > 1:
            return Choose(tuple(shelf))
        unit = shelf[0] if shelf else units[0] if units else None
        if unit is None:
            return Unknown(code)
        return self._rehearsed(to_site, lines, SendLine(unit.sku, unit.name, unit.serial))

    def _rehearsed(self, to_site: str, lines: tuple[SendLine, ...], line: SendLine) -> Taken:
        """The lines with ``line`` in, if the transfer with it would be posted."""
        merged = with_line(lines, line)
        command = SendTransfer(to_site, tuple(each.item() for each in merged))
        transfers.send(command, self.services.rehearsal(), self.services.ctx)
        return Taken(merged, line)


def with_line(lines: tuple[SendLine, ...], line: SendLine) -> tuple[SendLine, ...]:
    """The lines with one more: a quantity adds to its product's line, a unit is a line."""
    if line.serial is None:
        for index, each in enumerate(lines):
            if each.serial is None and each.sku == line.sku:
                grown = replace(each, quantity=each.quantity + line.quantity)
                return (*lines[:index], grown, *lines[index + 1 :])
    return (*lines, line)
