"""Products as the rules see them: tracking mode, serial rule and warranty, inheritance resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from core.domain.errors import InputError
from core.domain.identifiers import labels, parse_kinds, rule_for
from core.domain.serial_rules import SerialCheck, SerialRule
from core.domain.warranty import WarrantyPeriod
from core.i18n import _


class TrackingMode(StrEnum):
    """How strictly a product's serial numbers are tracked."""

    NONE = "none"
    """No serial numbers; quantity only."""
    SOFT = "soft"
    """Serial numbers asked for but may be skipped; discrepancies warn and are recorded."""
    STRICT = "strict"
    """One serial number per unit, required; discrepancies refuse the operation."""


@dataclass(frozen=True)
class TypeSettings:
    """What one node of the product-type tree sets itself; None means inherit."""

    path: str
    tracking: TrackingMode | None = None
    warranty: WarrantyPeriod | None = None
    sn_pattern: str | None = None
    sn_check: str | None = None
    sn_uppercase: bool | None = None
    card_template: str | None = None
    identifiers: tuple[str, ...] | None = None
    """The identifiers its units carry, in order (``imei``, ``imei``, ``serial``); () none."""


@dataclass(frozen=True)
class TypePolicy:
    """A product type's settings with everything inherited from its ancestors filled in."""

    path: str
    tracking: TrackingMode
    warranty: WarrantyPeriod
    rule: SerialRule
    card_template: str | None
    inherited: frozenset[str] = field(default_factory=frozenset)
    """Names of the settings that came from an ancestor rather than the node itself."""
    identifiers: tuple[str, ...] = ()
    """The identifiers a unit carries, in order; the first is its serial number (``rule``)."""
    base_rule: SerialRule | None = None
    """The type's own SN rule, which a ``serial`` identifier follows (``rule`` when None)."""

    def identifier_rules(self) -> tuple[SerialRule, ...]:
        """The rule of each declared identifier, in order."""
        base = self.base_rule or self.rule
        return tuple(rule_for(kind, base) for kind in self.identifiers)

    def identifier_labels(self) -> tuple[str, ...]:
        """How each declared identifier is named: ``IMEI 1``, ``IMEI 2``, ``SN``."""
        return labels(self.identifiers)


def resolve(chain: list[TypeSettings]) -> TypePolicy:
    """Resolve a type from the root-first chain of its ancestors and itself."""
    values: dict[str, object] = {
        "tracking": TrackingMode.NONE,
        "warranty": WarrantyPeriod(),
        "sn_pattern": None,
        "sn_check": None,
        "sn_uppercase": True,
        "card_template": None,
        "identifiers": (),
    }
    inherited: set[str] = set()
    for depth, node in enumerate(chain):
        own = depth == len(chain) - 1
        for name in values:
            value = getattr(node, name)
            if value is not None:
                values[name] = value
                if own:
                    inherited.discard(name)
                else:
                    inherited.add(name)
    check = values["sn_check"]
    rule = SerialRule(
        uppercase=bool(values["sn_uppercase"]),
        pattern=values["sn_pattern"] if isinstance(values["sn_pattern"], str) else None,
        check=SerialCheck(check) if isinstance(check, str) else None,
    )
    tracking = values["tracking"]
    warranty = values["warranty"]
    assert isinstance(tracking, TrackingMode) and isinstance(warranty, WarrantyPeriod)
    template = values["card_template"]
    kinds = values["identifiers"]
    identifiers = tuple(str(k) for k in kinds) if isinstance(kinds, tuple) else ()
    return TypePolicy(
        path=chain[-1].path if chain else "",
        tracking=tracking,
        warranty=warranty,
        rule=rule_for(identifiers[0], rule) if identifiers else rule,
        card_template=template if isinstance(template, str) else None,
        inherited=frozenset(inherited),
        identifiers=identifiers,
        base_rule=rule if identifiers else None,
    )


@dataclass(frozen=True)
class Product:
    """A sellable product with its type's policy resolved."""

    id: int
    sku: str
    name: str
    type_path: str
    price: int
    """Price in minor units (kopecks)."""
    policy: TypePolicy
    own_warranty: WarrantyPeriod | None = None
    barcodes: tuple[str, ...] = ()
    active: bool = True
    """False once taken out of the range: hidden from searches, refused in receipts."""

    @property
    def tracking(self) -> TrackingMode:
        """The product's tracking mode, from its type."""
        return self.policy.tracking

    @property
    def warranty(self) -> WarrantyPeriod:
        """The product's own warranty period, else its type's."""
        return self.own_warranty if self.own_warranty is not None else self.policy.warranty

    @property
    def tracked(self) -> bool:
        """True when serial numbers are asked for (soft or strict)."""
        return self.tracking is not TrackingMode.NONE

    def label(self) -> str:
        """How messages name the product: its name and SKU."""
        return f"{self.name} ({self.sku})"


def validate_type(settings: TypeSettings) -> TypeSettings:
    """Check a type's own settings, refusing a bad pattern or check name."""
    if settings.sn_check is not None and settings.sn_check not in {c.value for c in SerialCheck}:
        raise InputError(
            _("Unknown SN check “{check}”: the known one is imei.").format(check=settings.sn_check)
        )
    SerialRule(pattern=settings.sn_pattern)
    if settings.identifiers:
        parse_kinds(",".join(settings.identifiers))
    return settings


def parse_tracking(value: str) -> TrackingMode:
    """A tracking mode from its name, with a clear error."""
    try:
        return TrackingMode(value.strip().lower())
    except ValueError:
        raise InputError(
            _("Unknown tracking mode “{value}”: use none, soft or strict.").format(value=value)
        ) from None


def stranding(
    old: TrackingMode, new: TrackingMode, on_hand: int, serials_in_stock: int
) -> tuple[int, str] | None:
    """Why changing a product's tracking from ``old`` to ``new`` would strand units in stock:
    how many and what would go wrong; None when the change is safe.

    Strict units carry no FIFO layers (they are costed one by one), quantities carry no
    serial numbers, and soft units' serial numbers would be left in stock unseen."""
    if old is new:
        return None
    if old is TrackingMode.STRICT and serials_in_stock:
        return serials_in_stock, _("units in stock are costed one by one by their SN")
    if new is TrackingMode.STRICT and on_hand:
        return on_hand, _("units in stock have no SN that strict tracking could sell them by")
    if new is TrackingMode.NONE and serials_in_stock:
        return serials_in_stock, _("units in stock are known by their SN")
    return None
