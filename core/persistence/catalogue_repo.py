"""Product types, products and barcodes, read as resolved domain objects."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from weakref import WeakKeyDictionary

from peewee import Database, DatabaseError

from core.domain.catalogue import Product, TrackingMode, TypePolicy, TypeSettings, resolve
from core.domain.warranty import WarrantyPeriod
from core.persistence.db import Sql, as_datetime, like_pattern
from core.views import PriceChange

_TYPE_COLUMNS = (
    "path, tracking, warranty_months, warranty_days, sn_pattern, sn_check, sn_uppercase, "
    "card_template, i.kinds"
)
_TYPES = "product_type t LEFT JOIN type_identifier i ON i.type_id = t.id"
"""The type nodes with the identifiers they declare, if any."""
SHARED_CODES = 20_000
"""The most products (by code, by id, kit lists) the shared catalogue keeps per version: a
scan of ten thousand unknown codes must not grow it without end."""
_PRODUCT_COLUMNS = (
    "p.id, p.sku, p.name, t.path, p.price, p.warranty_months, p.warranty_days, p.active"
)


def _warranty(months: int | None, days: int | None) -> WarrantyPeriod | None:
    if months is None and days is None:
        return None
    return WarrantyPeriod(months=months or 0, days=days or 0)


def _settings(row: tuple) -> TypeSettings:
    path, tracking, months, days, pattern, check, upper, template, kinds = row
    return TypeSettings(
        path=path,
        tracking=TrackingMode(tracking) if tracking else None,
        warranty=_warranty(months, days),
        sn_pattern=pattern,
        sn_check=check,
        sn_uppercase=None if upper is None else bool(upper),
        card_template=template,
        identifiers=None if kinds is None else tuple(k for k in kinds.split(",") if k),
    )


def ancestors(path: str) -> list[str]:
    """``A/B/C`` → ``["A", "A/B", "A/B/C"]``."""
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


class SharedCatalogue:
    """Products, type policies and kit components as read at one catalogue version, kept
    across a database's units of work. The version moves with every change to the
    catalogue's tables, whichever till makes it (triggers: ``schema.CATALOGUE_TABLES``), so a
    till reads its products again only after the catalogue changed."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.by_code: dict[str, Product | None] = {}
        self.by_id: dict[int, Product] = {}
        self.policies: dict[str, TypePolicy] = {}
        self.components: dict[int, list[tuple[int, int]]] = {}

    def at(self, version: int | None) -> None:
        """Keep what was read only while the version stays ``version``."""
        if version != self.version or version is None:
            self.by_code.clear()
            self.by_id.clear()
            self.policies.clear()
            self.components.clear()
            self.version = version


_SHARED: WeakKeyDictionary[Database, SharedCatalogue] = WeakKeyDictionary()


