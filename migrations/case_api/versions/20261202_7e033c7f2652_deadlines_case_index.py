"""Index deadlines by case: projecting a case's deadlines replaces its rows

Revision ID: 7e033c7f2652
Revises: d9acd108a7d9
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

from alembic import op

revision = "7e033c7f2652"
down_revision = "d9acd108a7d9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_deadlines_case", "deadlines", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_deadlines_case", table_name="deadlines")
