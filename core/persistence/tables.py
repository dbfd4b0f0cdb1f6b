"""Table definitions. Movements are the ledger; serial_unit, stock_level and cost_layer are
projections kept in the same transaction and rebuildable from the movements."""

from __future__ import annotations

from peewee import (
    SQL,
    BigIntegerField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database = DatabaseProxy()


class Base(Model):
    """Common model settings."""

    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(Base):
    """One row: the schema version this database was migrated to."""

    version = IntegerField()


class ProductType(Base):
    """A node of the product-type tree; None in a setting means inherit from the parent."""

    path = CharField(max_length=400, unique=True)
    name = CharField(max_length=200)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    tracking = CharField(max_length=10, null=True)
    warranty_months = IntegerField(null=True)
    warranty_days = IntegerField(null=True)
    sn_pattern = CharField(max_length=400, null=True)
    sn_check = CharField(max_length=20, null=True)
    sn_uppercase = BooleanField(null=True)
    card_template = CharField(max_length=200, null=True)


class Product(Base):
    """A product of the catalogue."""

    sku = CharField(max_length=64, unique=True)
    name = CharField(max_length=300)
    type = ForeignKeyField(ProductType, backref="products", on_delete="RESTRICT")
    price = BigIntegerField()
    warranty_months = IntegerField(null=True)
    warranty_days = IntegerField(null=True)
    active = BooleanField(default=True, constraints=[SQL("DEFAULT TRUE")])
    """False for a product taken out of the range: hidden from searches, refused in receipts."""


class Barcode(Base):
    """A barcode printed on a product's box; one product may have several."""

    code = CharField(max_length=64, unique=True)
    product = ForeignKeyField(Product, backref="barcodes", on_delete="CASCADE")


class Counter(Base):
    """The last number issued for each kind of document."""

    kind = CharField(max_length=20, primary_key=True)
    last = IntegerField(default=0)


class Document(Base):
    """A posted document: receipt, sale, return, supplier return, write-off, correction."""

    number = CharField(max_length=20, unique=True)
    kind = CharField(max_length=20, index=True)
    date = DateField(index=True)
    created_at = DateTimeField()
    party = CharField(max_length=200, null=True)
    phone = CharField(max_length=40, null=True)
    external_number = CharField(max_length=64, null=True)
    reason = TextField(null=True)
    ref = ForeignKeyField("self", null=True, backref="referrers", on_delete="RESTRICT")
    payment = CharField(max_length=20, null=True)
    total = BigIntegerField(default=0)
    till = CharField(max_length=40)
    operator = CharField(max_length=80)
    site = CharField(max_length=40, null=True)
    """The location it was posted at; NULL for the main one (``core.domain.sites``)."""
    to_site = CharField(max_length=40, null=True)
    """A transfer's receiving location."""

    class Meta:
        indexes = ((("phone",), False), (("till", "date"), False), (("site", "date"), False))


class DocumentLine(Base):
    """A line of a document: a product, a quantity and a unit amount."""

    document = ForeignKeyField(Document, backref="lines", on_delete="RESTRICT")
    position = IntegerField()
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    quantity = IntegerField()
    unit_amount = BigIntegerField()
    cost = BigIntegerField(default=0)


class Movement(Base):
    """One append-only ledger line; triggers refuse UPDATE and DELETE."""

    at = DateTimeField()
    kind = CharField(max_length=20)
    document = ForeignKeyField(Document, on_delete="RESTRICT")
    line = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT")
    origin = ForeignKeyField(Document, null=True, on_delete="RESTRICT", backref="corrections")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, null=True)
    quantity = IntegerField()
    from_location = CharField(max_length=20)
    to_location = CharField(max_length=20)
    unit_cost = BigIntegerField()
    unit_price = BigIntegerField(null=True)
    layer = ForeignKeyField(DocumentLine, null=True, on_delete="RESTRICT", backref="draws")
    warranty_end = DateField(null=True)
    note = TextField(null=True)
    till = CharField(max_length=40)
    operator = CharField(max_length=80)
    site = CharField(max_length=40, null=True)
    """The location where it happened; NULL for the main one."""

    class Meta:
        indexes = ((("product", "serial"), False), (("serial",), False))


