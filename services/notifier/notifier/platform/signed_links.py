"""Signed, expiring links: a URL that grants one method on one path without the operator token.

The signature is HMAC-SHA256 (lowercase hex) with the notifier's link secret over
``METHOD \\n path \\n expires``, ``expires`` being a Unix time in seconds; the link carries
both as ``?expires=…&sig=…``. Anyone holding the link may use it until it expires, so links
go only into messages to the bulletin's recipients.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import urlencode


class LinkCheck(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    BAD_SIGNATURE = "bad-signature"


def signature(secret: str, method: str, path: str, expires: int) -> str:
    message = f"{method.upper()}\n{path}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_path(secret: str, path: str, now: datetime, lifetime: timedelta) -> str:
    """``path`` with the query that lets a GET through until ``now + lifetime``."""
    expires = int((now + lifetime).timestamp())
    query = urlencode({"expires": expires, "sig": signature(secret, "GET", path, expires)})
    return f"{path}?{query}"


def check_link(
    secret: str, method: str, path: str, expires: int | None, sig: str | None, now: datetime
) -> LinkCheck:
    """The signature first: a link whose ``expires`` was altered is forged, not expired."""
    if not secret or expires is None or not sig:
        return LinkCheck.BAD_SIGNATURE
    expected = signature(secret, method, path, expires)
    if not hmac.compare_digest(expected.encode(), sig.lower().encode()):
        return LinkCheck.BAD_SIGNATURE
    if now.timestamp() >= expires:
        return LinkCheck.EXPIRED
    return LinkCheck.VALID
