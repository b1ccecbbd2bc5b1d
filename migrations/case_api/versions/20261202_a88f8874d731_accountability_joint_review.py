"""An accountability case keeps its joint review (会同联合审核): units, grounds, positions

Revision ID: a88f8874d731
Revises: 5c1e7d2a9b30
Create Date: 2026-12-02 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a88f8874d731"
down_revision = "5c1e7d2a9b30"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accountability_cases") as batch:
        batch.add_column(sa.Column("joint_review", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accountability_cases") as batch:
        batch.drop_column("joint_review")
