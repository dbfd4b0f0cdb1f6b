"""The document journal: find any posted document, and the sale a scanned code belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from core.domain import limits
from core.domain.errors import InputError
from core.domain.kinds import DocumentKind, declared
from core.domain.limits import TextLimit
from core.domain.sites import site_code
from core.i18n import _
from core.persistence.unit_of_work import UnitOfWork
from core.reports import PAGE_SIZE, DocumentFilter, DocumentListRow, Page
from core.services.queries import spellings
from core.services.reports import every_page


def document_filter(
    *,
    kind: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    customer: str | None = None,
    phone: str | None = None,
    serial: str | None = None,
    till: str | None = None,
    site: str | None = None,
) -> DocumentFilter:
    """A filter from typed values, each checked at the input boundary; a kind by its name."""
    if kind is not None:
        try:
            kind = DocumentKind(kind.strip().lower()).value
        except ValueError:
            known = ", ".join(spec.name for spec in declared())
            raise InputError(
                _("There is no document kind “{kind}”: use one of {known}.").format(
                    kind=limits.shown(kind), known=known
                )
            ) from None
    customer = limits.optional_text(_("Customer"), customer, TextLimit.PARTY)
    phone = limits.optional_text(_("Phone"), phone, TextLimit.PHONE)
    serial = limits.optional_text(_("Serial number"), serial, TextLimit.CODE)
    return DocumentFilter(
        kind=kind,
        date_from=_day(date_from),
        date_to=_day(date_to),
        customer=customer,
        phone=phone,
        serials=tuple(spellings(serial)) if serial else (),
        till=limits.optional_text(_("Till"), till, TextLimit.CODE),
        site=site_code(site) if site else None,
    )


def _day(value: date | str | None) -> date | None:
    """A date, or one typed as YYYY-MM-DD, within the years the till accepts."""
    if not isinstance(value, str):
        return None if value is None else limits.day(_("Date"), value)
    try:
        typed = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            _("“{text}” is not a date: write it as YYYY-MM-DD.").format(text=limits.shown(value))
        ) from None
    return limits.day(_("Date"), typed)


def page(
    uow: UnitOfWork,
    flt: DocumentFilter,
    after: tuple[object, ...] | None = None,
    limit: int = PAGE_SIZE,
) -> Page[DocumentListRow]:
    """One page of documents, latest first."""
    return uow.document_search.page(flt, after, limit)


def every(uow: UnitOfWork, flt: DocumentFilter, batch: int = 500) -> Iterator[DocumentListRow]:
    """Every matching document, fetched page by page (for exports)."""
    return every_page(lambda after: page(uow, flt, after, batch))


def sale_for_scan(uow: UnitOfWork, code: str) -> str | None:
    """The document a scanned code opens: a receipt's printed number opens that document, a
    unit's serial number the latest sale of it; None when the code is neither."""
    text = code.strip()
    if not text:
        return None
    number = uow.document_search.number_of(text.upper())
    return (
        number if number is not None else uow.document_search.last_sale_of(tuple(spellings(text)))
    )
