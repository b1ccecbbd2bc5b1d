"""Mediation register (调解中心、工作站、调解员库) and mediation attempts with their outcomes

The tables are projected from their events: they start empty and fill as the projection runs
(or with ``case-api rebuild``), attempts recorded before mediators were named included.

Revision ID: 8c3f1a6e2d57
Revises: c4e19a7b2d65
Create Date: 2026-12-08 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "8c3f1a6e2d57"
down_revision = "c4e19a7b2d65"
branch_labels = None
depends_on = None


def _path() -> sa.String:
    return sa.String(512).with_variant(sa.String(512, collation="C"), "postgresql")  # type: ignore[return-value]


def upgrade() -> None:
    op.create_table(
        "mediation_centres",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("centre_id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("station_of", sa.String(64), nullable=True),
        sa.Column("pack_entry", sa.String(64), nullable=True),
        sa.Column("source", sa.String(200), nullable=True),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_mediation_centres")),
        sa.UniqueConstraint("centre_id", name=op.f("uq_mediation_centres_centre_id")),
    )
    op.create_index("ix_mediation_centres_path", "mediation_centres", ["jurisdiction_path", "code"])
    op.create_table(
        "mediators",
        sa.Column("mediator_id", sa.String(36), nullable=False),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("roster_number", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("speciality", sa.Text(), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=False),
        sa.Column("active_to", sa.Date(), nullable=True),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("mediator_id", name=op.f("pk_mediators")),
    )
    op.create_index("ix_mediators_centre", "mediators", ["centre", "name", "mediator_id"])
    op.create_index("ix_mediators_path", "mediators", ["jurisdiction_path", "name", "mediator_id"])
    op.create_table(
        "mediation_attempts",
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("mediator_id", sa.String(36), nullable=True),
        sa.Column("centre", sa.String(64), nullable=True),
        sa.Column("attempted_date", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("outcome_date", sa.Date(), nullable=True),
        sa.Column("conclusion", sa.String(16), nullable=True),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "number", name=op.f("pk_mediation_attempts")),
    )
    op.create_index("ix_mediation_attempts_attempted", "mediation_attempts", ["attempted_date"])
    op.create_index("ix_mediation_attempts_outcome", "mediation_attempts", ["outcome_date"])


def downgrade() -> None:
    op.drop_index("ix_mediation_attempts_outcome", table_name="mediation_attempts")
    op.drop_index("ix_mediation_attempts_attempted", table_name="mediation_attempts")
    op.drop_table("mediation_attempts")
    op.drop_index("ix_mediators_path", table_name="mediators")
    op.drop_index("ix_mediators_centre", table_name="mediators")
    op.drop_table("mediators")
    op.drop_index("ix_mediation_centres_path", table_name="mediation_centres")
    op.drop_table("mediation_centres")
