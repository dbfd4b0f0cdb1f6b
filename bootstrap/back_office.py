"""The back office as the app's screens reach it: each call one service in its own unit of work.

Screens and dialogs hold no unit of work and import no service module; they ask
``services.office`` (built on first use, so the sale screen's start never loads it)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core.commands import CorrectReceiptSerials
from core.domain.catalogue import Product, TypePolicy, TypeSettings
from core.printing import JobKind, PrintJob
from core.reports import Page, SerialHistory, StockFilter, StockRow, WarrantyFilter, WarrantyRow
from core.results import Posted
from core.services import catalogue, corrections, print_jobs, queries, reports, shop_settings
from core.views import CardCheck, ChainReport, DocumentView, JournalRow, ShopSettings

if TYPE_CHECKING:
    from bootstrap.services import Services

Cursor = tuple[object, ...] | None
"""Where a report page starts: the keyset of the last row already shown."""


class BackOffice:
    """Reports, catalogue types, settings, corrections and the print queue for the app."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def stock(self, flt: StockFilter, after: Cursor) -> tuple[Page[StockRow], int]:
        """A page of units in stock and how many match in all."""
        uow = self.services.uow()
        return reports.stock_page(uow, flt, after), reports.stock_count(uow, flt)

    def warranty(self, flt: WarrantyFilter, after: Cursor) -> tuple[Page[WarrantyRow], int]:
        """A page of sold units with their warranty and how many match in all."""
        uow = self.services.uow()
        return reports.warranty_page(uow, flt, after), reports.warranty_count(uow, flt)

    def product(self, code: str) -> Product | None:
        """The product with this SKU or barcode, if any."""
        return catalogue.find_product(self.services.uow(), code)

    def type_tree(self) -> list[tuple[TypeSettings, TypePolicy]]:
        """Every product type with its own settings and what it inherits."""
        return catalogue.type_tree(self.services.uow())

    def set_type(self, settings: TypeSettings) -> TypePolicy:
        """Create or change a product type."""
        return catalogue.set_type(self.services.uow(), settings, self.services.ctx)

    def save_settings(self, shop: ShopSettings) -> ShopSettings:
        """Save the shop settings over the configuration's defaults."""
        return shop_settings.save(self.services.uow(), shop, self.services.ctx)

    def document(self, number: str) -> DocumentView:
        """A posted document with its lines and serial numbers."""
        return queries.document(self.services.uow(), number)

    def correct_receipt_serials(self, command: CorrectReceiptSerials) -> Posted:
        """Post a correction of a receipt's serial numbers."""
        return corrections.correct_receipt_serials(command, self.services.uow(), self.services.ctx)

    def serial_history(self, serial: str, today: date) -> list[SerialHistory]:
        """The whole life of every unit with this serial number."""
        return queries.serial_history(self.services.uow(), serial, today)

    def record(self, kind: str, *, document: str | None = None, detail: str | None = None) -> None:
        """Write an entry into the action journal, as the signed-in user at this till."""
        from core.services.journal import record

        record(self.services.uow(), self.services.ctx, kind, document=document, detail=detail)

    def journal(
        self, user: str | None = None, kind: str | None = None, since: date | None = None
    ) -> list[JournalRow]:
        """The journal's last entries matching the filters, oldest first."""
        from core.services.journal import entries

        return entries(self.services.rehearsal(), user=user, kind=kind, since=since, limit=500)

    def verify_chain(self) -> ChainReport:
        """The tamper-evident chain walked on a snapshot (tills go on selling)."""
        from core.services.chain_check import verify_chain

        return verify_chain(self.services.rehearsal())

    def check_card(self, payload: str) -> CardCheck:
        """A scanned warranty card checked offline: genuine, and still matching the records."""
        from core.services.cards import check_card

        services = self.services
        return check_card(
            services.uow(), payload, services.card_key(create=False), services.ctx.clock.today()
        )

    def waiting_jobs(self) -> list[PrintJob]:
        """Print jobs not printed yet."""
        return print_jobs.waiting(self.services.uow())

    def queue_label(self, serial: str, sku: str) -> PrintJob:
        """Queue the SN label of one unit."""
        product = self.product(sku)
        return print_jobs.queue(
            self.services.uow(),
            self.services.ctx,
            JobKind.LABEL,
            serial=serial,
            product_id=product.id if product is not None else None,
        )
