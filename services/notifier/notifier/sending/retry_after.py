"""``Retry-After`` (RFC 9110 §10.2.3) as a number of seconds to wait, capped.

Either delay-seconds (``120``) or an HTTP-date. A date is measured against the response's own
``Date`` header when it has one, so a skewed local clock does not stretch or cut the wait.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def retry_after_seconds(
    value: str | None, date: str | None, now: datetime, cap: float
) -> float | None:
    """Seconds to wait (0 ≤ result ≤ ``cap``), or None if the header is absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), cap)
    until = _http_date(value)
    if until is None:
        return None
    base = _http_date(date) or now
    return min(max((until - base).total_seconds(), 0.0), cap)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
