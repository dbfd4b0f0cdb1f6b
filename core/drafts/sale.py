"""The sale being rung up: the cart as a value, and the draft that tells what each scan means.

Every check is the core's own: the sale with the new item is rehearsed, so a line goes in
only when the real sale would accept it. ``decide`` reads and rehearses without changing the
draft (a front end runs it in a worker); ``apply`` changes the draft as the step says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from core.commands import Payment, RecordSale
from core.domain.catalogue import Product
from core.domain.errors import DomainError, NotFound, TillError
from core.domain.movements import UnitState
from core.domain.tracking import Discrepancy
from core.domain.units import state_name
from core.drafts import kit_sale
from core.drafts.cart import Cart, CartLine
from core.drafts.entry import Scan
from core.drafts.kit_sale import AskKit, KitPending, KitSerial
from core.drafts.steps import Choose, EndedSerials, Refused, in_stock, refusing
from core.i18n import _
from core.ports import Ledger
from core.results import Posted
from core.services import catalogue, holds, identifying, kits, queries, selling
from core.views import UnitSummary


@dataclass(frozen=True)
class Added:
    """The line passed every check and went in."""

    line: CartLine


@dataclass(frozen=True)
class AskSerial:
    """A tracked product was scanned: its serial numbers are asked for."""

    product: Product


@dataclass(frozen=True)
class Changed:
    """An edit (quantity, price) passed every check: the cart as it is now."""

    cart: Cart


@dataclass(frozen=True)
class Resumed:
    """A saved sale as it can be sold now, and a message for each line left out."""

    cart: Cart
    dropped: tuple[str, ...]


SaleStep = Added | AskSerial | Choose | EndedSerials | Changed | Refused | AskKit | KitSerial
"""What a scan, a chosen unit or an edit did to the sale."""


class SaleDraft:
    """The sale at the till: takes scans, answers steps, posts the sale."""

    def __init__(self, ledger: Ledger, *, loop: bool = True) -> None:
        self.ledger = ledger
        self.cart = Cart(loop=loop)
        """The sale as it stands; front ends may replace it with an edited cart."""
        self.kit: KitPending | None = None
        """The kit whose components' SNs are being asked for, if any."""

    def take(self, scan: Scan | None) -> SaleStep:
        """Decide what a scan means and apply it (None ends serial entry)."""
        return self.apply(self.decide(scan))

    def decide(self, scan: Scan | None) -> SaleStep:
        """What a scan means now: a serial number, a product, or a unit; None ends serials.

        While serial numbers of a product are asked for, a code is its next serial number;
        once a unit is in, another product's code ends the loop and is taken as that product
        (the same product's box barcode still goes to the core, which refuses it as an SN)."""
        if scan is None:
            return EndedSerials()
        cart = self.cart
        kit = self.kit
        if kit is not None:
            return refusing(lambda: self._kit_scan(cart, kit, scan.text), "serial")
        about = "serial" if cart.pending else "code"
        return refusing(lambda: self._resolve(cart, scan.text), about)

    def pick(self, unit: UnitSummary) -> SaleStep:
        """The unit the cashier chose among several with one serial number."""
        cart = self.cart
        return refusing(lambda: self._add(cart, self._product(unit.sku), unit.serial), "code")

    def edit(self, change: Callable[[Cart], Cart]) -> SaleStep:
        """A changed cart (quantity, price), if the sale would accept it."""
        before = self.cart
        after = change(before)
        return refusing(lambda: self._edited(before, after), "edit")

    def apply(self, step: SaleStep) -> SaleStep:
        """Change the cart as the step says; a refusal or a choice leaves it as it was."""
        cart = self.cart
        if isinstance(step, Added):
            self.cart = cart.add(step.line)
            self._kit_added(step.line)
        elif isinstance(step, AskKit | KitSerial):
            self.kit = step.kit
        elif isinstance(step, AskSerial):
            product = step.product
            self.cart = cart.ask_serials(product.sku, product.name, product.tracking.value)
        elif isinstance(step, EndedSerials):
            self.cart = cart.end_serials()
            self.kit = None
        elif isinstance(step, Changed):
            self.cart = step.cart
        return step

    def post(
        self, payment: Payment = Payment.CASH, tendered: int | None = None, cart: Cart | None = None
    ) -> Posted:
        """Post the sale for real (a refusal raises and leaves the draft as it was).

        ``cart`` is the sale as the customer agreed to pay it, when a front end kept it."""
        command = (cart or self.cart).sale(payment, tendered)
        return selling.sell(command, self.ledger.uow(), self.ledger.ctx)

    def remove(self, index: int) -> SaleStep:
        """Take a line out of the sale; the unit it held is free for other tills at once."""
        cart = self.cart
        return refusing(lambda: self._removed(cart, index), "edit")

    def clear(self) -> None:
        """Start the next customer's sale, keeping the loop setting."""
        self.cart = self.cart.cleared()
        self.kit = None

    def resume(self, saved: Cart) -> Resumed:
        """A saved sale checked line by line against the ledger as it is now (reads and
        rehearsals only; the front end puts ``Resumed.cart`` in the draft). What can no
        longer be sold (a unit sold meanwhile, a product gone) is left out, one message
        each; current catalogue names and prices replace the saved ones, unless the cashier
        had set the price. The sale keeps its request id: had it been posted just before the
        crash, posting it again posts nothing new."""
        cart = replace(saved, lines=(), pending=None)
        dropped: list[str] = []
        for line in saved.lines:
            try:
                fresh = self._current(line)
                warnings = self._rehearse(cart, replace(cart, lines=(*cart.lines, fresh)))
            except TillError as error:
                dropped.append(_left_out(line, error))
                continue
            cart = replace(cart, lines=(*cart.lines, replace(fresh, warnings=warnings)))
        return Resumed(cart, tuple(dropped))

    def abandon(self) -> None:
        """Drop the sale unpaid: its units are free for other tills at once."""
        holds.release(self.ledger.uow(), self.cart.request)
        self.clear()

    def _removed(self, cart: Cart, index: int) -> Changed:
        line = cart.lines[index]
        if line.serial:
            product = self._product(line.sku)
            holds.release(self.ledger.uow(), cart.request, product, line.serial)
        return Changed(cart.remove(index))

    def _resolve(self, cart: Cart, text: str) -> SaleStep:
        pending = cart.pending
        product = catalogue.find_product(self.ledger.uow(), text) if text else None
        if pending is not None and not (pending.added and product and product.sku != pending.sku):
            if not text and pending.added:
                return EndedSerials()
            return self._add(cart, self._product(pending.sku), text or None)
        if product is not None:
            kit = kits.kit_of(self.ledger.uow(), product)
            if kit is not None:
                return AskKit(KitPending.of(kit)) if kit.tracked else self._add(cart, product, None)
            return AskSerial(product) if product.tracked else self._add(cart, product, None)
        return self._by_serial(cart, text) if text else EndedSerials()

    def _by_serial(self, cart: Cart, serial: str) -> SaleStep:
        """A serial number scanned alone: its unit if in stock (a choice when several are)."""
        units = queries.unit_summaries(self.ledger.uow(), serial, self.ledger.ctx.clock.today())
        shelf = in_stock(units)
        if len(shelf) == 1:
            return self._add(cart, self._product(shelf[0].sku), shelf[0].serial)
        if shelf:
            return Choose(tuple(shelf))
        if units:
            unit = units[0]
            message = _("Serial number {serial} ({name}) is not in stock: {state}.")
            state = state_name(UnitState(unit.state))
            raise DomainError(
                message.format(serial=unit.serial, name=unit.name, state=state),
                rule="not_in_stock",
                title=_("Not in stock"),
            )
        message = _('"{code}" is neither a product code nor a serial number this shop knows.')
        raise NotFound(message.format(code=serial), title=_("Unknown code"))

    def _product(self, code: str) -> Product:
        product = catalogue.find_product(self.ledger.uow(), code)
        if product is None:
            raise NotFound(_("There is no product {code}.").format(code=code))
        return product

    def _add(self, cart: Cart, product: Product, serial: str | None) -> Added:
        """One unit of a product (by serial number when given), if the sale would accept it.

        A unit by serial number is then held for this sale: another till scanning it is told
        who has it (and this till is, when another till got it first)."""
        normalised = product.policy.rule.normalise(serial) if serial else None
        if normalised and product.policy.identifiers:
            found = identifying.primary_serial(self.ledger.uow(), product, normalised)
            normalised = found or normalised
        line = CartLine(product.sku, product.name, product.price, serial=normalised)
        warnings = self._rehearse(cart, replace(cart, lines=(*cart.lines, line)))
        if normalised:
            holds.hold(self.ledger.uow(), self.ledger.ctx, product, normalised, cart.request)
        return Added(replace(line, warnings=warnings))

    def _current(self, line: CartLine) -> CartLine:
        """A saved line with the product's name and price as the catalogue has them now."""
        product = self._product(line.sku)
        price = line.unit_price if line.price_override else product.price
        return replace(line, name=product.name, unit_price=price, warnings=())

    def _kit_scan(self, cart: Cart, kit: KitPending, text: str) -> SaleStep:
        """A code while a kit's SNs are asked for: the next SN; empty finishes the kit."""
        if not text:
            if not kit.started:
                return EndedSerials()
            kit_sale.require_complete(kit)
            return self._add_kit(cart, kit)
        if not kit.started:
            assembled = kits.assembled_serial(self.ledger.uow(), kit.sku, text)
            if assembled is not None:
                return self._add_kit(cart, replace(kit, placed=((assembled,),)))
        step = kit_sale.check(self.ledger, kit, text)
        return step if step.kit.asking is not None else self._add_kit(cart, step.kit)

    def _add_kit(self, cart: Cart, kit: KitPending) -> Added:
        """The kit with its components' SNs as one line, if the whole sale would accept it."""
        line = CartLine(kit.sku, kit.name, kit.price, serial=kit.item_serial() or None)
        warnings = self._rehearse(cart, replace(cart, lines=(*cart.lines, line)))
        return Added(replace(line, warnings=warnings))

    def _kit_added(self, line: CartLine) -> None:
        """After a kit went in: ask for the next one in loop mode, else stop asking."""
        kit = self.kit
        if kit is None or line.sku != kit.sku:
            return
        self.kit = KitPending.of_next(kit) if self.cart.loop else None

    def _edited(self, before: Cart, after: Cart) -> Changed:
        self._rehearse(before, after)
        return Changed(after)

    def _rehearse(self, before: Cart, after: Cart) -> tuple[Discrepancy, ...]:
        """Run the sale of ``after`` and roll it back; the warnings ``before`` did not have."""
        ledger = self.ledger
        command = RecordSale(after.items(), request_id=after.request)
        posted = selling.sell(command, ledger.rehearsal(), ledger.ctx)
        return before.new_warnings(posted.warnings)


def _left_out(line: CartLine, error: TillError) -> str:
    """Why a saved line is not in the resumed sale, naming its SN."""
    if line.serial:
        message = _("SN {serial} ({name}) is left out of the restored sale: {reason}")
        return message.format(serial=line.serial, name=line.name, reason=error.message)
    message = _("{name} ({sku}) is left out of the restored sale: {reason}")
    return message.format(name=line.name, sku=line.sku, reason=error.message)
