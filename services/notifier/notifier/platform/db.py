"""SQLAlchemy engines for the notifier's database, and the one datetime convention.

SQLite transactions are made ``BEGIN IMMEDIATE`` (the pattern case-api uses): the write lock
is taken up front, so two replicas cannot both read the follower position or lease the same
delivery before either writes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from shared.sqlstore import make_engine as shared_make_engine


def make_engine(url: str, pool_size: int = 5) -> Engine:
    """The shared engine settings with the notifier's smaller pool (one follower, senders)."""
    return shared_make_engine(url, pool_size=pool_size, max_overflow=4)


def to_db(moment: datetime) -> datetime:
    """Aware → naive UTC, the stored form (both backends compare it the same way)."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
