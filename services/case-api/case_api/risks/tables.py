"""Risk registrations (容错风险报备) as read: one row per registration."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Index, String, Table, Text

from case_api.platform.tables import metadata, path_type

risk_registrations = Table(
    "risk_registrations",
    metadata,
    Column("registration_id", String(36), primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("reference", String(64), nullable=False),
    Column("decision", Text, nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("risk", Text, nullable=False),
    Column("measures", Text, nullable=False),
    Column("registered_date", Date, nullable=False),
    Column("position", BigInteger, nullable=False),
    Index("ix_risk_registrations_agency", "agency", "registered_date"),
)
