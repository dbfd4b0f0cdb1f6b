"""Configuration: a TOML file read into frozen, validated dataclasses.

Every key has a default, so a till runs without a file; a wrong key or value is refused
with the file, the key and what is wrong."""

from __future__ import annotations

import grp
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from core.domain.errors import ConfigError
from core.domain.limits import has_control, shown, shown_file
from core.i18n import _


def _choice(default: str, *choices: str) -> Any:
    return field(default=default, metadata={"choices": (default, *choices)})


@dataclass(frozen=True)
class DatabaseConfig:
    """[database]"""

    url: str = ""
    """A SQLite file path, or postgresql://user@host:5432/name for a shared database.
    Empty: till.sqlite3 in the user's data folder."""


@dataclass(frozen=True)
class TillConfig:
    """[till]: this till and the shop it belongs to."""

    id: str = field(default="till-1", metadata={"longest": 40})
    """Recorded with every document this till posts (at most 40 characters)."""
    operator: str = field(default="cashier", metadata={"longest": 80})
    """The cashier's name recorded with documents (at most 80 characters)."""
    location: str = "main"
    """The shop location (a shop or a warehouse) this till belongs to: it sells and counts
    the stock there. ``main`` is the one every database has."""
    shop_name: str = "Магазин"
    shop_address: str = ""
    shop_phone: str = ""


@dataclass(frozen=True)
class LocaleConfig:
    """[locale]"""

    language: str = _choice("uk", "en")
    """Language of the screens and printed documents: uk or en."""


@dataclass(frozen=True)
class SaleConfig:
    """[sale]: how the sale screen behaves."""

    loop_scan: bool = True
    """Keep asking for the next serial number of the same product after each one."""
    warranty_cards: str = _choice("offer", "auto", "never")
    """Warranty cards after a sale: auto prints, offer asks, never skips."""
    receipts: str = _choice("auto", "offer", "never")
    """The sale receipt: auto prints, offer asks, never skips."""
    hold_minutes: int = field(default=30, metadata={"most": 1440})
    """Minutes a unit scanned into an open sale stays held for this till after the till's
    last scan; a till that crashed or lost its network frees its units after this."""
    kit_serial_prefix: str = field(default="KIT-", metadata={"longest": 32})
    """How the SN given to an assembled kit starts when none is typed or scanned (at most 32
    characters)."""


@dataclass(frozen=True)
class ServiceConfig:
    """[service]: returns, repairs and warranty service."""

    return_window_days: int = field(default=14, metadata={"most": 3650})
    """Days after a sale inside which a unit may be refunded or exchanged."""
    repair_term_days: int = field(default=14, metadata={"most": 3650})
    """Days after which an open repair order shows as overdue."""
    extend_warranty: bool = False
    """Extend a unit's warranty by the days it spent in warranty repair."""


@dataclass(frozen=True)
class PrinterConfig:
    """[printer]: the receipt printer (ESC/POS)."""

    url: str = ""
    """tcp://host:9100, file:///dev/usb/lp0, usb://0416:5011, serial:///dev/ttyUSB0?baud=19200,
    cups://QUEUE, or empty for no printer."""
    profile: str = "TM-T20II"
    """A python-escpos printer profile name (its codepages, barcode and QR support)."""
    encoding: str = _choice("cp1251", "cp1125", "cp866")
    codepage_slot: int = field(default=46, metadata={"most": 255})
    """The ESC t slot of the encoding: 46 on Epson, 73 on most Xprinter/Zjiang models."""
    paper_mm: int = field(default=80, metadata={"choices": (80, 58)})
    native_codes: bool = True
    """Print barcodes and QR codes with the printer's own commands when it has them."""
    raster_text: bool = False
    """Draw text as an image, for printers without a Cyrillic font."""
    confirm: bool = True
    """Ask the printer for its status before and after each job; false for printers that
    never answer status requests."""
    timeout: float = field(default=5.0, metadata={"most": 120.0})
    """Seconds to wait for the printer before giving up."""
    templates: str = ""
    """A folder of the shop's own print templates (sale_receipt.j2, warranty_card.j2,
    sn_label.j2, warranty_card.<type>.j2); a file there replaces the shipped one of that
    name. Empty: only the shipped templates."""


@dataclass(frozen=True)
class DrawerConfig:
    """[drawer]: a cash drawer plugged into the receipt printer's drawer port."""

    on_cash: bool = False
    """Open the drawer with the receipt of a cash sale or refund; set it when a drawer hangs
    on the printer (``till drawer open`` and the app's key open it on demand either way)."""
    pin: int = field(default=2, metadata={"choices": (2, 5)})
    """The drawer port pin the drawer's solenoid hangs on: 2 (most drawers) or 5."""
    pulse_ms: int = field(default=100, metadata={"most": 510})
    """How long the pulse that opens it lasts, in milliseconds (sent in steps of 2 ms)."""


