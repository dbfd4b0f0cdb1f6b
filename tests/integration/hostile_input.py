"""What a hostile tester types and hands over: Hypothesis strategies for argument values
(text, numbers, dates, compound items) and a folder of bad files (CSV, TOML, databases).

The values mix garbage with names the shop really holds (SKUs, SNs, document numbers), so
that a command gets past "not found" and meets the garbage deeper in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

NASTY_CHARACTERS = (
    "\x00\x01\x07\x08\t\n\r\x1b\x7f\x85\x9b"  # C0/C1 controls, ESC, CSI
    "\u200b\u200e\u200f\u202a\u202e\u2066\u2028\u2029\ufeff\ufffe"  # RTL, bidi, BOM, separators
    "\u0301\u0336\u0489"  # combining marks
    "\udc80\udcfe\udcff"  # bytes of an argument that is not UTF-8 (surrogateescape)
    "²³¹½٣۳①"  # digits that are not 0-9
    "%_*:=,;'\"\\[]{}<>$`"  # SQL wildcards, the item syntax, markup, shell and template
    "AБїЁ €"
)
ESCAPES = ("\x1b[2J", "\x1b[31m", "\x1b]0;owned\x07", "\x1bP", "\x9b1m", "\r\x1b[K")
KIB_100 = 100 * 1024
HUGE = (
    "A" * KIB_100,
    "Б" * KIB_100,
    "\u202ex" * (KIB_100 // 2),
    "e\u0301" * (KIB_100 // 2),
    "\x1b[2J" * (KIB_100 // 4),
)
NUMBERS = (
    "0",
    "-0",
    "-1",
    "1",
    "1e308",
    "-1e308",
    "1e-308",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "²",
    "٣",
    "1_000",
    "0x10",
    " 1 ",
    "1,5",
    "1 299,50",
    "0.001",
    "1000000",
    "1000001",
    "10000000000",
    "100000000.01",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "1" * 400,
)
DATES = (
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "2026-13-01",
    "20260101",
    "2026-1-1",
    "today",
    "1999-12-31",
    "2000-01-01",
    "2100-12-31",
    "2101-01-01",
    "2026-03-02T10:00",
)
URLS = (
    "",
    "http://x",
    "tcp://127.0.0.1:1",
    "tcp://[::1",
    "tcp://127.0.0.1:99999",
    "file:///nonexistent/folder/x.bin",
    "usb://zzzz:1",
    "serial:///nonexistent?baud=nan",
    "cups://",
    "\x1b[2J",
)


@dataclass(frozen=True)
class Known:
    """Names the demo shop holds, so that values reach past "not found"."""

    skus: tuple[str, ...]
    barcodes: tuple[str, ...]
    serials: tuple[str, ...]
    documents: tuple[str, ...]
    types: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> Known:
        """The names in a SQLite copy of the demo shop."""
        with sqlite3.connect(path) as db:

            def column(query: str) -> tuple[str, ...]:
                return tuple(str(row[0]) for row in db.execute(query))

            return cls(
                column("SELECT sku FROM product"),
                column("SELECT code FROM barcode"),
                column("SELECT serial FROM serial_unit"),
                column("SELECT number FROM document"),
                column("SELECT path FROM product_type"),
            )

    def names(self) -> st.SearchStrategy[str]:
        """One of the shop's names, or a count sheet's id."""
        every = (*self.skus, *self.barcodes, *self.serials, *self.documents, *self.types)
        return st.sampled_from(every + ("1", "2", "stock", "warranty"))


def texts() -> st.SearchStrategy[str]:
    """Short hostile text: any character, mostly the nasty ones."""
    return st.text(st.sampled_from(NASTY_CHARACTERS) | st.characters(), max_size=24)


def values(known: Known) -> st.SearchStrategy[str]:
    """One argument's value: garbage, a real name, a number, a date, or a compound item
    (CODE:QTY:COST:SN, CODE*QTY, OLD=NEW) built from those."""
    atom = st.one_of(
        known.names(),
        known.names(),
        texts(),
        st.sampled_from(NUMBERS),
        st.integers().map(str),
        st.sampled_from(DATES),
        st.dates().map(str),
        st.sampled_from(ESCAPES).map(lambda esc: f"Cable{esc}PWNED"),
    )
    compound = st.tuples(
        st.lists(atom, min_size=2, max_size=4), st.sampled_from((":", ":", "*", "=", ","))
    ).map(lambda parts: parts[1].join(parts[0]))
    return st.one_of(atom, atom, compound, st.sampled_from(HUGE), st.sampled_from(URLS))


class HostileFiles:
    """A folder of files a command may be handed: CSV in bad encodings, with NUL bytes or
    a field over 128 KiB, malformed configuration, databases that are not databases."""

    def __init__(self, folder: Path, backup: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        products = "sku,name,type,price\nCP1,Кабель Є,Cables,10\n"
        csv_files = {
            "cp1251.csv": products.encode("cp1251"),
            "bom.csv": "\ufeff".encode() + products.encode(),
            "semicolon.csv": products.replace(",", ";").encode(),
            "nul.csv": b"sku,name,type,price\nN1,Na\x00me,Cables,10\n",
            "huge_field.csv": b"sku,name,type,price\nH1," + b"x" * (129 * 1024) + b",Cables,1\n",
            "huge_quoted.csv": b'sku,name\nH2,"' + b"y" * (129 * 1024) + b'"\n',
            "escapes.csv": b"sku,name,type,price\nE1,Cable\x1b[2J,Cables,1\n",
            "bad_utf8.csv": b"sku,name,type,price\n\xff\xfe,\xc3(,Cables,1\n",
            "empty.csv": b"",
            "header_only.csv": b"sku,name,type,price\n",
            "unbalanced.csv": b'sku,name\n"open,\n',
            "serials.txt": b"GAL-A15*9223372036854775807\nGAL-A15*-1\n\x1b[2J\n\xff\n",
        }
        config_files = {
            "malformed.toml": b"[printer\nurl = ",
            "nan.toml": b"[printer]\ntimeout = nan\n",
            "inf.toml": b"[printer]\ntimeout = inf\n",
            "slot.toml": b"[printer]\ncodepage_slot = 99999999\n",
            "unknown.toml": b"[nonsense]\nkey = 1\n",
            "types.toml": b'[printer]\ntimeout = "soon"\npaper_mm = 1e400\n',
            "binary.toml": b"\xff\xfe\x00\x00garbage",
            "huge.toml": b'[till]\nshop_name = "' + b"x" * (129 * 1024) + b'"\n',
            "escape.toml": b'[till]\nshop_name = "\\u001b[2J"\noperator = "\\u0000"\n',
            "templates.toml": f'[printer]\ntemplates = "{folder}"\n'.encode(),
            "group.toml": b'[files]\ngroup = "no-such-group-here"\n',
            "empty.toml": b"",
        }
        for name, data in {**csv_files, **config_files}.items():
            (folder / name).write_bytes(data)
        (folder / "not_a_database.sqlite3").write_text("hello\n")
        (folder / "truncated.sqlite3").write_bytes(backup.read_bytes()[:3000])
        (folder / "a_folder").mkdir(exist_ok=True)
        (folder / "out").mkdir(exist_ok=True)
        self.csv = tuple(str(folder / name) for name in csv_files)
        self.configs = tuple(str(folder / name) for name in config_files)
        self.others = (
            str(backup),
            str(folder / "not_a_database.sqlite3"),
            str(folder / "truncated.sqlite3"),
            str(folder / "a_folder"),
            str(folder / "missing" / "x.png"),
            "/nonexistent/x.png",
            "/dev/full",
            "",
        )

    def paths(self) -> st.SearchStrategy[str]:
        """A file argument: one of the bad files, or a fresh name in the folder."""
        return st.one_of(
            st.sampled_from(self.csv + self.others),
            texts().map(lambda name: str(self.folder / "out" / name.replace("/", "_"))),
        )

    def configs_or_none(self) -> st.SearchStrategy[str | None]:
        """A ``--config`` file, now and then."""
        return st.one_of(st.none(), st.none(), st.none(), st.none(), st.sampled_from(self.configs))

    def databases(self) -> st.SearchStrategy[str]:
        """A ``--db`` that is not a working database."""
        return st.sampled_from(
            (
                "",
                str(self.folder / "not_a_database.sqlite3"),
                str(self.folder / "truncated.sqlite3"),
                str(self.folder / "a_folder"),
                "/nonexistent/x.sqlite3",
                "postgresql://nobody@127.0.0.1:1/x",
                "\udcff.sqlite3",
            )
        )
