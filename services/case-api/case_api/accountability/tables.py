"""Accountability read models (DOMAIN.md §6): procedures, responsible parties, decisions, recoveries."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
)

from case_api.platform.tables import metadata, path_type

accountability_cases = Table(
    "accountability_cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("pack", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
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
    Column("transfer_ground", String(64)),  # the pack ground the transfer cites, if any
    Column("transfer_ground_source", String(128)),
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
    # 市管干部 [002 第六条]: handed to a city organ (its pack id) instead of a county decision.
    Column("city_managed", Boolean, nullable=False, server_default=false()),
    Column("handed_to", String(64)),
    Column("handed_date", Date),
    Column("pack", String(32), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
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
    Column("risk_registration_id", String(36)),  # the 容错风险报备 a fault tolerance rests on
    Column("opinion_meeting_date", Date),  # the joint meeting whose opinion it rests on
    Column("deciding_agency", String(64)),  # its registry code, checked as superior organ
    Column("pack", String(32), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
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
    Column("jurisdiction_path", path_type(), nullable=False),
    Index("ix_accountability_recoveries_person", "person_id"),
)

# A joint meeting (联席会议 [001 八-十]) is the cases scheduled for one date in a
# jurisdiction: one row per case and meeting, with the meeting's written opinion on the case.
accountability_meetings = Table(
    "accountability_meetings",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("meeting_date", Date, primary_key=True),
    Column("seq", Integer, nullable=False),  # the order the case's meetings were scheduled in
    Column("pack", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("agenda", Text, nullable=False),
    Column("papers_sent_date", Date),
    Column("opinion_recorded_date", Date),
    Column("established", Boolean),
    Column("party_ids", JSON),
    Column("reasons", Text),
    Column("signatures", JSON),  # {member id → ISO date countersigned}
    Column("archived_date", Date),
    Index("ix_accountability_meetings_date", "meeting_date"),
)

# 纠正意见 [000 五(二)]: one row per opinion; ``reopened_decision`` keeps the decision as it
# stood (the decisions table then holds the unit's new one), ``redecided_date`` when made.
accountability_corrective_opinions = Table(
    "accountability_corrective_opinions",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", String(36), nullable=False),
    Column("party_id", String(64), nullable=False),
    Column("issued_by", String(128), nullable=False),
    Column("meeting_date", Date, nullable=False),
    Column("issued_date", Date, nullable=False),
    Column("improper", Text, nullable=False),
    Column("required_action", Text, nullable=False),
    Column("source", String(128), nullable=False),
    Column("reopened_decision", JSON, nullable=False),
    Column("redecided_date", Date),
    Column("jurisdiction_path", path_type(), nullable=False),
    Index("ix_accountability_corrective_opinions_case", "case_id", "party_id"),
)
