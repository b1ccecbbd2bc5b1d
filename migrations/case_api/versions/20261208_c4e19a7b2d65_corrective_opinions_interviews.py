"""Corrective opinions of the joint meeting (纠正意见) and interviews of agency heads (约谈)

Both are projected from their events: the new tables start empty and fill as the projection
runs (or with ``case-api rebuild``).

Revision ID: c4e19a7b2d65
Revises: 8c4f2b6e1a37
Create Date: 2026-12-08 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4e19a7b2d65"
down_revision = "8c4f2b6e1a37"
branch_labels = None
depends_on = None


def _path() -> sa.String:
    return sa.String(512).with_variant(sa.String(512, collation="C"), "postgresql")  # type: ignore[return-value]


def upgrade() -> None:
    op.create_table(
        "accountability_corrective_opinions",
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("party_id", sa.String(64), nullable=False),
        sa.Column("issued_by", sa.String(128), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("issued_date", sa.Date(), nullable=False),
        sa.Column("improper", sa.Text(), nullable=False),
        sa.Column("required_action", sa.Text(), nullable=False),
        sa.Column("source", sa.String(128), nullable=False),
        sa.Column("reopened_decision", sa.JSON(), nullable=False),
        sa.Column("redecided_date", sa.Date(), nullable=True),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_accountability_corrective_opinions")),
    )
    op.create_index(
        "ix_accountability_corrective_opinions_case",
        "accountability_corrective_opinions",
        ["case_id", "party_id"],
    )
    op.create_table(
        "interviews",
        sa.Column("interview_id", sa.String(36), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("interview_date", sa.Date(), nullable=False),
        sa.Column("interviewee_name", sa.String(128), nullable=False),
        sa.Column("interviewee_post", sa.String(128), nullable=False),
        sa.Column("interviewer", sa.String(256), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("interview_id", name=op.f("pk_interviews")),
    )
    op.create_index("ix_interviews_date", "interviews", ["interview_date", "interview_id"])
    op.create_index("ix_interviews_agency", "interviews", ["agency", "interview_date"])


def downgrade() -> None:
    op.drop_index("ix_interviews_agency", table_name="interviews")
    op.drop_index("ix_interviews_date", table_name="interviews")
    op.drop_table("interviews")
    op.drop_index(
        "ix_accountability_corrective_opinions_case",
        table_name="accountability_corrective_opinions",
    )
    op.drop_table("accountability_corrective_opinions")
