"""The notifier's own tables; Alembic (migrations/notifier) owns the schema.

Datetimes are stored as naive UTC (``db.to_db`` / ``db.from_db``) so that SQLite and
PostgreSQL compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from shared.sqlstore import new_metadata

metadata = new_metadata()

# One row per follower name: the feed position committed with the state it produced.
follower_positions = Table(
    "follower_positions",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("head", BigInteger, nullable=False, default=0),
    Column("updated_at", DateTime, nullable=True),
)

# The case events the deadline engine needs, as the feed gave them.
case_events = Table(
    "case_events",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("type", String(64), nullable=False),
    Column("data", JSON, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_number", String(128), nullable=False),
    Column("pack", String(64), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("agencies", JSON, nullable=False),  # [{"agency_id", "role"}]
)

jurisdictions = Table(
    "jurisdictions",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("level", String(32), nullable=False),
    Column("parent", String(64), nullable=True),
    Column("pack", String(64), nullable=False),
    Column("seen_at", DateTime, nullable=False),  # notifier clock: first bulletin period
)

agencies = Table(
    "agencies",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
)

# Corrections of the official holiday schedules that arrived on the feed.
calendar_schedules = Table(
    "calendar_schedules",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("schedule", JSON, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("position", BigInteger, nullable=False),
)

# 报备/提醒/反馈/补救/通报: one row per (deadline or event, kind, recipient).
# state: scheduled, sending, sent, failed, dead, withdrawn. ``next_attempt_at`` is when the
# row may be leased: the due time, the retry time after a failure, or the lease expiry.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(255), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("recipient", String(128), nullable=False),
    Column("case_id", String(36), nullable=True, index=True),
    Column("agency", String(64), nullable=True, index=True),
    Column("jurisdiction", String(64), nullable=True),
    Column("deadline_key", String(128), nullable=True),
    Column("due_at", DateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("lease_token", String(36), nullable=True),
    Column("sent_at", DateTime, nullable=True),
    Column("last_answer", Text, nullable=True),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_deliveries_state_next", "state", "next_attempt_at"),
)

bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(128), nullable=False, unique=True),
    Column("jurisdiction", String(64), nullable=False),
    Column("period", String(7), nullable=False),  # 2025-09, 2025-Q3, 2025-H1 or 2025
    Column("statistics", JSON, nullable=False),
    Column("html", Text, nullable=False),
    Column("xlsx", LargeBinary, nullable=False),
    Column("pdf", LargeBinary, nullable=True),  # none in bulletins stored before PDFs
    Column("created_at", DateTime, nullable=False),
)
