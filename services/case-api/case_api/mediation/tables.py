"""The mediation register as read, and every mediation attempt with its outcome."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Index, Integer, String, Table, Text

from case_api.platform.tables import metadata, path_type

mediation_centres = Table(
    "mediation_centres",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("centre_id", String(36), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("station_of", String(64)),  # the centre a 工作站 belongs to; None for a centre
    Column("pack_entry", String(64)),
    Column("source", String(200)),
    Column("position", BigInteger, nullable=False),
    Index("ix_mediation_centres_path", "jurisdiction_path", "code"),
)

mediators = Table(
    "mediators",
    metadata,
    Column("mediator_id", String(36), primary_key=True),
    Column("centre", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),  # the centre's
    Column("roster_number", String(64), nullable=False),
    Column("name", String(100), nullable=False),
    Column("speciality", Text, nullable=False),
    Column("active_from", Date, nullable=False),
    Column("active_to", Date),
    Column("position", BigInteger, nullable=False),
    Index("ix_mediators_centre", "centre", "name", "mediator_id"),
    Index("ix_mediators_path", "jurisdiction_path", "name", "mediator_id"),
)

mediation_attempts = Table(
    "mediation_attempts",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),  # the case's
    Column("mediator_id", String(36)),  # None: attempts recorded without a mediator
    Column("centre", String(64)),
    Column("attempted_date", Date, nullable=False),
    Column("outcome", String(16)),  # settled / failed; None while open
    Column("outcome_date", Date),
    Column("conclusion", String(16)),  # mediated / withdrawn, for a settled attempt
    Column("position", BigInteger, nullable=False),
    # The figures count a period's rows by these dates, so their cost follows the period.
    Index("ix_mediation_attempts_attempted", "attempted_date"),
    Index("ix_mediation_attempts_outcome", "outcome_date"),
)
