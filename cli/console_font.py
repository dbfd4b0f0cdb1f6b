"""The font the running Linux console has loaded: which characters it can draw.

Read with the console's own ioctl (``GIO_UNIMAP``: the Unicode map of the loaded font), so
`till doctor` needs neither ``setfont -v`` nor ``showconsolefont``, which a till often lacks.
Anything that goes wrong (not a console, no permission, another kernel) gives None, and the
doctor falls back to console-setup's configuration file."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import sys

GIO_UNIMAP = 0x4B66
"""linux/kd.h: get the loaded font's Unicode-to-glyph map."""
MOST_ENTRIES = 65536
"""More pairs than any console font maps."""

UKRAINIAN_LETTERS = frozenset("ІіЇїЄєҐґ")
"""The letters of Ukrainian that a Russian-only or Latin font lacks."""


class _UniPair(ctypes.Structure):
    _fields_ = (("unicode", ctypes.c_ushort), ("fontpos", ctypes.c_ushort))


class _UniMapDesc(ctypes.Structure):
    _fields_ = (("entry_ct", ctypes.c_ushort), ("entries", ctypes.POINTER(_UniPair)))


def loaded_characters(fd: int | None = None) -> frozenset[str] | None:
    """The characters the console font on ``fd`` (standard input) can draw, or None."""
    descriptor = sys.stdin.fileno() if fd is None else fd
    size = 512
    while size <= MOST_ENTRIES:
        pairs = (_UniPair * size)()
        desc = _UniMapDesc(size, pairs)
        try:
            fcntl.ioctl(descriptor, GIO_UNIMAP, desc)
        except OSError as exc:
            if exc.errno == errno.ENOMEM and desc.entry_ct > size:
                size = desc.entry_ct
                continue
            return None
        except (ValueError, TypeError):
            return None
        return frozenset(chr(pairs[i].unicode) for i in range(min(desc.entry_ct, size)))
    return None


def missing_ukrainian(characters: frozenset[str]) -> str:
    """The Ukrainian letters a font cannot draw, in order (empty when it has them all)."""
    return "".join(sorted(UKRAINIAN_LETTERS - characters))