class SerialUnit(Base):
    """Projection: where each serial unit is now, with its receipt and last sale."""

    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, index=True)
    state = CharField(max_length=24)
    location = CharField(max_length=20)
    cost = BigIntegerField()
    received_doc = CharField(max_length=20, null=True)
    received_on = DateField(null=True)
    supplier = CharField(max_length=200, null=True)
    sale_doc = CharField(max_length=20, null=True)
    sold_on = DateField(null=True)
    customer = CharField(max_length=200, null=True)
    phone = CharField(max_length=40, null=True)
    price = BigIntegerField(null=True)
    warranty_end = DateField(null=True)
    site = CharField(max_length=40, default="main", constraints=[SQL("DEFAULT 'main'")])
    """The location of its last movement (where it is in stock, or was sold)."""

    class Meta:
        indexes = (
            (("product", "serial"), True),
            (("state", "sold_on", "id", "warranty_end"), False),
            (("state", "warranty_end"), False),
            (("state", "received_on", "id"), False),
        )


class StockLevel(Base):
    """Projection: quantity on hand per product and location."""

    product = ForeignKeyField(Product, on_delete="RESTRICT")
    site = CharField(max_length=40, default="main", constraints=[SQL("DEFAULT 'main'")])
    on_hand = BigIntegerField(default=0)
    """A sum of many lines: 64-bit on both engines (one line holds at most 1,000,000)."""

    class Meta:
        primary_key = CompositeKey("product", "site")


class CostLayer(Base):
    """Projection: FIFO cost layers of goods costed by quantity (untracked and soft), per
    location: goods transferred keep their receipt line, so they keep their age and cost."""

    line = ForeignKeyField(DocumentLine, on_delete="RESTRICT")
    site = CharField(max_length=40, default="main", constraints=[SQL("DEFAULT 'main'")])
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    unit_cost = BigIntegerField()
    remaining = IntegerField()

    class Meta:
        primary_key = CompositeKey("line", "site")
        indexes = ((("product", "line"), False),)


class TrackingWarning(Base):
    """A soft-tracking discrepancy recorded with the document that caused it."""

    document = ForeignKeyField(Document, backref="warnings", on_delete="RESTRICT")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, null=True)
    rule = CharField(max_length=40)
    message = TextField()


class CountSheet(Base):
    """A stock count: its scope, when it was opened, and the document that posted it."""

    number = CharField(max_length=20, unique=True)
    scope = CharField(max_length=400)
    status = CharField(max_length=10)
    opened_at = DateTimeField()
    opened_on = DateField()
    till = CharField(max_length=40)
    operator = CharField(max_length=80)
    document = ForeignKeyField(Document, null=True, on_delete="RESTRICT")
    site = CharField(max_length=40, default="main", constraints=[SQL("DEFAULT 'main'")])
    """The location counted: its stock is what the sheet expects."""


class CountProduct(Base):
    """A product the sheet covers."""

    sheet = ForeignKeyField(CountSheet, on_delete="CASCADE")
    product = ForeignKeyField(Product, on_delete="RESTRICT")

    class Meta:
        indexes = ((("sheet", "product"), True),)


class CountExpected(Base):
    """What the ledger held when the sheet was opened: serial units and quantities."""

    sheet = ForeignKeyField(CountSheet, on_delete="CASCADE")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, null=True)
    quantity = BigIntegerField()
    """Units of the serial, or the quantity on hand: 64-bit, as the stock level is."""

    class Meta:
        indexes = ((("sheet", "serial"), False), (("sheet", "product"), False))


