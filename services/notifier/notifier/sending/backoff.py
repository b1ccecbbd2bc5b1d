"""When a failed delivery is tried again: exponential backoff, capped; then it is dead."""

from __future__ import annotations

from datetime import datetime, timedelta


def next_attempt(now: datetime, attempts: int, base_seconds: float, max_seconds: float) -> datetime:
    """After the ``attempts``-th failed attempt (1-based): base, 2×base, 4×base … ≤ max."""
    delay = min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds)
    return now + timedelta(seconds=delay)


def is_dead(attempts: int, max_attempts: int) -> bool:
    return attempts >= max_attempts
