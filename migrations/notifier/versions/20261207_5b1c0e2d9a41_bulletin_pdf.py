"""bulletins keep a print-ready PDF beside the HTML and XLSX

Revision ID: 5b1c0e2d9a41
Revises: 974711af4ddf
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5b1c0e2d9a41"
down_revision = "974711af4ddf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: bulletins built before this revision have no PDF.
    with op.batch_alter_table("bulletins") as batch:
        batch.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bulletins") as batch:
        batch.drop_column("pdf")
