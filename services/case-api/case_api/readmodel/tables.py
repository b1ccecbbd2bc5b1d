"""Read-model tables. Alembic (``migrations/case_api``) owns their schema.

``case_timeline`` doubles as the event feed: the projector writes it in notification order,
one transaction at a time, so a reader that resumes ``WHERE position > N`` never skips a row.
"""

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

from shared.sqlstore import new_metadata

metadata = new_metadata()

projection_positions = Table(
    "projection_positions",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

case_summaries = Table(
    "case_summaries",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_number", String(128), nullable=False),
    Column("court", String(128), nullable=False),
    Column("status", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("agencies", JSON, nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Column("pack", String(32), nullable=False),
    Column("subject_matter", Text, nullable=False),
    Column("plaintiff_count", Integer, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("filed_date", Date, nullable=False),
    Column("instance", String(16), nullable=False),
    Column("outcome", String(16)),
    Column("loss_type", String(32)),
    Column("effective_date", Date),
    Column("closed_date", Date),
    Column("conclusion", String(16)),
    Column("concluded_date", Date),
    Column("hearing_date", Date),
    Column("next_deadline_date", Date),
    Column("next_deadline_rule", String(64)),
    Column("remediation_required", JSON, nullable=False),
    Column("report_state", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("last_position", BigInteger, nullable=False),
    # Hash of the event at `version` (None for events recorded before the chain).
    Column("chain_head", String(80)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_case_summaries_agency_status", "agency", "status"),
    Index("ix_case_summaries_jurisdiction_path", "jurisdiction_path"),
    Index("ix_case_summaries_filed_date", "filed_date"),
    Index("ix_case_summaries_court", "court"),
)

case_agencies = Table(
    "case_agencies",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Index("ix_case_agencies_agency", "agency"),
)

case_timeline = Table(
    "case_timeline",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("stream_id", String(36), nullable=False),
    Column("stream_type", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("type", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("data", JSON, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("agencies", String(512), nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Column("court", String(128), nullable=False),
    Index("ix_case_timeline_stream", "stream_id", "version", unique=True),
)

jurisdictions = Table(
    "jurisdictions",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent", String(64)),
    Column("path", String(512), nullable=False),
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
    Column("jurisdiction_path", String(512), nullable=False),
    Column("trigger_position", BigInteger, nullable=False),
    Column("trigger_date", Date, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("provisional_reason", Text),
    Column("status", String(16), nullable=False),
    Column("status_reason", Text),
    Column("satisfied_position", BigInteger),
    Column("satisfied_date", Date),
    Column("explanation", JSON, nullable=False),
    Column("reminders", JSON, nullable=False),
    Column("escalation", JSON, nullable=False),
    Index("ix_deadlines_due", "status", "due_date"),
    Index("ix_deadlines_agency", "agency", "due_date"),
    # The primary key leads with the rule key; replacing a case's rows needs case_id first.
    Index("ix_deadlines_case", "case_id"),
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
    Column("jurisdiction_path", String(512), nullable=False),
    Column("old_due_date", Date, nullable=False),
    Column("new_due_date", Date, nullable=False),
    Column("old_provisional", Boolean, nullable=False),
    Column("new_provisional", Boolean, nullable=False),
)

# Accountability after lost suits (DOMAIN.md §6). A person's rows carry the agency and post
# at the time of the fault, keyed by a stable ``person_id``, so the record survives transfers.
accountability_cases = Table(
    "accountability_cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("pack", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Column("investigation_date", Date),
    Column("act_date", Date),
    Column("direct_loss_yuan", BigInteger, nullable=False),
    Column("dereliction", Boolean, nullable=False),
    Column("opinion_date", Date),
    Column("city_filed_date", Date),
    Column("meeting_date", Date),
    Column("papers_sent_date", Date),
    Column("committee_reported_date", Date),
    Column("transferred_date", Date),
    Column("transferred_to", String(128)),
    # {designated_date, grounds, reason, units: [{unit_id, name, kind}], positions: [...]}
    Column("joint_review", JSON),
)

accountability_parties = Table(
    "accountability_parties",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("party_id", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("person_id", String(128)),
    Column("name", String(128), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("post", String(128), nullable=False),
    Column("role", String(16), nullable=False),
    Column("fault_kind", String(64), nullable=False),
    Column("fault_date", Date, nullable=False),
    Column("named_date", Date, nullable=False),
    Column("repeat_fault", Boolean, nullable=False),
    Column("pack", String(32), nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Index("ix_accountability_parties_person", "person_id", "fault_kind"),
    Index("ix_accountability_parties_agency", "agency"),
)

accountability_decisions = Table(
    "accountability_decisions",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("party_id", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("person_id", String(128)),
    Column("agency", String(64), nullable=False),
    Column("decision", String(32), nullable=False),
    Column("ground", String(64), nullable=False),
    Column("ground_source", String(128), nullable=False),
    Column("sanctions", JSON, nullable=False),
    Column("sanctions_in_force", JSON, nullable=False),
    Column("mitigation", JSON, nullable=False),
    Column("aggravation", JSON, nullable=False),
    Column("deciding_organ", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_date", Date, nullable=False),
    Column("appeal_kind", String(16)),
    Column("appealed_date", Date),
    Column("appeal_outcome", String(16)),
    Column("appeal_decided_date", Date),
    Column("pack", String(32), nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Index("ix_accountability_decisions_person", "person_id"),
    Index("ix_accountability_decisions_date", "decided_date"),
)

accountability_recoveries = Table(
    "accountability_recoveries",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", String(36), nullable=False),
    Column("party_id", String(64), nullable=False),
    Column("person_id", String(128)),
    Column("amount_yuan", BigInteger, nullable=False),
    Column("recovered_date", Date, nullable=False),
    Column("jurisdiction_path", String(512), nullable=False),
    Index("ix_accountability_recoveries_person", "person_id"),
)

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


# The signed court channel (case_api.deliveries): courts' signing secrets, and each delivery
# with the receipt it was answered with. Operational state, not derivable from events.
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
