"""The registry as read models: jurisdictions and agencies."""

from __future__ import annotations

from sqlalchemy import (
    Column,
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