class CatalogueRepository:
    """Reads and writes the product-type tree and the products."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql
        self._policies: dict[str, TypePolicy] = {}
        self._shared: SharedCatalogue | None = None
        self._checked = False

    def forget(self) -> None:
        """Start a unit of work: what was read is kept only if the version has not moved
        (learnt from ``at_version``, or read when the catalogue is first used)."""
        self._policies.clear()
        self._shared, self._checked = None, False

    def at_version(self, version: int) -> None:
        """The catalogue version, read with the unit of work's first statement."""
        self._checked = True
        self._shared = _SHARED.setdefault(self.sql.db, SharedCatalogue())
        self._shared.at(version)

    def changed(self) -> None:
        """This unit of work changes the catalogue: nothing is shared from here on (another
        till, or this one after a rollback, must not see what is not committed)."""
        shared = _SHARED.get(self.sql.db)
        if shared is not None:
            shared.at(None)
        self._shared, self._checked = None, True
        self._policies.clear()

    def shared(self) -> SharedCatalogue | None:
        """What this unit of work may take from, and add to, the shared catalogue."""
        if not self._checked:
            self._checked = True
            try:
                version = self.sql.scalar("SELECT version FROM catalogue_version")
            except DatabaseError:  # a SQLite file not yet upgraded: read everything afresh
                if self.sql.postgres:
                    raise
                return None
            if version is not None:
                self.at_version(int(version))
        return self._shared

    def _policy_cache(self) -> dict[str, TypePolicy]:
        shared = self.shared()
        return self._policies if shared is None else shared.policies

    def type_settings(self, path: str) -> TypeSettings | None:
        """What one type node sets itself, or None when the path does not exist."""
        row = self.sql.row(f"SELECT {_TYPE_COLUMNS} FROM {_TYPES} WHERE path = ?", (path,))
        return None if row is None else _settings(row)

    def all_types(self) -> list[TypeSettings]:
        """Every type node, parents before children."""
        rows = self.sql.rows(f"SELECT {_TYPE_COLUMNS} FROM {_TYPES} ORDER BY path")
        return [_settings(row) for row in rows]

    def policy(self, path: str) -> TypePolicy:
        """The resolved policy of a type, inheritance applied."""
        policies = self._policy_cache()
        if path not in policies:
            chain = ancestors(path)
            marks = ", ".join("?" for _ in chain)
            rows = self.sql.rows(
                f"SELECT {_TYPE_COLUMNS} FROM {_TYPES} WHERE path IN ({marks})", chain
            )
            settings = sorted((_settings(row) for row in rows), key=lambda s: len(s.path))
            policies[path] = resolve(settings)
        return policies[path]

    def save_type(self, settings: TypeSettings, name: str, parent_path: str | None) -> None:
        """Insert a type node or replace the settings of an existing one."""
        self.changed()
        warranty = settings.warranty
        values = (
            settings.tracking.value if settings.tracking else None,
            warranty.months if warranty else None,
            warranty.days if warranty else None,
            settings.sn_pattern,
            settings.sn_check,
            settings.sn_uppercase,
            settings.card_template,
        )
        changed = self.sql.run(
            "UPDATE product_type SET tracking = ?, warranty_months = ?, warranty_days = ?, "
            "sn_pattern = ?, sn_check = ?, sn_uppercase = ?, card_template = ? WHERE path = ?",
            (*values, settings.path),
        )
        if not changed:
            parent_id = None
            if parent_path is not None:
                parent_id = self.sql.scalar(
                    "SELECT id FROM product_type WHERE path = ?", (parent_path,)
                )
            self.sql.insert(
                "INSERT INTO product_type (path, name, parent_id, tracking, warranty_months, "
                "warranty_days, sn_pattern, sn_check, sn_uppercase, card_template) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (settings.path, name, parent_id, *values),
            )
        if settings.identifiers is not None:
            self._save_identifiers(settings.path, settings.identifiers)

    def _save_identifiers(self, path: str, kinds: tuple[str, ...]) -> None:
        """Declare the identifiers a type's units carry (none: an empty declaration)."""
        type_id = self.sql.scalar("SELECT id FROM product_type WHERE path = ?", (path,))
        self.sql.run("DELETE FROM type_identifier WHERE type_id = ?", (type_id,))
        self.sql.run(
            "INSERT INTO type_identifier (type_id, kinds) VALUES (?, ?)",
            (type_id, ",".join(kinds)),
        )

    def _product(self, row: tuple | None) -> Product | None:
        if row is None:
            return None
        pid, sku, name, path, price, months, days, active = row
        codes = self.sql.rows("SELECT code FROM barcode WHERE product_id = ? ORDER BY id", (pid,))
        return Product(
            id=pid,
            sku=sku,
            name=name,
            type_path=path,
            price=int(price),
            policy=self.policy(path),
            own_warranty=_warranty(months, days),
            barcodes=tuple(code for (code,) in codes),
            active=bool(active),
        )

    def product_by_code(self, code: str) -> Product | None:
        """The product with this SKU, else the one with this barcode."""
        shared = self.shared()
        if shared is not None and code in shared.by_code:
            return shared.by_code[code]
        base = f"SELECT {_PRODUCT_COLUMNS} FROM product p JOIN product_type t ON t.id = p.type_id"
        row = self.sql.row(f"{base} WHERE p.sku = ?", (code,))
        if row is None:
            row = self.sql.row(
                f"{base} JOIN barcode b ON b.product_id = p.id WHERE b.code = ?", (code,)
            )
        product = self._product(row)
        if shared is not None and len(shared.by_code) < SHARED_CODES:
            shared.by_code[code] = product
        return product

    def product_by_id(self, product_id: int) -> Product:
        """The product with this id (which must exist)."""
        shared = self.shared()
        if shared is not None and product_id in shared.by_id:
            return shared.by_id[product_id]
        product = self._product_by_id(product_id)
        if shared is not None and len(shared.by_id) < SHARED_CODES:
            shared.by_id[product_id] = product
        return product

    def components(self, kit_id: int) -> list[tuple[int, int]]:
        """A kit's components in order as (product id, quantity); empty for a plain product."""
        shared = self.shared()
        if shared is not None and kit_id in shared.components:
            return list(shared.components[kit_id])
        rows = self.sql.rows(
            "SELECT component_id, quantity FROM kit_component WHERE kit_id = ? ORDER BY position",
            (kit_id,),
        )
        found = [(int(pid), int(quantity)) for pid, quantity in rows]
        if shared is not None and len(shared.components) < SHARED_CODES:
            shared.components[kit_id] = list(found)
        return found

    def _product_by_id(self, product_id: int) -> Product:
        row = self.sql.row(
            f"SELECT {_PRODUCT_COLUMNS} FROM product p JOIN product_type t ON t.id = p.type_id "
            "WHERE p.id = ?",
            (product_id,),
        )
        product = self._product(row)
        assert product is not None, f"no product {product_id}"
        return product

    def search_products(
        self, text: str, limit: int = 50, *, inactive: bool = False
    ) -> list[Product]:
        """Products whose SKU or name contains the text, by name; active ones only unless
        ``inactive``."""
        pattern = like_pattern(text.lower())
        rows = self.sql.rows(
            f"SELECT {_PRODUCT_COLUMNS} FROM product p JOIN product_type t ON t.id = p.type_id "
            "WHERE (LOWER(p.sku) LIKE ? ESCAPE '!' OR LOWER(p.name) LIKE ? ESCAPE '!') "
            "AND (p.active OR ?) ORDER BY p.name LIMIT ?",
            (pattern, pattern, inactive, limit),
        )
        return [p for p in (self._product(row) for row in rows) if p is not None]

    def add_product(
        self,
        sku: str,
        name: str,
        type_path: str,
        price: int,
        warranty: WarrantyPeriod | None,
        barcodes: Iterable[str],
    ) -> int:
        """Insert a product with its barcodes; the new product's id."""
        self.changed()
        type_id = self.sql.scalar("SELECT id FROM product_type WHERE path = ?", (type_path,))
        product_id = self.sql.insert(
            "INSERT INTO product (sku, name, type_id, price, warranty_months, warranty_days) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (
                sku,
                name,
                type_id,
                price,
                warranty.months if warranty else None,
                warranty.days if warranty else None,
            ),
        )
        self.sql.run_many(
            "INSERT INTO barcode (code, product_id) VALUES (?, ?)",
            [(code, product_id) for code in barcodes],
        )
        return product_id

    def product_ids_under(self, path: str | None) -> list[int]:
        """Ids of every product of a type and its sub-types (all products when None)."""
        if path is None:
            return [pid for (pid,) in self.sql.rows("SELECT id FROM product ORDER BY id")]
        rows = self.sql.rows(
            "SELECT p.id FROM product p JOIN product_type t ON t.id = p.type_id "
            "WHERE t.path = ? OR t.path LIKE ? ESCAPE '!' ORDER BY p.id",
            (path, like_pattern(f"{path}/", prefix=True)),
        )
        return [pid for (pid,) in rows]

    def barcodes_among(self, codes: Iterable[str]) -> set[str]:
        """Which of these codes are product barcodes in the catalogue."""
        wanted = list(dict.fromkeys(codes))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(
                code
                for (code,) in self.sql.rows(
                    f"SELECT code FROM barcode WHERE code IN ({marks})", chunk
                )
            )
        return found

    def update_product(self, product: Product) -> None:
        """Write a product's name, type, price, own warranty and active flag."""
        self.changed()
        warranty = product.own_warranty
        self.sql.run(
            "UPDATE product SET name = ?, price = ?, warranty_months = ?, warranty_days = ?, "
            "active = ?, type_id = (SELECT id FROM product_type WHERE path = ?) WHERE id = ?",
            (
                product.name,
                product.price,
                warranty.months if warranty else None,
                warranty.days if warranty else None,
                product.active,
                product.type_path,
                product.id,
            ),
        )

    def add_barcode(self, product_id: int, code: str) -> None:
        """Give a product one more barcode."""
        self.changed()
        self.sql.run("INSERT INTO barcode (code, product_id) VALUES (?, ?)", (code, product_id))

    def remove_barcode(self, product_id: int, code: str) -> None:
        """Take a barcode off a product."""
        self.changed()
        self.sql.run("DELETE FROM barcode WHERE code = ? AND product_id = ?", (code, product_id))

    def record_price(
        self, product_id: int, at: datetime, old: int, new: int, operator: str
    ) -> None:
        """Keep a change of price with its time and who made it."""
        self.sql.run(
            "INSERT INTO product_price (product_id, changed_at, old_price, price, operator) "
            "VALUES (?, ?, ?, ?, ?)",
            (product_id, at, old, new, operator),
        )

    def price_changes(self, product_id: int) -> list[PriceChange]:
        """A product's price changes, oldest first."""
        rows = self.sql.rows(
            "SELECT changed_at, old_price, price, operator FROM product_price "
            "WHERE product_id = ? ORDER BY changed_at, id",
            (product_id,),
        )
        return [
            PriceChange(as_datetime(at) or datetime.min, int(old), int(new), who)
            for at, old, new, who in rows
        ]

    def units_in_store(self, product_id: int, site: str | None = None) -> int:
        """How many serial units of a product are on the shelves (at one location, or at
        every one)."""
        at = "" if site is None else " AND site = ?"
        value = self.sql.scalar(
            f"SELECT COUNT(*) FROM serial_unit WHERE product_id = ? AND location = 'store'{at}",
            (product_id,) if site is None else (product_id, site),
        )
        return int(value or 0)
