"""Passwords hashed with Argon2id (argon2-cffi's defaults: RFC 9106's second recommended
parameter set, 64 MiB and 3 passes), compared in constant time.

The hash string names its parameters, so raising the cost later re-hashes each password at
its holder's next sign-in (``needs_rehash``) without locking anyone out.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from case_api.platform.domain_errors import InvalidValue

_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("a password nobody has")
_AT_ONCE = threading.BoundedSemaphore(4)
"""Each check takes 64 MiB: a burst of sign-ins on every request thread (40) would take
2.5 GiB, so at most four run at once and the rest wait their turn."""


def hash_password(password: str) -> str:
    with _AT_ONCE:
        return _HASHER.hash(password)


def password_matches(password: str, stored: str | None) -> bool:
    """False for a wrong password or no account; both cost one Argon2 check, so the answer's
    timing does not tell which usernames exist."""
    try:
        with _AT_ONCE:
            return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


def check_strength(password: str, username: str, min_length: int) -> None:
    """Length is what protects a password (NIST SP 800-63B §3.1.1.2); no composition rules."""
    if len(password) < min_length:
        raise InvalidValue(
            "password-too-short",
            f"A password needs at least {min_length} characters.",
            f"密码至少需要 {min_length} 个字符。",
            field="new_password",
        )
    if password.strip().lower() == username.lower():
        raise InvalidValue(
            "password-is-username",
            "The password may not be the username.",
            "密码不能与用户名相同。",
            field="new_password",
        )