@dataclass(frozen=True)
class WedgeConfig:
    """[scanner.wedge]: a scanner that types into the terminal."""

    enabled: bool = True
    prefix: str = "ctrl+b"
    """The key the scanner sends before each code (program it with a setup barcode)."""
    max_gap_ms: int = 35
    """Without a prefix: keys closer together than this count as a scan."""
    min_length: int = 4
    layout_fix: bool = True
    """Map Ukrainian-layout letters back to the Latin ones the scanner sent."""


@dataclass(frozen=True)
class HidConfig:
    """[scanner.hid]: a USB scanner read directly with evdev on a console till."""

    enabled: bool = False
    device: str = ""
    """/dev/input/by-id/... path or VENDOR:PRODUCT in hex."""


@dataclass(frozen=True)
class SerialScannerConfig:
    """[scanner.serial]: a serial or USB-CDC scanner."""

    enabled: bool = False
    port: str = ""
    baud: int = 9600


@dataclass(frozen=True)
class ScannerConfig:
    """[scanner]: every scanner source; several may be enabled at once."""

    double_read_ms: int = 500
    """The same code again within this many milliseconds is a double read and dropped."""
    wedge: WedgeConfig = field(default_factory=WedgeConfig)
    hid: HidConfig = field(default_factory=HidConfig)
    serial: SerialScannerConfig = field(default_factory=SerialScannerConfig)


@dataclass(frozen=True)
class LogConfig:
    """[log]: where unexpected errors are written, with their tracebacks."""

    folder: str = ""
    """A folder for till.log (rotated at 1 MB, five kept). Empty: the user's state folder
    (~/.local/state/serial-till/)."""


@dataclass(frozen=True)
class FilesConfig:
    """[files]: who besides the till's own user may read its files."""

    group: str = field(default="", metadata={"group": True})
    """A group whose members may read the database, its backups and the log (mode 0640,
    e.g. a bookkeeper's or a backup job's account). Empty: the till's user alone (0600)."""

    def group_id(self) -> int | None:
        """The group's id, or None when the files are the owner's alone."""
        return grp.getgrnam(self.group).gr_gid if self.group else None


@dataclass(frozen=True)
class SecurityConfig:
    """[security]: till users, what a cashier may do alone, and the key that signs cards."""

    pin_tries: int = field(default=5, metadata={"most": 100})
    """Wrong PINs in a row that lock a user."""
    lock_minutes: int = field(default=15, metadata={"most": 10080})
    """How long a user stays locked after too many wrong PINs."""
    idle_minutes: int = field(default=10, metadata={"most": 1440})
    """The app signs the user out after this many minutes without a key (0: never)."""
    price_limit: int = field(default=0, metadata={"most": 100})
    """How far (percent) a cashier may move a price from the catalogue's without a manager."""
    users: dict[str, str] = field(default_factory=dict)
    """System user → till user: a thin client that logs in over SSH as ``olena`` is signed in
    as till user ``Олена`` ([security.users] olena = "Олена"). The command line acts as the
    mapped user too."""

    card_key: str = ""
    """The file holding the shop's warranty-card key (created by `till init`, or when the
    first card is printed; mode 0600). Empty: beside a SQLite database
    (till.sqlite3.card-key), else shop.card-key in the user's data folder. Tills sharing a
    PostgreSQL database need the same file to verify each other's cards."""


@dataclass(frozen=True)
class Config:
    """The whole configuration."""

    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    till: TillConfig = field(default_factory=TillConfig)
    locale: LocaleConfig = field(default_factory=LocaleConfig)
    sale: SaleConfig = field(default_factory=SaleConfig)
    service: ServiceConfig = field(default_factory=ServiceConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    drawer: DrawerConfig = field(default_factory=DrawerConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)
    log: LogConfig = field(default_factory=LogConfig)
    files: FilesConfig = field(default_factory=FilesConfig)
    security: SecurityConfig = field(default_factory=SecurityConfig)
    source: str | None = None
    """The file this configuration was read from, if any."""


def _build(cls: type, data: dict[str, Any], where: str, origin: str) -> Any:
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls) if f.name != "source"}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(
            _("{file}: unknown key {key} (known: {known}).").format(
                file=origin, key=f"{where}{unknown[0]}", known=", ".join(known)
            )
        )
    values: dict[str, Any] = {}
    for name, spec in known.items():
        if name not in data:
            continue
        key, value, kind = f"{where}{name}", data[name], hints[name]
        if isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
            if not isinstance(value, dict):
                raise ConfigError(
                    _("{file}: {key} must be a table ([{key}]).").format(file=origin, key=key)
                )
            values[name] = _build(kind, value, f"{key}.", origin)
            continue
        values[name] = _check_value(key, value, kind, spec.metadata, origin)
    return cls(**values)


