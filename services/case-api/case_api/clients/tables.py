"""Machine clients as the administrator lists them, and every change to them."""

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

from case_api.platform.tables import metadata

api_clients = Table(
    "api_clients",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("role", String(32), nullable=False),
    Column("agency", String(64)),
    Column("jurisdiction", String(64)),
    Column("court", String(128)),
    Column("actions", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    # [{"secret_id", "expires_at"}]: which secrets exist and until when; never their hashes.
    Column("secrets", JSON, nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False),
)

api_client_changes = Table(
    "api_client_changes",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("client_id", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("principal_id", String(128)),
    Column("details", JSON, nullable=False),
    Index("ix_api_client_changes_client", "client_id", "position"),
)

# Documents a case's events reference (one row per reference); the blobs live in the blob
# store under their SHA-256 (case_api.documents).
