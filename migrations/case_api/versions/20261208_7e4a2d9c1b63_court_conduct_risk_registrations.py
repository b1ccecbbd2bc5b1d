"""Court conduct on hearings (拒不到庭, 中途退庭), transfer grounds, risk registrations (容错风险报备)

Hearings recorded before court conduct was kept had neither, so both columns start false.
Registrations are projected from their events: a new table starts empty and fills as the
projection runs (or with ``case-api rebuild``).

Revision ID: 7e4a2d9c1b63
Revises: 5e7a1c3d9b20
Create Date: 2026-12-08 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7e4a2d9c1b63"
down_revision = "5e7a1c3d9b20"
branch_labels = None
depends_on = None


def _path() -> sa.String:
    return sa.String(512).with_variant(sa.String(512, collation="C"), "postgresql")  # type: ignore[return-value]


def upgrade() -> None:
    with op.batch_alter_table("case_hearings") as batch:
        for name in ("refused_to_attend", "left_without_permission"):
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    with op.batch_alter_table("accountability_cases") as batch:
        batch.add_column(sa.Column("transfer_ground", sa.String(64), nullable=True))
        batch.add_column(sa.Column("transfer_ground_source", sa.String(128), nullable=True))
    with op.batch_alter_table("accountability_decisions") as batch:
        batch.add_column(sa.Column("risk_registration_id", sa.String(36), nullable=True))
    op.create_table(
        "risk_registrations",
        sa.Column("registration_id", sa.String(36), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", _path(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("risk", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("registered_date", sa.Date(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("registration_id", name=op.f("pk_risk_registrations")),
    )
    op.create_index(
        "ix_risk_registrations_agency", "risk_registrations", ["agency", "registered_date"]
    )


def downgrade() -> None:
    op.drop_index("ix_risk_registrations_agency", table_name="risk_registrations")
    op.drop_table("risk_registrations")
    with op.batch_alter_table("accountability_decisions") as batch:
        batch.drop_column("risk_registration_id")
    with op.batch_alter_table("accountability_cases") as batch:
        batch.drop_column("transfer_ground_source")
        batch.drop_column("transfer_ground")
    with op.batch_alter_table("case_hearings") as batch:
        batch.drop_column("left_without_permission")
        batch.drop_column("refused_to_attend")
