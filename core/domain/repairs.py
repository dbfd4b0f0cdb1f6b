"""Repair orders as rules: the statuses an order goes through, which change is allowed, what
the customer pays, and what can be done with a unit brought back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.domain.errors import DomainError
from core.domain.kinds import Event, declare_note
from core.i18n import N_, _


class RepairStatus(StrEnum):
    """Where a repair order stands."""

    ACCEPTED = "accepted"
    """Taken in from the customer; no money changed hands."""
    AT_SUPPLIER = "at_supplier"
    """Sent to the supplier for a warranty decision."""
    BACK_FROM_SUPPLIER = "back_from_supplier"
    IN_REPAIR = "in_repair"
    """Being repaired in the shop's own workshop."""
    READY = "ready"
    """Repaired, waiting for the customer."""
    HANDED_BACK = "handed_back"
    """Given back to the customer (paid, when the repair was paid): the order is closed."""
    REPLACED = "replaced"
    """The customer got another unit under warranty: the order is closed."""
    REFUSED = "refused"
    """The repair was refused, with a reason; the unit still goes back to the customer."""
    WRITTEN_OFF = "written_off"
    """The unit left in repair was written off, with a reason: the order is closed."""

    @property
    def is_open(self) -> bool:
        """True while the order holds the customer's unit."""
        return self not in (
            RepairStatus.HANDED_BACK,
            RepairStatus.REPLACED,
            RepairStatus.WRITTEN_OFF,
        )


STATUS_EVENT = declare_note(Event("repair_status", N_("repair order status")))
"""A status change of a repair order, as the unit's history shows it."""

STATUS_WORDS: dict[RepairStatus, str] = {
    RepairStatus.ACCEPTED: N_("accepted"),
    RepairStatus.AT_SUPPLIER: N_("at the supplier"),
    RepairStatus.BACK_FROM_SUPPLIER: N_("back from the supplier"),
    RepairStatus.IN_REPAIR: N_("in repair"),
    RepairStatus.READY: N_("ready"),
    RepairStatus.HANDED_BACK: N_("handed back"),
    RepairStatus.REPLACED: N_("replaced"),
    RepairStatus.REFUSED: N_("refused"),
    RepairStatus.WRITTEN_OFF: N_("written off"),
}

SET_BY_HAND = (
    RepairStatus.AT_SUPPLIER,
    RepairStatus.BACK_FROM_SUPPLIER,
    RepairStatus.IN_REPAIR,
    RepairStatus.READY,
    RepairStatus.REFUSED,
)
"""The statuses staff set with `till repair status`; the others follow from what is done."""

_ALLOWED: dict[RepairStatus, tuple[RepairStatus, ...]] = {
    RepairStatus.ACCEPTED: SET_BY_HAND,
    RepairStatus.AT_SUPPLIER: (RepairStatus.BACK_FROM_SUPPLIER, RepairStatus.REFUSED),
    RepairStatus.BACK_FROM_SUPPLIER: (
        RepairStatus.IN_REPAIR,
        RepairStatus.READY,
        RepairStatus.AT_SUPPLIER,
        RepairStatus.REFUSED,
    ),
    RepairStatus.IN_REPAIR: (RepairStatus.READY, RepairStatus.AT_SUPPLIER, RepairStatus.REFUSED),
    RepairStatus.READY: (RepairStatus.IN_REPAIR, RepairStatus.REFUSED),
    RepairStatus.REFUSED: (),
}


def status_word(status: RepairStatus | str) -> str:
    """A status in words, in the chosen language."""
    return _(STATUS_WORDS[RepairStatus(status)])


def check_change(number: str, current: RepairStatus, wanted: RepairStatus) -> None:
    """Refuse a status change the order's status does not allow."""
    if wanted in _ALLOWED.get(current, ()):
        return
    raise DomainError(
        _("Repair order {order} is {current}: it cannot become {wanted}.").format(
            order=number, current=status_word(current), wanted=status_word(wanted)
        ),
        rule="repair_status",
    )


def require_open(number: str, status: RepairStatus) -> None:
    """Refuse work on an order that is closed."""
    if not status.is_open:
        raise DomainError(
            _("Repair order {order} is closed ({status}).").format(
                order=number, status=status_word(status)
            ),
            rule="repair_closed",
        )


def can_hand_back(number: str, status: RepairStatus) -> None:
    """Refuse a hand-back of a unit that is not in the shop."""
    require_open(number, status)
    if status is RepairStatus.AT_SUPPLIER:
        raise DomainError(
            _(
                "Repair order {order}: the unit is at the supplier; it cannot be handed back."
            ).format(order=number),
            rule="repair_at_supplier",
        )


def is_overdue(status: RepairStatus, opened_on: date, as_of: date, term_days: int) -> bool:
    """An open order older than the shop's repair term."""
    return status.is_open and (as_of - opened_on).days > term_days


@dataclass(frozen=True)
class Charges:
    """What an order's parts and labour come to, for the customer and for the shop."""

    parts: int
    labour: int
    parts_cost: int
    warranty: bool

    @property
    def customer_total(self) -> int:
        """What the customer pays at hand-back: nothing under warranty."""
        return 0 if self.warranty else self.parts + self.labour

    @property
    def warranty_cost(self) -> int:
        """What a warranty repair costs the shop: its parts at cost and its labour."""
        return self.parts_cost + self.labour if self.warranty else 0


class Offer(StrEnum):
    """What can be done with a unit a customer brings back."""

    REFUND = "refund"
    EXCHANGE = "exchange"
    WARRANTY_SERVICE = "warranty_service"
    PAID_REPAIR = "paid_repair"
    REFUSE = "refuse"


OFFER_WORDS: dict[Offer, str] = {
    Offer.REFUND: N_("refund"),
    Offer.EXCHANGE: N_("exchange"),
    Offer.WARRANTY_SERVICE: N_("accept for warranty service"),
    Offer.PAID_REPAIR: N_("paid repair"),
    Offer.REFUSE: N_("refuse with a reason"),
}


def offer_word(offer: Offer) -> str:
    """An action in words, in the chosen language."""
    return _(OFFER_WORDS[offer])


def offers(
    *,
    sold_by_us: bool,
    with_customer: bool,
    days_since_sale: int | None,
    return_window_days: int,
    warranty_active: bool,
) -> tuple[Offer, ...]:
    """The actions that apply to a unit brought back, in the order the panel shows them.

    Refund and exchange only inside the return window of a unit the shop sold that is with
    the customer; warranty service only while its warranty runs; a paid repair for any unit
    the customer has (also a device the shop never sold); refusing always."""
    found: list[Offer] = []
    ours = sold_by_us and with_customer
    if ours and days_since_sale is not None and days_since_sale <= return_window_days:
        found += [Offer.REFUND, Offer.EXCHANGE]
    if ours and warranty_active:
        found.append(Offer.WARRANTY_SERVICE)
    if with_customer:
        found.append(Offer.PAID_REPAIR)
    found.append(Offer.REFUSE)
    return tuple(found)
