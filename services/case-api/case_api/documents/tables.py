"""The documents each case cites."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    String,
    Table,
)

from case_api.platform.tables import metadata

case_documents = Table(
    "case_documents",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("title", String(256), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)


# The signed court channel (case_api.courts.deliveries): courts' signing secrets, and each delivery
# with the receipt it was answered with. Operational state, not derivable from events.
