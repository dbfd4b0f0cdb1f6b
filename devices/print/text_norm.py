"""Make text printable in a single-byte printer code table without losing Ukrainian letters."""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

ALWAYS = {
    "\u02bc": "'",  # ʼ MODIFIER LETTER APOSTROPHE, the official Ukrainian apostrophe
    "\u20b4": "грн",  # ₴ is in no printer code table
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (thousands separator)
    "\u2009": " ",  # thin space
    "\u2011": "-",  # non-breaking hyphen
    "\t": " ",
}
"""Replacements made whatever the encoding."""

FALLBACK = {
    "«": '"',
    "»": '"',
    "„": '"',
    "“": '"',
    "”": '"',
    "’": "'",
    "‘": "'",
    "—": "-",
    "–": "-",
    "…": "...",
    "№": "N",
    "€": "EUR",
    # CP866 has no і/ї/ґ: the python-escpos #375 workaround, Latin look-alikes or Г.
    "і": "i",
    "І": "I",
    "ї": "i",
    "Ї": "I",
    "ґ": "г",
    "Ґ": "Г",
}
"""Look-alikes used only when the encoding cannot hold the character itself."""


@lru_cache(maxsize=16)
def _encoder(encoding: str) -> codecs.IncrementalEncoder:
    """A stateless encoder used to test whether characters fit the encoding."""
    return codecs.getincrementalencoder(encoding)()


def _fits(char: str, encoding: str) -> bool:
    """True when ``char`` can be encoded in ``encoding``."""
    try:
        _encoder(encoding).encode(char)
    except UnicodeEncodeError:
        return False
    return True


def normalise(text: str, encoding: str = "cp1251") -> str:
    """Return ``text`` with every character printable in ``encoding``.

    ``ʼ`` becomes ``'``, ``₴`` becomes ``грн`` and odd spaces become spaces; a character the
    encoding lacks becomes a look-alike if one is known, otherwise ``?``. Control characters
    other than newline are dropped.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        char = ALWAYS.get(char, char)
        if len(char) == 1 and char != "\n" and unicodedata.category(char) == "Cc":
            continue
        if all(_fits(c, encoding) for c in char):
            out.append(char)
            continue
        fallback = FALLBACK.get(char, "?")
        out.append(fallback if all(_fits(c, encoding) for c in fallback) else "?")
    return "".join(out)
