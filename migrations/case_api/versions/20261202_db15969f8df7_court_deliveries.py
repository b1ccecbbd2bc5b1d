"""Court deliveries and their receipts

Revision ID: db15969f8df7
Revises: 3a7dad95db17
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "db15969f8df7"
down_revision = "3a7dad95db17"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "court_keys",
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("court", sa.String(128), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_court_keys")),
    )
    op.create_index("ix_court_keys_court", "court_keys", ["court"])
    op.create_table(
        "court_deliveries",
        sa.Column("court", sa.String(128), nullable=False),
        sa.Column("delivery_id", sa.String(128), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("receipt", sa.Text()),
        sa.Column("receipt_timestamp", sa.BigInteger()),
        sa.Column("receipt_signature", sa.Text()),
        sa.PrimaryKeyConstraint("court", "delivery_id", name=op.f("pk_court_deliveries")),
    )


def downgrade() -> None:
    op.drop_table("court_deliveries")
    op.drop_index("ix_court_keys_court", table_name="court_keys")
    op.drop_table("court_keys")
