"""Kinds of proceeding on the case summaries

Each case records whether it is an administrative suit, a reconsideration decision, a civil
suit or a suit the agency brings; a reconsideration decision's outcome is kept beside it.
Cases filed before are administrative suits, which the column's default says without a
rebuild.

Revision ID: 5d1e7a3c9b42
Revises: 7e4a2d9c1b63
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5d1e7a3c9b42"
down_revision = "7e4a2d9c1b63"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_summaries") as batch:
        batch.add_column(
            sa.Column(
                "proceeding_kind",
                sa.String(32),
                nullable=False,
                server_default="administrative_suit",
            )
        )
        batch.add_column(sa.Column("reconsideration_outcome", sa.String(32)))
    op.create_index(
        "ix_case_summaries_proceeding_kind", "case_summaries", ["proceeding_kind", "filed_date"]
    )


def downgrade() -> None:
    op.drop_index("ix_case_summaries_proceeding_kind", table_name="case_summaries")
    with op.batch_alter_table("case_summaries") as batch:
        batch.drop_column("reconsideration_outcome")
        batch.drop_column("proceeding_kind")
