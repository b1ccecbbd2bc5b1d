"""Joint meetings (联席会议 [001 八-十]): the cases each meeting considers, the written opinion
per case, its countersignatures and archiving; a decision's opinion meeting

``accountability_meetings`` fills from new events; run ``case-api rebuild`` after this upgrade
to list meetings scheduled before it.

Revision ID: 8c4f2b6e1a37
Revises: 5d1a7c3e9b24
Create Date: 2026-12-08 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "8c4f2b6e1a37"
down_revision = "5d1a7c3e9b24"
branch_labels = None
depends_on = None


def upgrade() -> None:
    path = sa.String(512).with_variant(sa.String(512, collation="C"), "postgresql")
    op.add_column("accountability_decisions", sa.Column("opinion_meeting_date", sa.Date()))
    op.create_table(
        "accountability_meetings",
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("pack", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", path, nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("papers_sent_date", sa.Date()),
        sa.Column("opinion_recorded_date", sa.Date()),
        sa.Column("established", sa.Boolean()),
        sa.Column("party_ids", sa.JSON()),
        sa.Column("reasons", sa.Text()),
        sa.Column("signatures", sa.JSON()),
        sa.Column("archived_date", sa.Date()),
        sa.PrimaryKeyConstraint("case_id", "meeting_date", name="pk_accountability_meetings"),
    )
    op.create_index("ix_accountability_meetings_date", "accountability_meetings", ["meeting_date"])


def downgrade() -> None:
    op.drop_index("ix_accountability_meetings_date", table_name="accountability_meetings")
    op.drop_table("accountability_meetings")
    op.drop_column("accountability_decisions", "opinion_meeting_date")