class CountScan(Base):
    """One scan on a sheet with what it was classified as."""

    sheet = ForeignKeyField(CountSheet, on_delete="CASCADE")
    code = CharField(max_length=64)
    serial = CharField(max_length=64, null=True)
    product = ForeignKeyField(Product, null=True, on_delete="RESTRICT")
    quantity = IntegerField()
    kind = CharField(max_length=20)
    detail = CharField(max_length=200, null=True)
    at = DateTimeField()

    class Meta:
        indexes = ((("sheet", "serial"), False), (("sheet", "kind"), False))


class CountReplacement(Base):
    """A surplus/shortage pair resolved by correcting the document that recorded the wrong SN."""

    sheet = ForeignKeyField(CountSheet, on_delete="CASCADE")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    surplus = CharField(max_length=64)
    shortage = CharField(max_length=64)
    document = ForeignKeyField(Document, on_delete="RESTRICT")


class PrintJob(Base):
    """A document waiting to be printed, printed, or failed and waiting for a retry."""

    created_at = DateTimeField()
    kind = CharField(max_length=20)
    document = CharField(max_length=20, null=True)
    serial = CharField(max_length=64, null=True)
    product = ForeignKeyField(Product, null=True, on_delete="RESTRICT")
    status = CharField(max_length=10, index=True)
    attempts = IntegerField(default=0)
    last_error = TextField(null=True)
    printed_at = DateTimeField(null=True)


PRINT_TABLES: list[type[Base]] = [PrintJob]


class Setting(Base):
    """A shop-wide setting changed from the settings screen; the config file gives defaults."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField()


SETTING_TABLES: list[type[Base]] = [Setting]


class PostingRequest(Base):
    """A front end's id for one posting: the same id posts once, however often it is sent."""

    request_id = CharField(max_length=64, primary_key=True)
    document = ForeignKeyField(Document, on_delete="RESTRICT")


REQUEST_TABLES: list[type[Base]] = [PostingRequest]


class RepairOrder(Base):
    """A repair order's header; its intake document carries the order's number."""

    document = ForeignKeyField(Document, unique=True, on_delete="RESTRICT")
    number = CharField(max_length=20, unique=True)
    serial = CharField(max_length=64, index=True)
    product = ForeignKeyField(Product, null=True, on_delete="RESTRICT")
    unit_serial = CharField(max_length=64, null=True, index=True)
    """The unit the order holds now: the one taken in, or the supplier's replacement."""
    unit_product = ForeignKeyField(Product, null=True, on_delete="RESTRICT", backref="+")
    device = CharField(max_length=300, null=True)
    """What a device the shop never sold is, as written at intake."""
    sold_by_us = BooleanField()
    customer = CharField(max_length=200, null=True)
    phone = CharField(max_length=40, null=True)
    complaint = TextField()
    accessories = TextField(null=True)
    condition = TextField(null=True)
    warranty = BooleanField()
    warranty_end = DateField(null=True)
    override_reason = TextField(null=True)
    estimate = BigIntegerField(null=True)
    technician = CharField(max_length=80, null=True)
    status = CharField(max_length=20, index=True)
    status_reason = TextField(null=True)
    opened_on = DateField()
    closed_on = DateField(null=True)


class RepairStatusChange(Base):
    """One status change of an order: dated, with who made it."""

    order = ForeignKeyField(RepairOrder, on_delete="RESTRICT")
    status = CharField(max_length=20)
    reason = TextField(null=True)
    day = DateField()
    at = DateTimeField()
    till = CharField(max_length=40)
    operator = CharField(max_length=80)


class RepairLine(Base):
    """A part written off from stock on an order, or a line of labour with its price."""

    order = ForeignKeyField(RepairOrder, on_delete="RESTRICT")
    kind = CharField(max_length=10)
    document = ForeignKeyField(Document, null=True, on_delete="RESTRICT")
    product = ForeignKeyField(Product, null=True, on_delete="RESTRICT")
    serial = CharField(max_length=64, null=True)
    quantity = IntegerField()
    text = TextField(null=True)
    price = BigIntegerField()
    """The line's price as the customer of a paid repair pays it."""
    cost = BigIntegerField()
    """What the shop paid for the parts (their purchase cost)."""


