"""Typical cases as a read model: one row per published case, kept after a withdrawal."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Index, String, Table, Text

from case_api.platform.tables import metadata, path_type

typical_cases = Table(
    "typical_cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_number", String(128), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("subject_matter", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("lessons", Text, nullable=False),
    Column("published_date", Date, nullable=False),
    Column("withdrawn_date", Date),
    Column("withdrawal_reason", Text),
    Column("position", BigInteger, nullable=False),
    # A jurisdiction's list and its quarterly count both ask for one period.
    Index("ix_typical_cases_published", "published_date", "jurisdiction_path"),
)
