"""Case read models: summaries, the agencies of each case, and the timeline.

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
    false,
)

from case_api.platform.tables import metadata, path_type

case_summaries = Table(
    "case_summaries",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_number", String(128), nullable=False),
    # ``values.case_number_key``: what every lookup by case number compares.
    Column("case_number_key", String(128)),
    Column("court", String(128), nullable=False),
    Column("status", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("agencies", JSON, nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("pack", String(32), nullable=False),
    Column("subject_matter", Text, nullable=False),
    Column("plaintiff_count", Integer, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("filed_date", Date, nullable=False),
    # 行政诉讼 / 行政复议 / 民事诉讼 / a suit the agency brings (``values.ProceedingKind``).
    Column("proceeding_kind", String(32), nullable=False, server_default="administrative_suit"),
    Column("reconsideration_outcome", String(32)),
    Column("response_lead", JSON),  # the latest response plan's lead and its basis
    Column("instance", String(16), nullable=False),
    Column("outcome", String(16)),
    Column("loss_type", String(32)),
    Column("effective_date", Date),
    # The day after the last party's appeal period ends (none appealing), and whether the
    # court's posted effective date differs from it; set by the deadline projection.
    Column("effective_date_derived", Date),
    Column("effective_date_mismatch", Boolean),
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
    Index("ix_case_summaries_case_number_key", "case_number_key"),
    # Statistics count the cases concluded, and the losses that took effect, in a period.
    Index("ix_case_summaries_concluded_date", "concluded_date"),
    Index("ix_case_summaries_outcome", "outcome", "effective_date"),
    # Listing one kind newest first (reconsiderations and civil suits are the few).
    Index("ix_case_summaries_proceeding_kind", "proceeding_kind", "filed_date"),
)

# Every defendant agency of a case. ``filed_date`` orders an agency's cases by the index;
# ``is_primary`` marks the case's implementing agency (the summaries' ``agency``), so the
# cases an agency is only a co-defendant in are a small set of their own.
case_agencies = Table(
    "case_agencies",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("filed_date", Date, nullable=False),
    Column("is_primary", Boolean, nullable=False),
    Index("ix_case_agencies_agency", "agency", "filed_date", "case_id"),
    Index("ix_case_agencies_secondary", "agency", "is_primary"),
)

# One row per hearing date of a case: scheduled (by a summons or a scheduling), postponed
# (replaced by another date) and who appeared. Statistics count hearings by their date, and
# Guangzhou's "first hearing of the year" looks at the agency's other hearings [004 5-②].
case_hearings = Table(
    "case_hearings",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("hearing_date", Date, primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("instance", String(16), nullable=False),
    Column("scheduled_position", BigInteger, nullable=False),
    Column("postponed_position", BigInteger),
    # The case was withdrawn or mediated before the hearing's day: it will not be held.
    Column("called_off_position", BigInteger),
    Column("appeared_position", BigInteger),
    Column("appearance_roles", JSON, nullable=False),
    Column("head_present", Boolean, nullable=False),
    Column("principal_head_present", Boolean, nullable=False),
    # Court conduct [003 二(二)2]: 拒不到庭, 未经法庭许可中途退庭.
    Column("refused_to_attend", Boolean, nullable=False, server_default=false()),
    Column("left_without_permission", Boolean, nullable=False, server_default=false()),
    Index("ix_case_hearings_hearing_date", "hearing_date"),
    Index("ix_case_hearings_agency", "agency", "hearing_date"),
)

# Answers as submitted (答辩): the four failures count those without evidence (不举证).
case_answers = Table(
    "case_answers",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", String(36), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("submitted_date", Date, nullable=False),
    Column("evidence_submitted", Boolean, nullable=False),
    Index("ix_case_answers_submitted_date", "submitted_date"),
)

# 司法建议 / 检察建议 served on a case, and the agency's reply: the tracked item the case
# shows and the statistics count by service date. Reply deadlines are deadline rows.
case_suggestions = Table(
    "case_suggestions",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("number", String(128), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("issuer", String(16), nullable=False),
    Column("issuer_name", String(128), nullable=False),
    Column("content", Text, nullable=False),
    Column("served_date", Date, nullable=False),
    Column("reply_due_date", Date),
    Column("reply_position", BigInteger),
    Column("reply_date", Date),
    Column("reply_content", Text),
    Index("ix_case_suggestions_served_date", "served_date"),
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
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("court", String(128), nullable=False),
    Index("ix_case_timeline_stream", "stream_id", "version", unique=True),
)