class SerialLink(Base):
    """A unit replaced by another: by the shop from stock, or by the supplier on an RMA."""

    old_product = ForeignKeyField(Product, on_delete="RESTRICT", backref="+")
    old_serial = CharField(max_length=64, index=True)
    new_product = ForeignKeyField(Product, on_delete="RESTRICT", backref="+")
    new_serial = CharField(max_length=64, index=True)
    order = ForeignKeyField(RepairOrder, null=True, on_delete="RESTRICT")
    document = ForeignKeyField(Document, on_delete="RESTRICT")
    fresh_warranty = BooleanField(default=False)
    reason = TextField(null=True)


class RmaUnit(Base):
    """A unit sent to its supplier for a warranty decision, and the supplier's answer."""

    rma = ForeignKeyField(Document, on_delete="RESTRICT")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, index=True)
    order = ForeignKeyField(RepairOrder, null=True, on_delete="RESTRICT")
    sent_on = DateField()
    answer = CharField(max_length=10, null=True)
    answered_on = DateField(null=True)
    new_serial = CharField(max_length=64, null=True)


REPAIR_TABLES: list[type[Base]] = [RepairOrder, RepairStatusChange, RepairLine, SerialLink, RmaUnit]


class ProductPrice(Base):
    """A change of a product's price: when, by whom, from what to what (a sale's line keeps
    the price it was sold at)."""

    product = ForeignKeyField(Product, on_delete="RESTRICT")
    changed_at = DateTimeField()
    old_price = BigIntegerField()
    price = BigIntegerField()
    operator = CharField(max_length=80)

    class Meta:
        indexes = ((("product", "changed_at"), False),)


class CashEntry(Base):
    """Cash put into the drawer or taken out of it, with the reason (not goods: no movement)."""

    at = DateTimeField()
    day = DateField()
    till = CharField(max_length=40)
    operator = CharField(max_length=80)
    direction = CharField(max_length=4)
    """``in`` (a float, change brought in) or ``out`` (taken to the bank, paid for a delivery)."""
    amount = BigIntegerField()
    reason = TextField()

    class Meta:
        indexes = ((("day", "till"), False),)


class DayClose(Base):
    """A till's day closed with its Z summary as it stood then; never changed afterwards."""

    day = DateField()
    till = CharField(max_length=40)
    closed_at = DateTimeField()
    operator = CharField(max_length=80)
    summary = TextField()
    """The summary as JSON, so a closed day always reads the same."""

    class Meta:
        indexes = ((("day", "till"), True),)


SHOP_DAY_TABLES: list[type[Base]] = [ProductPrice, CashEntry, DayClose]


class CartHold(Base):
    """A unit in a till's open sale: no other till may add it until the hold ends or expires.

    A row with an owner and an expiry, never a lock kept open: a till that dies leaves a row
    that any till may take over once ``expires`` has passed."""

    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64)
    till = CharField(max_length=40)
    operator = CharField(max_length=80)
    since = DateTimeField()
    expires = DateTimeField(index=True)
    request = CharField(max_length=64, index=True)
    """The open sale's request id (the cart's), which the sale posts with."""

    class Meta:
        indexes = ((("product", "serial"), True),)


HOLD_TABLES: list[type[Base]] = [CartHold]


class TypeIdentifier(Base):
    """The identifiers a product type's units carry, in order (``imei,imei,serial``)."""

    type = ForeignKeyField(ProductType, primary_key=True, on_delete="CASCADE")
    kinds = CharField(max_length=100)


class UnitIdentifier(Base):
    """One identifier of a unit (its product and primary serial number), any of which finds it."""

    product = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64)
    position = IntegerField()
    kind = CharField(max_length=20)
    code = CharField(max_length=64, index=True)

    class Meta:
        indexes = ((("product", "serial", "position"), True), (("product", "code"), False))


