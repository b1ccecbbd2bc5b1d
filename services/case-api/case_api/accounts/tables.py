"""Accounts as the administrator lists them and their audit trail (projected), and the two
tables the event store does not hold: password hashes and open sessions."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Integer, String, Table

from case_api.platform.tables import metadata

accounts = Table(
    "accounts",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("display_name", String(128), nullable=False),
    Column("role", String(32), nullable=False),
    Column("agency", String(64)),
    Column("jurisdiction", String(64)),
    Column("court", String(128)),
    Column("status", String(16), nullable=False),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

account_events = Table(
    "account_events",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("username", String(64), nullable=False),
    Column("type", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("principal_id", String(128)),
    Column("details", JSON, nullable=False),
    Index("ix_account_events_username", "username", "position"),
)

# Not projected (a rebuild leaves them): a hash is replaced when its password changes, and
# must not outlive it in an append-only log.
account_credentials = Table(
    "account_credentials",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(256), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# Not projected: a session must work the moment it is opened, not once the projector has
# caught up. The cookie holds a random token; only its SHA-256 is kept.
account_sessions = Table(
    "account_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("session_ref", String(32), nullable=False, unique=True),
    Column("username", String(64), nullable=False),
    Column("role", String(32), nullable=False),
    Column("agency", String(64)),
    Column("jurisdiction", String(64)),
    Column("court", String(128)),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_account_sessions_username", "username"),
)
