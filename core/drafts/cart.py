"""The sale being rung up, as a value: lines, customer, and the product waiting for SNs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from uuid import uuid4

if TYPE_CHECKING:
    from core.commands import Item, Payment, RecordSale
    from core.domain.tracking import Discrepancy


@dataclass(frozen=True)
class CartLine:
    """One line of the sale: a unit by serial number, or a quantity of one product at one price."""

    sku: str
    name: str
    unit_price: int
    """Minor units: the catalogue price, or the override when ``price_override``."""
    quantity: int = 1
    serial: str | None = None
    price_override: bool = False
    warnings: tuple[Discrepancy, ...] = ()
    """Soft-tracking warnings the core gave when this line went in."""

    @property
    def total(self) -> int:
        """Quantity times unit price."""
        return self.quantity * self.unit_price

    def item(self) -> Item:
        """The line as the sale command names it."""
        from core.commands import Item

        price = self.unit_price if self.price_override else None
        return Item(self.sku, self.serial, self.quantity, price)

    def same_goods(self, other: CartLine) -> bool:
        """True when both lines are the same product at the same price without serial numbers."""
        return (
            self.serial is None
            and other.serial is None
            and (self.sku, self.unit_price, self.price_override)
            == (other.sku, other.unit_price, other.price_override)
        )


@dataclass(frozen=True)
class Pending:
    """A tracked product whose serial numbers the till is asking for."""

    sku: str
    name: str
    tracking: str
    """``strict`` or ``soft``, as the core reports the product's tracking mode."""
    added: int = 0
    """Units of it added since the till started asking."""


@dataclass(frozen=True)
class Cart:
    """The sale being rung up: lines, customer, and the product waiting for serial numbers."""

    lines: tuple[CartLine, ...] = ()
    customer: str = ""
    phone: str = ""
    loop: bool = True
    """Keep asking for the next serial number of the same product after each one."""
    pending: Pending | None = None
    request: str = field(default_factory=lambda: uuid4().hex)
    """This sale's request id: posting it twice (a retry after a crash) posts it once."""

    @property
    def total(self) -> int:
        """What the customer pays, in minor units."""
        return sum(line.total for line in self.lines)

    @property
    def units(self) -> int:
        """How many units the sale holds."""
        return sum(line.quantity for line in self.lines)

    def items(self, extra: Item | None = None) -> tuple[Item, ...]:
        """The sale's items, with one more at the end when checking a new one."""
        items = tuple(line.item() for line in self.lines)
        return items if extra is None else (*items, extra)

    def warnings(self) -> tuple[Discrepancy, ...]:
        """Every warning recorded on the lines."""
        return tuple(w for line in self.lines for w in line.warnings)

    def new_warnings(self, seen: Iterable[Discrepancy]) -> tuple[Discrepancy, ...]:
        """The warnings of a check that the lines do not carry yet."""
        fresh = Counter(seen) - Counter(self.warnings())
        return tuple(fresh.elements())

    def add(self, line: CartLine) -> Cart:
        """Add a line (merging it into the same goods), counting it for the pending product.

        Another product's line ends the serial entry of the pending one."""
        lines = list(self.lines)
        for index, old in enumerate(lines):
            if old.same_goods(line):
                merged = old.quantity + line.quantity
                lines[index] = replace(old, quantity=merged, warnings=old.warnings + line.warnings)
                break
        else:
            lines.append(line)
        cart = replace(self, lines=tuple(lines))
        pending = self.pending
        if pending is not None and pending.sku != line.sku:
            return cart.end_serials()
        if pending is not None:
            cart = replace(cart, pending=replace(pending, added=pending.added + 1))
            if not self.loop:
                cart = cart.end_serials()
        return cart

    def ask_serials(self, sku: str, name: str, tracking: str) -> Cart:
        """Start asking for serial numbers of a tracked product."""
        return replace(self, pending=Pending(sku, name, tracking))

    def end_serials(self) -> Cart:
        """Stop asking for serial numbers."""
        return replace(self, pending=None)

    def index_of(self, line: CartLine) -> int:
        """Where a line (or the line it merged into) sits."""
        for index, old in enumerate(self.lines):
            if old == line or old.same_goods(line) or (line.serial and old.serial == line.serial):
                return index
        return len(self.lines) - 1

    def replace_line(self, index: int, line: CartLine) -> Cart:
        """The cart with one line changed."""
        lines = list(self.lines)
        lines[index] = line
        return replace(self, lines=tuple(lines))

    def remove(self, index: int) -> Cart:
        """The cart without one line."""
        return replace(self, lines=self.lines[:index] + self.lines[index + 1 :])

    def with_quantity(self, index: int, quantity: int) -> Cart:
        """The cart with a line's quantity changed."""
        return self.replace_line(index, replace(self.lines[index], quantity=quantity))

    def with_price(self, index: int, price: int) -> Cart:
        """The cart with a line's unit price overridden."""
        line = replace(self.lines[index], unit_price=price, price_override=True)
        return self.replace_line(index, line)

    def with_customer(self, name: str, phone: str) -> Cart:
        """The cart with the customer's name and phone."""
        return replace(self, customer=name.strip(), phone=phone.strip())

    def toggle_loop(self) -> Cart:
        """Switch scanning serial numbers in a loop on or off."""
        return replace(self, loop=not self.loop)

    def cleared(self) -> Cart:
        """An empty cart for the next customer, keeping the loop setting."""
        return Cart(loop=self.loop)

    def sale(self, payment: Payment, tendered: int | None = None) -> RecordSale:
        """The command that posts this sale (the commands load when a sale is first posted:
        the sale screen paints before them)."""
        from core.commands import RecordSale

        return RecordSale(
            self.items(),
            customer=self.customer or None,
            phone=self.phone or None,
            payment=payment,
            tendered=tendered,
            request_id=self.request,
        )

    def change(self, tendered: int) -> int:
        """Change due from a cash amount handed over (negative when it is short)."""
        return tendered - self.total