def _control_refused(key: str, value: str, origin: str) -> ConfigError:
    return ConfigError(
        _(
            "{file}: {key} is “{value}”, which holds a control character (a NUL, an escape or"
            " a line break); write it without one."
        ).format(file=origin, key=key, value=shown(value))
    )


NUMBER_LIMIT = 1_000_000
"""The largest number any setting takes unless its field names a smaller one (``most``)."""


def _check_value(key: str, value: Any, kind: Any, limits: Any, origin: str) -> Any:
    choices = limits.get("choices")
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if get_origin(kind) is dict:
        return _check_names(key, value, origin)
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise ConfigError(
            _("{file}: {key} must be {type}, not {value}.").format(
                file=origin, key=key, type=kind.__name__, value=repr(value)
            )
        )
    if isinstance(value, str) and has_control(value):
        raise _control_refused(key, value, origin)
    if isinstance(value, str) and len(value) > limits.get("longest", len(value)):
        raise ConfigError(
            _(
                "{file}: {key} is “{value}”, {length} characters; the most it takes is {longest}."
            ).format(
                file=origin,
                key=key,
                value=shown(value),
                length=len(value),
                longest=limits["longest"],
            )
        )
    if choices and value not in choices:
        allowed = ", ".join(str(c) for c in choices)
        raise ConfigError(
            _("{file}: {key} is {value}; use one of {allowed}.").format(
                file=origin, key=key, value=repr(value), allowed=allowed
            )
        )
    if kind in (int, float):
        _check_number(key, value, limits.get("most", NUMBER_LIMIT), origin)
    if limits.get("group") and value:
        _check_group(key, value, origin)
    return value


def _check_group(key: str, name: str, origin: str) -> None:
    """A group setting must name a group this system has."""
    try:
        grp.getgrnam(name)
    except (KeyError, ValueError, UnicodeEncodeError):
        raise ConfigError(
            _("{file}: {key} is {value}, which is not a group on this system.").format(
                file=origin, key=key, value=shown(repr(name))
            )
        ) from None


def _check_names(key: str, value: Any, origin: str) -> dict[str, str]:
    """A table of names to names, such as system users to till users."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(
            _("{file}: {key} must be a table of names to names.").format(file=origin, key=key)
        )
    bad = next((n for pair in value.items() for n in pair if has_control(n)), None)
    if bad is not None:
        raise _control_refused(key, bad, origin)
    return dict(value)


def _check_number(key: str, value: float, most: float, origin: str) -> None:
    """A number setting must be finite, not negative, and at most ``most``."""
    if value != value:  # NaN compares unequal to itself
        raise ConfigError(_("{file}: {key} is not a number.").format(file=origin, key=key))
    if value < 0:
        raise ConfigError(_("{file}: {key} cannot be negative.").format(file=origin, key=key))
    if value > most:
        raise ConfigError(
            _("{file}: {key} is {value}; the most it takes is {most}.").format(
                file=origin, key=key, value=repr(value), most=most
            )
        )


SYSTEM_CONFIG_PATH = Path("/etc/serial-till/config.toml")
"""The system-wide configuration of a till set up with deploy/install.sh."""


def default_config_path() -> Path:
    """Where the till looks for its configuration when none is named: the XDG config home
    (``~/.config/serial-till/config.toml``), as platformdirs gives it on Linux, worked out
    here because every start asks and importing platformdirs costs the start-up 7 ms."""
    home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(home) / "serial-till" / "config.toml"


def default_database_path() -> Path:
    """The embedded database used when none is configured."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("serial-till", ensure_exists=True)) / "till.sqlite3"


def config_candidates() -> list[Path]:
    """The files searched when none is named, first found wins: the system-wide file a
    till's installer wrote, then the user's own."""
    return [SYSTEM_CONFIG_PATH, default_config_path()]


def _exists(file: Path) -> bool:
    try:
        return file.exists()
    except (OSError, ValueError):  # a name too long, a NUL byte
        return False


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read the named file, else ``$TILL_CONFIG``, else ``/etc/serial-till/config.toml``,
    else the user's config file; the defaults when none exists."""
    named = path or os.environ.get("TILL_CONFIG")
    if named:
        file = Path(named)
        if not _exists(file):
            raise ConfigError(
                _("The configuration file {file} does not exist.").format(file=shown_file(file))
            )
    else:
        found = [candidate for candidate in config_candidates() if candidate.exists()]
        if not found:
            return Config()
        file = found[0]
    import tomllib  # only when there is a file: a till without one starts without it

    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{file}: cannot be read: {error}.").format(
                file=shown_file(file), error=getattr(exc, "strerror", None) or exc
            )
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            _("{file}: is not valid TOML: {error}.").format(file=shown_file(file), error=exc)
        ) from exc
    config: Config = _build(Config, data, "", str(file))
    return replace(config, source=str(file))
