"""SQLAlchemy engines for the notifier's database, and the one datetime convention.

SQLite transactions are made ``BEGIN IMMEDIATE`` (the pattern case-api uses): the write lock
is taken up front, so two replicas cannot both read the follower position or lease the same
delivery before either writes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, event


def make_engine(url: str, pool_size: int = 5) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        return create_engine(url, pool_size=pool_size, max_overflow=4, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    _make_sqlite_transactions_immediate(engine)
    return engine


def _make_sqlite_transactions_immediate(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def to_db(moment: datetime) -> datetime:
    """Aware → naive UTC, the stored form (both backends compare it the same way)."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
