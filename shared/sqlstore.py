"""SQLAlchemy engines and table metadata, the same for case-api's read models and the
notifier's database (SQLite file by default, PostgreSQL in production)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


CONNECT_TIMEOUT_SECONDS = 5


def new_metadata() -> MetaData:
    """Metadata whose constraint names are deterministic, so Alembic can drop them again."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(
    url: str,
    pool_size: int = 10,
    max_overflow: int = 8,
    timeout_seconds: int = CONNECT_TIMEOUT_SECONDS,
) -> Engine:
    """``timeout_seconds``: longest wait to connect or for a pooled connection (PostgreSQL)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        # connect_timeout: a database host that does not answer at all fails a request in
        # seconds (503 storage-unavailable), not after the operating system's TCP timeout.
        return create_engine(
            url,
            pool_size=pool_size,
            max_overflow=max_overflow,
            pool_pre_ping=True,
            pool_timeout=timeout_seconds,
            connect_args={"connect_timeout": timeout_seconds},
        )
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    _make_sqlite_transactions_immediate(engine)
    return engine


def _make_sqlite_transactions_immediate(engine: Engine) -> None:
    """Let SQLAlchemy's transactions be real SQLite ones that take the write lock up front.

    pysqlite's own transaction handling defers BEGIN and would let two projector threads (or
    two notifier replicas) both read a tracking position before either writes it.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def run_alembic(context: Any, metadata: MetaData) -> None:
    """The body of both services' Alembic ``env.py``: offline SQL or a migration on the
    configured URL (``-x url=…`` overrides alembic.ini), batch mode so SQLite can alter."""
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()
