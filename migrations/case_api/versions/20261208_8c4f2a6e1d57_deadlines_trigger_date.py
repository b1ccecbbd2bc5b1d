"""Deadlines by the day their trigger happened: the statistics count risks of losing
[003 二(三)2] in the period they were found, bounded by this index.

Revision ID: 8c4f2a6e1d57
Revises: 8c4f2b6e1d39
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

from alembic import op

revision = "8c4f2a6e1d57"
down_revision = "8c4f2b6e1d39"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_deadlines_trigger_date", "deadlines", ["trigger_date"])


def downgrade() -> None:
    op.drop_index("ix_deadlines_trigger_date", table_name="deadlines")
