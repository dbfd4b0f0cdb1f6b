"""The back office as the app's screens reach it: each call one service in its own unit of work.

Screens and dialogs hold no unit of work and import no service module; they ask
``services.office`` (built on first use, so the sale screen's start never loads it)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core.commands import ChangeProduct, CorrectReceiptSerials, MoveCash
from core.domain.catalogue import Product, TypePolicy, TypeSettings
from core.domain.day_summary import DaySummary
from core.domain.sites import Site
from core.domain.warranty import WarrantyPeriod
from core.printing import JobKind, PrintJob
from core.reports import (
    DocumentFilter,
    DocumentListRow,
    Page,
    QuantityReport,
    SerialHistory,
    StockFilter,
    StockRow,
    WarrantyFilter,
    WarrantyRow,
)
from core.results import Posted, ProductChanges
from core.services import (
    cashing_up,
    catalogue,
    corrections,
    count_sheets,
    document_search,
    price_check,
    print_jobs,
    queries,
    reports,
    shop_settings,
    sites,
)
from core.services.catalogue import NewProduct
from core.views import (
    CardCheck,
    ChainReport,
    DocumentView,
    JournalRow,
    OpenSheet,
    PriceCheck,
    ShopSettings,
)

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

    def quantities(self, type_path: str | None = None, site: str | None = None) -> QuantityReport:
        """Every product in stock (at one location, or at all) with its quantity and value."""
        return reports.quantities(self.services.uow(), type_path, site=site)

    def sites(self) -> list[Site]:
        """Every location of the shop, by code."""
        return sites.all_sites(self.services.uow())

    def price_check(self, code: str) -> PriceCheck:
        """What a scanned code is, its price and stock (nothing is changed)."""
        today = self.services.ctx.clock.today()
        return price_check.price_check(self.services.uow(), code, today, self.services.ctx.site)

    def products(self, text: str, *, inactive: bool = False) -> list[Product]:
        """Products whose SKU or name holds the text (the first 200)."""
        return catalogue.search_products(self.services.uow(), text, 200, inactive=inactive)

    def add_product(
        self,
        sku: str,
        name: str,
        type_path: str,
        price: int,
        barcodes: tuple[str, ...] = (),
        warranty: WarrantyPeriod | None = None,
    ) -> Product:
        """Add a product to the catalogue."""
        new = NewProduct(sku, name, type_path, price, barcodes, warranty)
        return catalogue.add_product(self.services.uow(), new)

    def change_product(self, change: ChangeProduct) -> ProductChanges:
        """Change a product (its price change is kept with the time and who made it)."""
        return catalogue.change_product(self.services.uow(), self.services.ctx, change)

    def document_filter(self, typed: dict[str, str]) -> DocumentFilter:
        """A journal filter from a form's text (dates as YYYY-MM-DD; empty fields match all)."""
        values = {key: text.strip() or None for key, text in typed.items()}
        return document_search.document_filter(
            kind=values.get("kind"),
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
            customer=values.get("customer"),
            phone=values.get("phone"),
            serial=values.get("serial"),
            till=values.get("till"),
            site=values.get("location"),
        )

    def documents(self, flt: DocumentFilter, after: Cursor) -> Page[DocumentListRow]:
        """A page of the document journal, latest first."""
        return document_search.page(self.services.uow(), flt, after)

    def sale_for_scan(self, code: str) -> str | None:
        """The document a scanned receipt number or serial number opens."""
        return document_search.sale_for_scan(self.services.uow(), code)

    def queue_reprint(self, number: str, kind: JobKind) -> list[PrintJob]:
        """Queue a document's receipt, or every card or label of its units; the stored jobs."""
        uow, ctx = self.services.uow(), self.services.ctx
        if kind is JobKind.RECEIPT:
            return [print_jobs.queue(uow, ctx, kind, document=number)]
        return [
            print_jobs.queue(
                self.services.uow(),
                ctx,
                job.kind,
                document=job.document,
                serial=job.serial,
                product_id=job.product_id,
            )
            for job in print_jobs.document_units(uow, ctx, number, kind)
        ]

    def day(self, shop: bool = False, site: str | None = None) -> DaySummary:
        """Today's summary of this till, of every till of one location, or of the whole shop."""
        ctx = self.services.ctx
        till = None if shop or site else ctx.till
        return cashing_up.summary(self.services.uow(), ctx.clock.today(), till, site)

    def move_cash(self, command: MoveCash) -> DaySummary:
        """Cash paid into or out of this till's drawer."""
        return cashing_up.move_cash(command, self.services.uow(), self.services.ctx)

    def close_day(self) -> DaySummary:
        """Close this till's day; its summary is stored."""
        return cashing_up.close_day(self.services.uow(), self.services.ctx)

    def queue_day_summary(self, summary: DaySummary) -> PrintJob:
        """Queue a day's summary for the receipt printer."""
        return print_jobs.queue(
            self.services.uow(),
            self.services.ctx,
            JobKind.DAY_SUMMARY,
            document=summary.day.isoformat(),
            serial=summary.till,
        )

    def open_sheets(self) -> list[OpenSheet]:
        """Count sheets still open, the latest first."""
        return count_sheets.open_sheets(self.services.uow())
