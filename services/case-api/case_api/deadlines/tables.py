"""Deadline read models: derived due dates, calendar overrides and the dates calendar loads moved."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from case_api.platform.tables import metadata, path_type

deadlines = Table(
    "deadlines",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("case_id", String(36), primary_key=True),
    Column("rule_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("title", String(256), nullable=False),
    Column("title_zh", String(256), nullable=False),
    Column("source", String(256), nullable=False),
    Column("pack", String(32), nullable=False),
    Column("pack_version", Integer, nullable=False),
    Column("actor", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("trigger_position", BigInteger, nullable=False),
    Column("trigger_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("provisional_reason", Text),
    Column("status", String(16), nullable=False),
    Column("status_reason", Text),
    # The event that settled it otherwise than by meeting it: a withdrawal, the closing, ...
    Column("ended_by_position", BigInteger),
    Column("ended_by_event", String(64)),
    Column("satisfied_position", BigInteger),
    Column("satisfied_date", Date),
    Column("explanation", JSON, nullable=False),
    Column("reminders", JSON, nullable=False),
    Column("escalation", JSON, nullable=False),
    Index("ix_deadlines_due", "status", "due_date"),
    # Lists in due order and statistics by due date, whatever the status.
    Index("ix_deadlines_due_date", "due_date", "case_id", "key"),
    Index("ix_deadlines_agency", "agency", "due_date"),
    # The primary key leads with the rule key; replacing a case's rows needs case_id first.
    Index("ix_deadlines_case", "case_id"),
    # The deadline one event triggered (a suggestion's reply, for the statistics).
    Index("ix_deadlines_trigger", "case_id", "trigger_position"),
    # Risks of losing count in the period they were found (statistics ``risks``).
    Index("ix_deadlines_trigger_date", "trigger_date"),
)

calendar_overrides = Table(
    "calendar_overrides",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("schedule", JSON, nullable=False),
    Column("reason", Text, nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

deadline_changes = Table(
    "deadline_changes",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("deadline_key", String(128), primary_key=True),
    Column("case_id", String(36), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("rule_id", String(64), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("old_due_date", Date, nullable=False),
    Column("new_due_date", Date, nullable=False),
    Column("old_provisional", Boolean, nullable=False),
    Column("new_provisional", Boolean, nullable=False),
)

# Accountability after lost suits (DOMAIN.md §6). A person's rows carry the agency and post
# at the time of the fault, keyed by a stable ``person_id``, so the record survives transfers.
