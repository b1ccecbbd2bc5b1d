"""The registry as read models: jurisdictions and agencies."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Index,
    String,
    Table,
)

from case_api.platform.tables import metadata, path_type

jurisdictions = Table(
    "jurisdictions",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent", String(64)),
    Column("path", path_type(), nullable=False),
    Column("pack", String(32), nullable=False),
)

agencies = Table(
    "agencies",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("level", String(16), nullable=False),
)

administrative_acts = Table(
    "administrative_acts",
    metadata,
    Column("agency", String(64), primary_key=True),
    Column("period", String(8), primary_key=True),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("acts", BigInteger, nullable=False),
    Column("position", BigInteger, nullable=False),
    Index("ix_administrative_acts_period", "period_start", "period_end"),
)
"""行政行为数量 per agency and period (2026, 2026-H1, 2026-Q3, 2026-11), as last recorded."""
