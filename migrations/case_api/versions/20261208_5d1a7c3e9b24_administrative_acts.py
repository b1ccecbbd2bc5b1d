"""Administrative acts per agency and period (发案率); hearings called off by a conclusion

``administrative_acts`` is empty until an agency or bureau records a figure. Hearings gain
``called_off_position`` (the case was withdrawn or mediated before the hearing's day, so it
is not held): run ``case-api rebuild`` after this upgrade to fill it for concluded cases.

Revision ID: 5d1a7c3e9b24
Revises: 5d1e7a3c9b42
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5d1a7c3e9b24"
down_revision = "5d1e7a3c9b42"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_hearings", sa.Column("called_off_position", sa.BigInteger()))
    op.create_table(
        "administrative_acts",
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("acts", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("agency", "period", name="pk_administrative_acts"),
    )
    op.create_index(
        "ix_administrative_acts_period", "administrative_acts", ["period_start", "period_end"]
    )


def downgrade() -> None:
    op.drop_index("ix_administrative_acts_period", table_name="administrative_acts")
    op.drop_table("administrative_acts")
    op.drop_column("case_hearings", "called_off_position")
