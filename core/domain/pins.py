"""PINs kept as scrypt hashes (Python's own hashlib.scrypt): never stored or compared plain."""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
"""scrypt's cost: 16 MiB and ~50 ms a try, so guessing a 4-digit PIN offline takes minutes,
not microseconds; at the till the lockout after a few wrong tries is the real guard."""
SALT_BYTES = 16
KEY_BYTES = 32


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=KEY_BYTES
    )


def hash_pin(pin: str) -> str:
    """``scrypt$N$r$p$salt$hash`` of a PIN with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """True when the PIN is the one hashed in ``stored`` (compared in constant time)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        found = _derive(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, bytes.fromhex(digest))


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits."""
    return pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12
