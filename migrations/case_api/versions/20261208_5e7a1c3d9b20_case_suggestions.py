"""Judicial and procuratorial suggestions (司法建议 / 检察建议) as a read model

Each suggestion served on a case, with the agency's reply, counted by service date in the
statistics, which find each one's reply deadline by the event that triggered it (an index on
the deadlines by case and trigger position). The table is filled by projecting the events: run ``case-api rebuild`` after
this upgrade if suggestions were recorded before it (none could be: the events are new).

Revision ID: 5e7a1c3d9b20
Revises: 5e0c1a7d9b42
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5e7a1c3d9b20"
down_revision = "5e0c1a7d9b42"
branch_labels = None
depends_on = None


def upgrade() -> None:
    path = sa.String(512).with_variant(sa.String(512, collation="C"), "postgresql")
    op.create_table(
        "case_suggestions",
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(128), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", path, nullable=False),
        sa.Column("issuer", sa.String(16), nullable=False),
        sa.Column("issuer_name", sa.String(128), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("served_date", sa.Date(), nullable=False),
        sa.Column("reply_due_date", sa.Date()),
        sa.Column("reply_position", sa.BigInteger()),
        sa.Column("reply_date", sa.Date()),
        sa.Column("reply_content", sa.Text()),
        sa.PrimaryKeyConstraint("case_id", "number", name="pk_case_suggestions"),
    )
    op.create_index("ix_case_suggestions_served_date", "case_suggestions", ["served_date"])
    op.create_index("ix_deadlines_trigger", "deadlines", ["case_id", "trigger_position"])


def downgrade() -> None:
    op.drop_index("ix_deadlines_trigger", table_name="deadlines")
    op.drop_index("ix_case_suggestions_served_date", table_name="case_suggestions")
    op.drop_table("case_suggestions")
