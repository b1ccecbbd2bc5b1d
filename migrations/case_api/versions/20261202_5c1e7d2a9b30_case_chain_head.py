"""The case summary keeps its chain head, so reading a case needs no event-store query

Revision ID: 5c1e7d2a9b30
Revises: ad952fcd828f
Create Date: 2026-12-02 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5c1e7d2a9b30"
down_revision = "ad952fcd828f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_summaries") as batch:
        batch.add_column(sa.Column("chain_head", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_summaries") as batch:
        batch.drop_column("chain_head")
