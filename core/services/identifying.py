"""Units with several identifiers: checking them at receipt, and finding a unit by any of them."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.catalogue import Product
from core.domain.document_check import RuleCheck
from core.domain.identifiers import Identifier, split_unit
from core.domain.tracking import Discrepancy
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.services.posting import Posting


def primaries(product: Product, given: Sequence[str]) -> list[str]:
    """The primary serial number of each unit as given (``IMEI1|IMEI2|SN`` → ``IMEI1``)."""
    kinds = product.policy.identifiers
    if not kinds:
        return list(given)
    return [split_unit(text, kinds)[0] for text in given]


def receive_identifiers(posting: Posting, product: Product, serial: str, text: str) -> None:
    """Check a received unit's identifiers across the whole stock and note them.

    ``serial`` is the unit's primary serial number, already checked as every serial number
    is. Each identifier after it must pass its own rule, appear once in the document, and
    belong to no other unit in stock; under strict tracking a broken rule refuses the
    receipt naming the identifier, under soft tracking it warns."""
    policy = product.policy
    parts = split_unit(text, policy.identifiers)
    rules, labels = policy.identifier_rules(), policy.identifier_labels()
    found: list[Identifier] = []
    for position, raw in enumerate(parts):
        if not raw:
            continue
        code = serial if position == 0 else rules[position].normalise(raw)
        label = labels[position]
        identifier = Identifier(position, policy.identifiers[position], code, label)

        def broken(rule: str, message: str, code: str = code) -> None:
            discrepancy = Discrepancy(rule, message, product.sku, serial)
            posting.check(RuleCheck(product, discrepancy))

        problem = rules[position].problem(code) if position else None
        if problem:
            broken(
                "sn_format",
                _("{label} {code} of {product} is refused: {problem}.").format(
                    label=label, code=code, product=product.label(), problem=problem
                ),
            )
            continue
        if position and (code in posting.codes or any(i.code == code for i in found)):
            broken(
                "duplicate_in_document",
                _("{label} {code} of {product} is already in this document.").format(
                    label=label, code=code, product=product.label()
                ),
            )
            continue
        holders = [
            (sku, other)
            for product_id, other, sku in posting.uow.identifiers.in_stock_with(code)
            if (product_id, other) != (product.id, serial)
        ]
        if holders:
            sku, other = holders[0]
            broken(
                "identifier_in_stock",
                _(
                    "{label} {code} of {product} belongs to another unit in stock: "
                    "{sku} SN {other}."
                ).format(label=label, code=code, product=product.label(), sku=sku, other=other),
            )
            continue
        found.append(identifier)
    posting.identify(product, serial, tuple(found))


def primary_serial(uow: UnitOfWork, product: Product, code: str) -> str | None:
    """The primary serial number of this product's unit that carries the code, if one does."""
    if not product.policy.identifiers or not code:
        return None
    spellings = list(dict.fromkeys([code.strip(), code.strip().upper()]))
    serials = uow.identifiers.serials_of(product.id, spellings)
    return serials[0] if len(serials) == 1 else None
