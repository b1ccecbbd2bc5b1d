"""Read-model tables every capability shares: the schema's ``metadata``, projection positions and Idempotency-Key records.

Alembic (``migrations/case_api``) owns the schema of every read-model table; ``case_api.schema`` gathers them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
)

from shared.sqlstore import new_metadata

metadata = new_metadata()


def path_type() -> String:
    """A materialised jurisdiction path (``/gd/gz/th/``), compared by byte so that "this
    jurisdiction and below" is an index range (``registry.paths``) under any locale."""
    return String(512).with_variant(String(512, collation="C"), "postgresql")  # type: ignore[return-value]


projection_positions = Table(
    "projection_positions",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("client", String(128), primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("status_code", Integer),
    Column("response", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_idempotency_keys_created_at", "created_at"),
)
