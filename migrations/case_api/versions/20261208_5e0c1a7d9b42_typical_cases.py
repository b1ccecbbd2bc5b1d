"""Typical cases (典型案例) published by bureaus

Empty until a bureau publishes one: no rebuild is needed after this upgrade.

Revision ID: 5e0c1a7d9b42
Revises: b3c91d0e5a27
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5e0c1a7d9b42"
down_revision = "b3c91d0e5a27"
branch_labels = None
depends_on = None


def _path() -> sa.String:
    dialect = op.get_bind().dialect.name
    return sa.String(512, collation="C") if dialect == "postgresql" else sa.String(512)


def upgrade() -> None:
    op.create_table(
        "typical_cases",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("case_number", sa.String(128), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("subject_matter", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("lessons", sa.Text(), nullable=False),
        sa.Column("published_date", sa.Date(), nullable=False),
        sa.Column("withdrawn_date", sa.Date()),
        sa.Column("withdrawal_reason", sa.Text()),
        sa.Column("position", sa.BigInteger(), nullable=False),
    )
    op.create_index(
        "ix_typical_cases_published", "typical_cases", ["published_date", "jurisdiction_path"]
    )


def downgrade() -> None:
    op.drop_index("ix_typical_cases_published", table_name="typical_cases")
    op.drop_table("typical_cases")
