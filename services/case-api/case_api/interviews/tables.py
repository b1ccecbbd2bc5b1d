"""Interviews (约谈) as read: one row per interview, with the agency's jurisdiction path."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Index, String, Table, Text

from case_api.platform.tables import metadata, path_type

interviews = Table(
    "interviews",
    metadata,
    Column("interview_id", String(36), primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("jurisdiction_path", path_type(), nullable=False),
    Column("reference", String(64), nullable=False),
    Column("interview_date", Date, nullable=False),
    Column("interviewee_name", String(128), nullable=False),
    Column("interviewee_post", String(128), nullable=False),
    Column("interviewer", String(256), nullable=False),
    Column("reason", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("position", BigInteger, nullable=False),
    Index("ix_interviews_date", "interview_date", "interview_id"),
    Index("ix_interviews_agency", "agency", "interview_date"),
)
