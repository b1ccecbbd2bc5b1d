"""Client secrets: made at random, shown once, kept only as a salted scrypt hash.

The hash string names its parameters (``scrypt$n$r$p$salt$hash``) so the cost can be raised
later without invalidating secrets already issued.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1  # about 16 MiB and some tens of milliseconds per check
SALT_BYTES = 16
HASH_BYTES = 32


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(secret, salt, N, R, P)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def secret_matches(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(secret, base64.urlsafe_b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, base64.urlsafe_b64decode(digest))


def spend_equal_time(secret: str) -> None:
    """Hash anyway when the client is unknown, so timing does not tell which ids exist."""
    _scrypt(secret, bytes(SALT_BYTES), N, R, P)


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii")
