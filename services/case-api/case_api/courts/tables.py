"""Courts' signing secrets and every delivery received, with its receipt."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    String,
    Table,
    Text,
)

from case_api.platform.tables import metadata

court_keys = Table(
    "court_keys",
    metadata,
    Column("key_id", String(32), primary_key=True),
    Column("court", String(128), nullable=False),
    # Kept as given: verifying an HMAC needs the secret itself, not a hash of it.
    Column("secret", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Index("ix_court_keys_court", "court"),
)

court_deliveries = Table(
    "court_deliveries",
    metadata,
    Column("court", String(128), primary_key=True),
    Column("delivery_id", String(128), primary_key=True),
    Column("body_sha256", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("receipt", Text),
    Column("receipt_timestamp", BigInteger),
    Column("receipt_signature", Text),
)