IDENTIFIER_TABLES: list[type[Base]] = [TypeIdentifier, UnitIdentifier]


class KitComponent(Base):
    """One component of a kit product: another product and how many of it the kit holds."""

    kit = ForeignKeyField(Product, on_delete="RESTRICT", backref="components")
    position = IntegerField()
    component = ForeignKeyField(Product, on_delete="RESTRICT")
    quantity = IntegerField()

    class Meta:
        indexes = ((("kit", "position"), True),)


class KitBinding(Base):
    """One part of an assembled kit: the kit's own SN bound to a component unit or quantity,
    as the assembly document put it together."""

    document = ForeignKeyField(Document, on_delete="RESTRICT")
    kit = ForeignKeyField(Product, on_delete="RESTRICT")
    kit_serial = CharField(max_length=64)
    component = ForeignKeyField(Product, on_delete="RESTRICT")
    serial = CharField(max_length=64, null=True)
    quantity = IntegerField()
    unit_cost = BigIntegerField()

    class Meta:
        indexes = ((("kit", "kit_serial", "document"), False),)


KIT_TABLES: list[type[Base]] = [KitComponent, KitBinding]


class ChainLink(Base):
    """One link of the tamper-evident chain: a chained row and the hash over it and the
    link before (core.domain.chain); one chain per database, in commit order."""

    seq = BigIntegerField(primary_key=True)
    table_name = CharField(max_length=40)
    row_id = BigIntegerField()
    hash = CharField(max_length=64)

    class Meta:
        indexes = ((("table_name", "row_id"), True),)


class ChainStart(Base):
    """Where each chained table's chain begins: rows up to ``after_id`` predate the chain."""

    table_name = CharField(max_length=40, primary_key=True)
    after_id = BigIntegerField()


class TillUser(Base):
    """A person who signs in at the till: a role and a PIN kept only as a scrypt hash."""

    name = CharField(max_length=80, unique=True)
    role = CharField(max_length=10)
    pin_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    failed_tries = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()


class JournalEntry(Base):
    """One action in the journal: who did it, who approved it, where and when; chained."""

    at = DateTimeField(index=True)
    kind = CharField(max_length=30, index=True)
    user_name = CharField(max_length=80, index=True)
    approver = CharField(max_length=80, null=True)
    till = CharField(max_length=40)
    document = CharField(max_length=20, null=True)
    detail = TextField(null=True)


TRUST_TABLES: list[type[Base]] = [ChainLink, ChainStart, TillUser, JournalEntry]
"""The chain, till users and the action journal."""


class Site(Base):
    """A location of the shop: a shop floor or a warehouse (``core.domain.sites``)."""

    code = CharField(max_length=40, primary_key=True)
    name = CharField(max_length=200)
    created_at = DateTimeField(null=True)


class CatalogueVersion(Base):
    """One row whose number grows with every change to the catalogue's tables (kept by
    triggers), so a till keeps the products it read until the number moves."""

    version = BigIntegerField(default=0)


SITE_TABLES: list[type[Base]] = [Site, CatalogueVersion]

COUNT_TABLES: list[type[Base]] = [
    CountSheet,
    CountProduct,
    CountExpected,
    CountScan,
    CountReplacement,
]

LEDGER_TABLES: list[type[Base]] = [
    SchemaVersion,
    ProductType,
    Product,
    Barcode,
    Counter,
    Document,
    DocumentLine,
    Movement,
    SerialUnit,
    StockLevel,
    CostLayer,
    TrackingWarning,
    *COUNT_TABLES,
    *PRINT_TABLES,
    *SETTING_TABLES,
    *REQUEST_TABLES,
    *REPAIR_TABLES,
    *SHOP_DAY_TABLES,
    *HOLD_TABLES,
    *IDENTIFIER_TABLES,
    *KIT_TABLES,
    *TRUST_TABLES,
    *SITE_TABLES,
]
